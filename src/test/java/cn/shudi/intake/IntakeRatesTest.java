package cn.shudi.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Unit;
import cn.shudi.organization.UnitType;

/**
 * The formula of docs/intake-rates.md ({@value IntakeRates#FORMULA}), one rule per test: on {@link IntakeRates.Rates}
 * directly, and on the month's rows as {@link IntakeStore} reads them (no database).
 */
class IntakeRatesTest {

  static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
  static final Jurisdiction COUNTY = new Jurisdiction("zhangqiu", "济南市章丘区", "章丘区", "济南市",
      ZoneId.of("Asia/Shanghai"), List.of(unit("market", "区市场监管局", UnitType.DEPARTMENT),
          unit("housing", "区住建局", UnitType.DEPARTMENT), unit("mingshui", "明水街道", UnitType.TOWNSHIP),
          unit("longshan", "龙山街道", UnitType.TOWNSHIP)));

  static Unit unit(String code, String name, UnitType type) {
    return new Unit("zhangqiu", code, name, name, type, List.of(), null, null);
  }

  /** A unit's month: dispatched, answered in time, valid callbacks, solved, 满意, 基本满意, 不满意. */
  static IntakeRates.Rates rates(int dispatched, int answered, int callbacks, int solved, int satisfied, int basically,
      int dissatisfied) {
    return new IntakeRates.Rates("market", "区市场监管局", dispatched, answered, 0, 0, 0, callbacks, solved, satisfied,
        basically, dissatisfied);
  }

  static LocalDateTime at(int day, int hour) {
    return NOVEMBER.atDay(day).atTime(hour, 0);
  }

  /** A dispatch to the unit from the township on the given day at 09:00, due three days later at 09:00. */
  static IntakeStore.Dispatch dispatch(String unit, String township, int day, LocalDateTime answeredAt, String answer) {
    return new IntakeStore.Dispatch("d" + day + unit + answer, "zhangqiu", "r" + day, unit, township, at(day, 9),
        at(day + 3, 9), answeredAt, answer, null, null, null);
  }

  static IntakeStore.Callback callback(String unit, String township, boolean reached, Boolean solved, String rating) {
    return new IntakeStore.Callback(unit + township + reached + solved + rating + Math.random(), "zhangqiu", "r",
        unit, township, reached, solved, rating, null, "zhangqiu_dispatcher", at(20, 10));
  }

  static IntakeRates.Rates of(List<IntakeRates.Rates> all, String code) {
    return all.stream().filter(r -> r.unit().equals(code)).findFirst()
        .orElseThrow(() -> new AssertionError("no figures for " + code + " in " + all));
  }

  static double value(OptionalDouble rate) {
    assertThat(rate).isPresent();
    return rate.getAsDouble();
  }

  @Test
  void theFormulaHasAVersion() {
    assertThat(IntakeRates.FORMULA).isEqualTo("intake-rates v1");
    assertThat(IntakeRates.of(COUNTY, NOVEMBER, List.of(), List.of(), List.of()).formula())
        .isEqualTo(IntakeRates.FORMULA);
  }

  @Test
  void onlyCallbacksThatReachedTheRequesterCount() {
    List<IntakeStore.Callback> callbacks = List.of(callback("market", "mingshui", true, true, "satisfied"),
        callback("market", "mingshui", true, false, "dissatisfied"),
        // not reached: neither in the numerator nor in the denominator, whatever else was written down
        callback("market", "mingshui", false, null, null),
        callback("market", "longshan", false, true, "satisfied"));
    IntakeRates.Month month = IntakeRates.of(COUNTY, NOVEMBER, List.of(), callbacks, List.of());

    IntakeRates.Rates market = of(month.units(), "market");
    assertThat(market.validCallbacks()).isEqualTo(2);
    assertThat(market.solved()).isOne();
    assertThat(market.satisfied()).isOne();
    assertThat(value(market.solutionRate())).isEqualTo(0.5);
    assertThat(value(market.satisfactionRate())).isEqualTo(0.5);
    assertThat(month.townships()).extracting(IntakeRates.Rates::unit)
        .as("a township with unreached callbacks only has nothing to show").containsExactly("mingshui");
    assertThat(of(month.townships(), "mingshui").validCallbacks()).isEqualTo(2);

    assertThat(value(rates(0, 0, 4, 3, 4, 0, 0).solutionRate())).isEqualTo(0.75);
    assertThat(value(rates(0, 0, 4, 3, 4, 0, 0).satisfactionRate())).as("valid callbacks are the denominator")
        .isEqualTo(1.0);
  }

  @Test
  void basicallySatisfiedWeighsPointNine() {
    IntakeRates.Rates worked = rates(0, 0, 3, 2, 1, 1, 1);
    assertThat(worked.satisfactionPoints()).isCloseTo(1.9, offset(1e-12));
    assertThat(value(worked.satisfactionRate())).as("(1 + 0.9 × 1) ÷ 3").isCloseTo(1.9 / 3, offset(1e-12));
    assertThat(value(rates(0, 0, 2, 2, 0, 2, 0).satisfactionRate())).isCloseTo(0.9, offset(1e-12));
    assertThat(value(rates(0, 0, 1, 0, 0, 0, 1).satisfactionRate())).as("不满意 counts nothing").isZero();

    List<IntakeStore.Callback> callbacks = List.of(callback("housing", "longshan", true, true, "satisfied"),
        callback("housing", "longshan", true, true, "basically_satisfied"));
    IntakeRates.Rates housing = of(IntakeRates.of(COUNTY, NOVEMBER, List.of(), callbacks, List.of()).units(),
        "housing");
    assertThat(housing.basicallySatisfied()).isOne();
    assertThat(value(housing.satisfactionRate())).isCloseTo(0.95, offset(1e-12));
  }

