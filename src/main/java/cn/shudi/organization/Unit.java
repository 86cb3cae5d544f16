package cn.shudi.organization;

/**
 * A department, township, command centre or establishment office of one jurisdiction.
 *
 * @param jurisdiction code of the jurisdiction (also its tenant id)
 * @param code unit code, unique within the jurisdiction
 * @param name full official name
 * @param shortName the name the responsibility list uses
 */
public record Unit(String jurisdiction, String code, String name, String shortName, UnitType type) {

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
}
