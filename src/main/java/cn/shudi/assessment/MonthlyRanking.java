package cn.shudi.assessment;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import cn.shudi.organization.UnitType;

/**
 * The monthly assessment of one county: departments and townships ranked separately.
 *
 * @param jurisdictionName the county's short name, e.g. 章丘区
 * @param computedAt the county's local time (Asia/Shanghai) by the engine clock
 * @param exportFile where the .xlsx was written, if it was
 */
record MonthlyRanking(String id, String jurisdiction, String jurisdictionName, YearMonth period,
    String formulaVersion, LocalDateTime computedAt, List<UnitResult> departments, List<UnitResult> townships,
    String exportFile) {

  public MonthlyRanking {
    departments = List.copyOf(departments);
    townships = List.copyOf(townships);
  }

  public List<UnitResult> of(UnitType kind) {
    return kind == UnitType.DEPARTMENT ? departments : townships;
  }

  /** The commended departments (表扬), best first. */
  public List<UnitResult> commendedDepartments() {
    return with(departments, Outcome.COMMENDED);
  }

  /** The summoned departments (约谈), best first. */
  public List<UnitResult> summonedDepartments() {
    return with(departments, Outcome.SUMMONED);
  }

  /** The summoned townships (约谈), best first. */
  public List<UnitResult> summonedTownships() {
    return with(townships, Outcome.SUMMONED);
  }

  public MonthlyRanking withExportFile(String file) {
    return new MonthlyRanking(id, jurisdiction, jurisdictionName, period, formulaVersion, computedAt, departments,
        townships, file);
  }

  private static List<UnitResult> with(List<UnitResult> units, Outcome outcome) {
    return units.stream().filter(u -> u.outcome() == outcome).toList();
  }

  Stream<UnitResult> all() {
    return Stream.concat(departments.stream(), townships.stream());
  }
}
