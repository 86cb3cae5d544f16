package cn.shudi.organization;

import java.util.List;

/**
 * A department, township, stationed agency, command centre or establishment office of one jurisdiction.
 *
 * @param jurisdiction code of the jurisdiction (also its tenant id)
 * @param code unit code, unique within the jurisdiction
 * @param name full official name
 * @param shortName the name the responsibility list uses
 * @param aliases other names published lists use for the unit (units.csv column {@code aliases}, separated by 、)
 * @param parent a stationed agency's department (its unit code); null for every other unit
 * @param township a stationed agency's township (its unit code); null for every other unit
 */
public record Unit(String jurisdiction, String code, String name, String shortName, UnitType type,
    List<String> aliases, String parent, String township) {

  public Unit {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  /** Whether the list may name the unit so: its short name, its full name or one of its aliases. */
  public boolean isNamed(String text) {
    return shortName.equals(text) || name.equals(text) || aliases.contains(text);
  }

  /** The Camunda group of the unit's staff: candidate group of the unit's tasks. */
  public String groupId() {
    return jurisdiction + "_" + code;
  }

  public boolean isTownship() {
    return type == UnitType.TOWNSHIP;
  }

  public boolean isDepartment() {
    return type == UnitType.DEPARTMENT;
  }

  /** A department's agency stationed in a township (派驻机构). */
  public boolean isStation() {
    return type == UnitType.STATION;
  }
}