  @Test
  void aRateWithoutADenominatorHasNoFigure() {
    IntakeRates.Rates nothing = rates(0, 0, 0, 0, 0, 0, 0);
    assertThat(nothing.responseRate()).isEmpty();
    assertThat(nothing.solutionRate()).isEmpty();
    assertThat(nothing.satisfactionRate()).isEmpty();

    IntakeRates.Rates dispatchedOnly = rates(2, 0, 0, 0, 0, 0, 0);
    assertThat(value(dispatchedOnly.responseRate())).as("0 answered of 2 is 0 %, a figure").isZero();
    assertThat(dispatchedOnly.solutionRate()).as("no valid callback: no figure, not 0").isEmpty();
    assertThat(dispatchedOnly.satisfactionRate()).isEmpty();

    IntakeRates.Rates calledBackOnly = rates(0, 0, 1, 1, 1, 0, 0);
    assertThat(calledBackOnly.responseRate()).as("no dispatch in the month: no figure, not 100 %").isEmpty();

    IntakeRates.Month empty = IntakeRates.of(COUNTY, NOVEMBER, List.of(), List.of(), List.of());
    assertThat(empty.units()).as("units with nothing in the month are not listed").isEmpty();
    assertThat(empty.townships()).isEmpty();
  }

  @Test
  void anAnswerAfterTheDeadlineIsNotCounted() {
    List<IntakeStore.Dispatch> dispatches = new ArrayList<>();
    dispatches.add(dispatch("market", "mingshui", 2, at(3, 10), "accepted")); // signed in time
    dispatches.add(dispatch("market", "mingshui", 9, at(10, 15), "returned")); // returned in time: an answer
    dispatches.add(dispatch("market", "mingshui", 16, at(19, 9), "accepted")); // at the deadline minute: in time
    dispatches.add(dispatch("market", "longshan", 23, at(26, 10), "accepted")); // an hour late
    dispatches.add(dispatch("market", "longshan", 24, null, "lapsed")); // 签收已超时
    IntakeRates.Month month = IntakeRates.of(COUNTY, NOVEMBER, dispatches, List.of(), List.of());

    IntakeRates.Rates market = of(month.units(), "market");
    assertThat(market.dispatched()).isEqualTo(5);
    assertThat(market.answeredInTime()).isEqualTo(3);
    assertThat(market.returned()).isOne();
    assertThat(value(market.responseRate())).isEqualTo(0.6);
    assertThat(of(month.townships(), "longshan").answeredInTime()).as("late and lapsed").isZero();
    assertThat(value(of(month.townships(), "longshan").responseRate())).isZero();
    assertThat(value(of(month.townships(), "mingshui").responseRate())).isEqualTo(1.0);
  }

  @Test
  void aDispatchStillWithinItsThreeDaysAndUnansweredIsNotCountedYet() {
    List<IntakeStore.Dispatch> dispatches = List.of(dispatch("market", "mingshui", 2, at(3, 10), "accepted"),
        dispatch("market", "mingshui", 26, null, null));

    IntakeRates.Rates market = of(IntakeRates.of(COUNTY, NOVEMBER, dispatches, List.of(), List.of()).units(),
        "market");

    assertThat(market.dispatched()).isOne();
    assertThat(value(market.responseRate())).isEqualTo(1.0);
  }

  @Test
  void theWorkedExampleOfTheDocument() {
    // docs/intake-rates.md: four dispatches (signed, returned, signed late, lapsed), four callbacks (one not reached)
    List<IntakeStore.Dispatch> dispatches = List.of(dispatch("market", "mingshui", 2, at(3, 10), "accepted"),
        dispatch("market", "mingshui", 9, at(10, 15), "returned"),
        dispatch("market", "mingshui", 16, at(20, 9), "accepted"), dispatch("market", "mingshui", 23, null, "lapsed"));
    List<IntakeStore.Callback> callbacks = List.of(callback("market", "mingshui", true, true, "satisfied"),
        callback("market", "mingshui", true, true, "basically_satisfied"),
        callback("market", "mingshui", true, false, "dissatisfied"), callback("market", "mingshui", false, null, null));
    IntakeRates.Rates market = of(IntakeRates.of(COUNTY, NOVEMBER, dispatches, callbacks, List.of()).units(),
        "market");
    assertThat(value(market.responseRate())).isEqualTo(0.5);
    assertThat(market.validCallbacks()).isEqualTo(3);
    assertThat(value(market.solutionRate())).isCloseTo(2 / 3.0, offset(1e-12));
    assertThat(value(market.satisfactionRate())).isCloseTo(1.9 / 3, offset(1e-12));
    assertThat(market.returned()).isOne();
    assertThat(market.name()).isEqualTo("区市场监管局");
  }
}
