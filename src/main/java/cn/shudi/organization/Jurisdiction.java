package cn.shudi.organization;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * A district or county with its units; each becomes one Camunda tenant. Its units are looked up by code, by group
 * and (for a stationed agency) by department and township on every task the engine creates, so they are indexed.
 */
public final class Jurisdiction {

  private final String code;
  private final String name;
  private final String shortName;
  private final String prefecture;
  private final ZoneId zone;
  private final List<Unit> units;
  private final Map<String, Unit> byCode;
  private final Map<String, Unit> byGroup;
  /** Stationed agencies by their department's and township's groups ({@link #stationKey}). */
  private final Map<String, Unit> stations = new HashMap<>();
  private final List<Grid> grids;
  private final Map<String, Grid> gridsByCode;

  /**
   * @param code lower-case code, also the tenant id and the folder under {@code jurisdictions/}
   * @param zone the county's time zone: working days, deadlines, months and stored local times are in it
   */
  public Jurisdiction(String code, String name, String shortName, String prefecture, ZoneId zone, List<Unit> units) {
    this(code, name, shortName, prefecture, zone, units, List.of());
  }

  /**
   * @param grids the county's basic grids ({@code grids.csv}), in the file's order; none when it has no such file
   */
  public Jurisdiction(String code, String name, String shortName, String prefecture, ZoneId zone, List<Unit> units,
      List<Grid> grids) {
    this.code = code;
    this.name = name;
    this.shortName = shortName;
    this.prefecture = prefecture;
    this.zone = zone;
    this.units = List.copyOf(units);
    this.byCode = this.units.stream().collect(Collectors.toMap(Unit::code, Function.identity(), (a, b) -> a));
    this.byGroup = this.units.stream().collect(Collectors.toMap(Unit::groupId, Function.identity(), (a, b) -> a));
    for (Unit unit : this.units) {
      if (unit.isStation() && byCode.containsKey(unit.parent()) && byCode.containsKey(unit.township())) {
        stations.putIfAbsent(stationKey(byCode.get(unit.parent()).groupId(), byCode.get(unit.township()).groupId()),
            unit);
      }
    }
    this.grids = List.copyOf(grids);
    this.gridsByCode = this.grids.stream().collect(Collectors.toMap(Grid::code, Function.identity(), (a, b) -> a));
  }

  public String code() {
    return code;
  }

  public String name() {
    return name;
  }

  public String shortName() {
    return shortName;
  }

  public String prefecture() {
    return prefecture;
  }

  public ZoneId zone() {
    return zone;
  }

  public List<Unit> units() {
    return units;
  }

  /** The county's basic grids (基础网格) in the order of {@code grids.csv}; empty when the county has no such file. */
  public List<Grid> grids() {
    return grids;
  }

  /** The grid of a code; none for a null or unknown code (a request's grid given as a code is checked so). */
  public Optional<Grid> grid(String gridCode) {
    return Optional.ofNullable(gridCode == null ? null : gridsByCode.get(gridCode.strip()));
  }

  /** The grids of a township (its unit code), in the file's order; empty for an unknown township. */
  public List<Grid> gridsOf(String township) {
    return grids.stream().filter(g -> g.township().equals(township)).toList();
  }

  public String tenantId() {
    return code;
  }

  /** The county's wall-clock time now, by the engine's clock (which tests move), to the second. */
  public LocalDateTime now() {
    return LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone).withNano(0);
  }

  public Optional<Unit> unit(String unitCode) {
    return Optional.ofNullable(unitCode == null ? null : byCode.get(unitCode));
  }

  /** Finds a unit by its Camunda group ({@code zhangqiu_market}); none for a null or unknown group. */
  public Optional<Unit> unitOfGroup(String groupId) {
    return Optional.ofNullable(groupId == null ? null : byGroup.get(groupId));
  }

  /**
   * The department's agency stationed in the township (派驻机构), by their groups ({@code zhangqiu_market},
   * {@code zhangqiu_mingshui}); none when the department has no agency there or either group is unknown.
   */
  public Optional<Unit> stationOf(String departmentGroup, String townshipGroup) {
    return departmentGroup == null || townshipGroup == null ? Optional.empty()
        : Optional.ofNullable(stations.get(stationKey(departmentGroup, townshipGroup)));
  }

  private static String stationKey(String departmentGroup, String townshipGroup) {
    return departmentGroup + "|" + townshipGroup;
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

  /** The departments' agencies stationed in the townships (派驻机构). */
  public List<Unit> stations() {
    return unitsOfType(UnitType.STATION);
  }

  public Unit commandCentre() {
    return unitsOfType(UnitType.COMMAND_CENTRE).get(0);
  }

  public Unit establishmentOffice() {
    return unitsOfType(UnitType.ESTABLISHMENT_OFFICE).get(0);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Jurisdiction j && code.equals(j.code) && name.equals(j.name) && units.equals(j.units)
        && grids.equals(j.grids);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, name, units);
  }

  @Override
  public String toString() {
    return "Jurisdiction[" + code + " " + shortName + ", " + units.size() + " units, " + grids.size() + " grids]";
  }
}
