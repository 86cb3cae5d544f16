package cn.shudi.organization;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * A district or county with its units; each becomes one Camunda tenant.
 *
 * @param code lower-case code, also the tenant id and the folder under {@code jurisdictions/}
 * @param zone the county's time zone: working days, deadlines, months and stored local times are in it
 */
public record Jurisdiction(String code, String name, String shortName, String prefecture, ZoneId zone,
    List<Unit> units) {

  public Jurisdiction {
    units = List.copyOf(units);
  }

  public String tenantId() {
    return code;
  }

  /** The county's wall-clock time now, by the engine's clock (which tests move), to the second. */
  public LocalDateTime now() {
    return LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone).withNano(0);
  }

  public Optional<Unit> unit(String unitCode) {
    return units.stream().filter(u -> u.code().equals(unitCode)).findFirst();
  }

  /** Finds a unit by its Camunda group ({@code zhangqiu_market}); none for a null or unknown group. */
  public Optional<Unit> unitOfGroup(String groupId) {
    return groupId == null ? Optional.empty() : units.stream().filter(u -> u.groupId().equals(groupId)).findFirst();
  }

  /** Finds a unit by the name the list uses (short name), by its full name or by an alias (units.csv). */
  public Optional<Unit> unitNamed(String name) {
    return units.stream().filter(u -> u.isNamed(name)).findFirst();
  }

  public List<Unit> unitsOfType(UnitType type) {
    return units.stream().filter(u -> u.type() == type).toList();
  }

  public List<Unit> townships() {
    return unitsOfType(UnitType.TOWNSHIP);
  }

  public List<Unit> departments() {
    return unitsOfType(UnitType.DEPARTMENT);
  }

  public Unit commandCentre() {
    return unitsOfType(UnitType.COMMAND_CENTRE).get(0);
  }

  public Unit establishmentOffice() {
    return unitsOfType(UnitType.ESTABLISHMENT_OFFICE).get(0);
  }
}
