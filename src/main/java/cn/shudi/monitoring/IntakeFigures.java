package cn.shudi.monitoring;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.OptionalDouble;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import cn.shudi.intake.IntakeRates;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * The intake's three rates (响应率, 解决率, 满意率) of a month for the dashboard, per unit (the unit a request was
 * dispatched to) and per township (where the request came from), through the intake's read API
 * ({@link IntakeRates}, formula {@value IntakeRates#FORMULA}, docs/intake-rates.md). Where the intake is not there
 * (a bare engine) or its tables do not answer, the section stays empty with a note.
 */
class IntakeFigures {

  static final String NOTE_MISSING = "诉求受理模块未启用，暂无诉求办理率。";
  static final String NOTE_UNREADABLE = "诉求受理表暂不可读，暂不显示（详见服务器日志）。";
  static final String NOTE_SOURCE = "诉求受理·研判派单：响应率 = 3个工作日内签收或退单 ÷ 派单数（已签收、退单或已超时的派单）；"
      + "解决率 = 已解决 ÷ 有效回访；"
      + "满意率 =（满意 + 0.9 × 基本满意）÷ 有效回访（计算口径 " + IntakeRates.FORMULA + "）。无分母的比率显示为“—”。";

  private static final Logger LOG = LoggerFactory.getLogger(IntakeFigures.class);

  /**
   * What the dashboard's intake section shows (JSON of {@code GET …/intake-rates}).
   *
   * @param month {@code yyyy-MM}: the month asked for, or the current month of the county (engine clock)
   * @param units per unit the requests were dispatched to
   * @param townships per township the requests came from
   */
  public record Table(boolean available, String note, String month, String formula, List<Line> units,
      List<Line> townships) {
  }

  /**
   * One unit's or township's month; a rate is null when it has no denominator (shown as —).
   *
   * @param unit the unit's group, e.g. {@code zhangqiu_market}
   * @param type 区直/县直部门, 镇街, 指挥中心, …
   */
  public record Line(String jurisdiction, String month, String unit, String name, String type, int dispatched,
      int answeredInTime, Double responseRate, int validCallbacks, Double solutionRate, Double satisfactionRate,
      int returned, int offList) {
  }

  private final IntakeRates rates;
  private final Organization organization;

  IntakeFigures(IntakeRates rates, Organization organization) {
    this.rates = rates;
    this.organization = organization;
  }

  /**
   * The month's rates of the counties in scope, in the order of {@code jurisdictions.csv}.
   *
   * @param month the month, or null for each county's current month at {@code now}
   */
  Table of(MonitoringScope scope, Date now, YearMonth month) {
    YearMonth shown = month;
    if (rates == null) {
      return new Table(false, NOTE_MISSING, shown == null ? null : shown.toString(), IntakeRates.FORMULA, List.of(),
          List.of());
    }
    List<Line> units = new ArrayList<>();
    List<Line> townships = new ArrayList<>();
    try {
      for (Jurisdiction county : organization.jurisdictions()) {
        if (!scope.includes(county.tenantId())) {
          continue;
        }
        YearMonth of = month != null ? month : YearMonth.from(now.toInstant().atZone(county.zone()));
        shown = shown == null ? of : shown;
        IntakeRates.Month figures = rates.of(county, of);
        figures.units().forEach(r -> units.add(line(county, of, r)));
        figures.townships().forEach(r -> townships.add(line(county, of, r)));
      }
    } catch (DataAccessException e) {
      LOG.warn("诉求办理率读取失败：{}", e.getMessage());
      return new Table(false, NOTE_UNREADABLE, shown == null ? null : shown.toString(), IntakeRates.FORMULA,
          List.of(), List.of());
    }
    return new Table(true, NOTE_SOURCE, shown == null ? null : shown.toString(), IntakeRates.FORMULA, units,
        townships);
  }

  private static Line line(Jurisdiction county, YearMonth month, IntakeRates.Rates r) {
    Unit unit = county.unit(r.unit()).orElse(null);
    return new Line(county.tenantId(), month.toString(), unit == null ? r.unit() : unit.groupId(), r.name(),
        unit == null ? "" : unit.type().label(), r.dispatched(), r.answeredInTime(), value(r.responseRate()),
        r.validCallbacks(), value(r.solutionRate()), value(r.satisfactionRate()), r.returned(), r.offList());
  }

  private static Double value(OptionalDouble rate) {
    return rate.isPresent() ? rate.getAsDouble() : null;
  }
}
