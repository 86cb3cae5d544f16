package cn.shudi.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import cn.shudi.organization.UnitType;

/**
 * Formula 2026.3 on a fixed month (docs/ranking-formula.md): scores, order, ties, commended and summoned; the
 * intake's rates as the terms V (诉求满意率) and D (诉求响应率).
 */
class RankingFormulaTest {

  /** A department's or township's month: due/on-time tasks, due/on-time calls, ratings, rating points, refusals. */
  static UnitMetrics unit(String code, UnitType kind, int tasksDue, int tasksOnTime, int callsDue, int callsOnTime,
      int ratings, double points, int refusals) {
    return new UnitMetrics(code, "zhangqiu_" + code, code, kind, tasksDue, tasksOnTime, callsDue, callsOnTime, ratings,
        points, refusals);
  }

  static UnitMetrics department(String code, int tasksDue, int tasksOnTime, int callsDue, int callsOnTime,
      int ratings, double points, int refusals) {
    return unit(code, UnitType.DEPARTMENT, tasksDue, tasksOnTime, callsDue, callsOnTime, ratings, points, refusals);
  }

  static UnitMetrics township(String code, int tasksDue, int tasksOnTime, int ratings, double points, int refusals) {
    return unit(code, UnitType.TOWNSHIP, tasksDue, tasksOnTime, 0, 0, ratings, points, refusals);
  }

  /** The fixed month of the departments, in the order of units.csv. */
  static final List<UnitMetrics> DEPARTMENTS = List.of(
      department("market", 2, 2, 1, 1, 2, 2.0, 0),      // C 1, S 1, R 1            → 100.00
      department("agriculture", 2, 1, 0, 0, 2, 1.0, 0), // C .5, S .5 (满意+不满意)   → 50.00
      department("ecology", 1, 1, 0, 0, 1, 0.6, 1),     // C 1, S .6 (基本满意), 1 refusal → 82.857 − 5 = 77.86
      department("housing", 1, 0, 0, 0, 1, 0.0, 0),     // C 0, S 0                 → 0.00
      department("police", 0, 0, 0, 0, 1, 1.0, 0),      // S 1 only                 → 100.00 (ties market)
      department("urban", 1, 1, 0, 0, 1, 0.0, 2),       // C 1, S 0, 2 refusals     → 57.14 − 10 = 47.14
      department("water", 0, 0, 0, 0, 0, 0, 0),         // nothing                  → 未参评
      department("transport", 0, 0, 0, 0, 0, 0, 3),     // refusals only            → 未参评
      department("health", 4, 3, 2, 1, 0, 0, 0),        // C .75, R .5              → (30 + 10) ÷ 60 = 66.67
      department("fire", 2, 1, 0, 0, 2, 1.0, 0));       // the same as agriculture  → 50.00, shares its rank

  static final List<UnitMetrics> TOWNSHIPS = List.of(
      township("mingshui", 1, 1, 1, 1.0, 0),            // C 1, S 1                 → 100.00
      township("shuangshan", 1, 0, 1, 1 / 3.0, 0),      // C 0, S ⅓                 → 14.29
      township("zaoyuan", 2, 1, 0, 0, 0),               // C .5                     → 50.00
      township("longshan", 0, 0, 1, 2 / 3.0, 0),        // S ⅔                      → 66.67
      township("bucun", 0, 0, 0, 0, 0));                // nothing                  → 未参评

  @Test
  void scoresAreTheWeightedKnownRatesLessFivePerRefusal() {
    assertThat(RankingFormula.VERSION).isEqualTo("2026.3");
    assertThat(DEPARTMENTS.stream().map(RankingFormula::score).toList()).containsExactly(
        new BigDecimal("100.00"), new BigDecimal("50.00"), new BigDecimal("77.86"), new BigDecimal("0.00"),
        new BigDecimal("100.00"), new BigDecimal("47.14"), null, null, new BigDecimal("66.67"),
        new BigDecimal("50.00"));
    assertThat(TOWNSHIPS.stream().map(RankingFormula::score).toList()).containsExactly(
        new BigDecimal("100.00"), new BigDecimal("14.29"), new BigDecimal("50.00"), new BigDecimal("66.67"), null);
    assertThat(RankingFormula.score(department("late", 1, 0, 0, 0, 0, 0, 2))).as("not cut at 0")
        .isEqualByComparingTo("-10.00");
  }

  @Test
  void departmentsTopTwoCommendedBottomThreeSummonedTiesShareARank() {
    List<UnitResult> ranked = RankingFormula.rankDepartments(DEPARTMENTS);
    assertThat(ranked).extracting(UnitResult::unitCode, UnitResult::rank, UnitResult::score, UnitResult::outcome)
        .containsExactly(
            tuple("market", 1, new BigDecimal("100.00"), Outcome.COMMENDED),
            // same score; market's known completion rate ranks before police's unknown one
            tuple("police", 2, new BigDecimal("100.00"), Outcome.COMMENDED),
            tuple("ecology", 3, new BigDecimal("77.86"), Outcome.NONE),
            tuple("health", 4, new BigDecimal("66.67"), Outcome.NONE),
            // equal on every key: one rank, both in the bottom three, listed in units.csv order
            tuple("agriculture", 5, new BigDecimal("50.00"), Outcome.SUMMONED),
            tuple("fire", 5, new BigDecimal("50.00"), Outcome.SUMMONED),
            tuple("urban", 7, new BigDecimal("47.14"), Outcome.SUMMONED),
            tuple("housing", 8, new BigDecimal("0.00"), Outcome.SUMMONED),
            tuple("water", null, null, Outcome.NONE),
            tuple("transport", null, null, Outcome.NONE));
  }

  @Test
  void townshipsBottomTwoSummonedNoneCommended() {
    List<UnitResult> ranked = RankingFormula.rankTownships(TOWNSHIPS);
    assertThat(ranked).extracting(UnitResult::unitCode, UnitResult::rank, UnitResult::outcome).containsExactly(
        tuple("mingshui", 1, Outcome.NONE),
        tuple("longshan", 2, Outcome.NONE),
        tuple("zaoyuan", 3, Outcome.SUMMONED),
        tuple("shuangshan", 4, Outcome.SUMMONED),
        tuple("bucun", null, Outcome.NONE));
  }

  @Test
  void aTieOnTheScoreIsBrokenByCompletionThenSatisfactionThenResponseThenRefusals() {
    // all score 80.00
    UnitMetrics completion = department("a", 10, 8, 0, 0, 0, 0, 0);           // C .8
    UnitMetrics satisfaction = department("b", 0, 0, 0, 0, 5, 4.0, 0);        // S .8
    UnitMetrics response = department("c", 0, 0, 5, 4, 0, 0, 0);             // R .8
    UnitMetrics penalised = department("d", 1, 1, 0, 0, 0, 0, 4);            // C 1, 4 refusals
    UnitMetrics penalisedToo = department("e", 0, 0, 0, 0, 1, 1.0, 4);        // S 1, 4 refusals
    List<UnitResult> ranked = RankingFormula.rank(
        List.of(penalisedToo, response, satisfaction, completion, penalised), 0, 0);
    assertThat(ranked).extracting(UnitResult::score).containsOnly(new BigDecimal("80.00"));
    assertThat(ranked).extracting(UnitResult::unitCode).containsExactly("d", "a", "e", "b", "c");
    assertThat(ranked).extracting(UnitResult::rank).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void tiesAtTheBorderTakeEveryTiedUnitIn() {
    UnitMetrics best = department("a", 1, 1, 0, 0, 0, 0, 0);
    UnitMetrics second = department("b", 2, 1, 0, 0, 0, 0, 0);
    UnitMetrics secondToo = department("c", 4, 2, 0, 0, 0, 0, 0);
    UnitMetrics worst = department("d", 1, 0, 0, 0, 0, 0, 0);
    assertThat(RankingFormula.rank(List.of(best, second, secondToo, worst), 2, 1))
        .extracting(UnitResult::unitCode, UnitResult::rank, UnitResult::outcome).containsExactly(
            tuple("a", 1, Outcome.COMMENDED), tuple("b", 2, Outcome.COMMENDED), tuple("c", 2, Outcome.COMMENDED),
            tuple("d", 4, Outcome.SUMMONED));
  }

  @Test
  void nobodyIsSummonedWhomNoneOutscored() {
    assertThat(RankingFormula.rankTownships(List.of(township("mingshui", 3, 1, 0, 0, 0))))
        .extracting(UnitResult::rank, UnitResult::outcome).containsExactly(tuple(1, Outcome.NONE));
    assertThat(RankingFormula.rankTownships(List.of(township("a", 2, 1, 0, 0, 0), township("b", 4, 2, 0, 0, 0),
        township("c", 0, 0, 0, 0, 0)))).extracting(UnitResult::rank, UnitResult::outcome)
        .containsExactly(tuple(1, Outcome.NONE), tuple(1, Outcome.NONE), tuple(null, Outcome.NONE));
    // few departments: the commended are never summoned as well
    assertThat(RankingFormula.rankDepartments(List.of(department("a", 1, 1, 0, 0, 0, 0, 0),
        department("b", 2, 1, 0, 0, 0, 0, 0), department("c", 1, 0, 0, 0, 0, 0, 0))))
        .extracting(UnitResult::outcome).containsExactly(Outcome.COMMENDED, Outcome.COMMENDED, Outcome.SUMMONED);
  }

  @Test
  void noUnitsNoRanking() {
    assertThat(RankingFormula.rankDepartments(List.of())).isEmpty();
  }

  @Test
  void theIntakesSatisfactionAndResponseRatesAreTermsWeighingTwentyAndTen() {
    // docs/ranking-formula.md, worked example: C ½, S 1, V (1 + 0.9) ÷ 2 = 0.95, D ¾
    UnitMetrics housing = department("housing", 2, 1, 0, 0, 1, 1.0, 0);
    assertThat(RankingFormula.score(housing)).as("without requests: as in 2026.2").isEqualByComparingTo("71.43");
    UnitMetrics withRequests = housing.withRequests(4, 3, 2, 1.9);
    assertThat(withRequests.requestSatisfactionRate()).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(withRequests.requestResponseRate()).isEqualTo(0.75);
    assertThat(RankingFormula.score(withRequests)).as("100 × (20 + 30 + 19 + 7.5) ÷ 100")
        .isEqualByComparingTo("76.50");

    // townships are scored on the requests dispatched to them too; a unit with requests only is ranked
    assertThat(RankingFormula.score(township("mingshui", 0, 0, 0, 0, 0).withRequests(2, 1, 0, 0)))
        .as("D alone").isEqualByComparingTo("50.00");
    assertThat(RankingFormula.score(township("mingshui", 0, 0, 0, 0, 0).withRequests(0, 0, 2, 1.9)))
        .as("V alone").isEqualByComparingTo("95.00");
    assertThat(RankingFormula.score(township("mingshui", 1, 1, 0, 0, 1).withRequests(1, 0, 1, 0)))
        .as("100 × (40 + 0 + 0) ÷ 70 − 5").isEqualByComparingTo("52.14");
  }

  @Test
  void anEmptyIntakeRateIsLeftOutWithItsWeight() {
    UnitMetrics dispatchedNoCallback = department("a", 1, 1, 0, 0, 0, 0, 0).withRequests(2, 2, 0, 0);
    assertThat(dispatchedNoCallback.requestSatisfactionRate()).isNull();
    assertThat(RankingFormula.score(dispatchedNoCallback)).as("100 × (40 + 10) ÷ 50").isEqualByComparingTo("100.00");
    UnitMetrics calledBackNoDispatch = department("b", 1, 1, 0, 0, 0, 0, 0).withRequests(0, 0, 1, 0.9);
    assertThat(calledBackNoDispatch.requestResponseRate()).isNull();
    assertThat(RankingFormula.score(calledBackNoDispatch)).as("100 × (40 + 18) ÷ 60").isEqualByComparingTo("96.67");
    assertThat(RankingFormula.score(department("c", 0, 0, 0, 0, 0, 0, 0).withRequests(0, 0, 0, 0))).isNull();
  }

  @Test
  void aTieIsBrokenByTheRequestRatesAfterTheResponseRate() {
    // all score 80.00 on a single known rate
    UnitMetrics response = department("c", 0, 0, 5, 4, 0, 0, 0);                                // R .8
    UnitMetrics requestSatisfaction = department("v", 0, 0, 0, 0, 0, 0, 0).withRequests(0, 0, 5, 4.0); // V .8
    UnitMetrics requestResponse = department("d", 0, 0, 0, 0, 0, 0, 0).withRequests(5, 4, 0, 0);   // D .8
    List<UnitResult> ranked = RankingFormula.rank(List.of(requestResponse, requestSatisfaction, response), 0, 0);
    assertThat(ranked).extracting(UnitResult::score).containsOnly(new BigDecimal("80.00"));
    assertThat(ranked).extracting(UnitResult::unitCode).containsExactly("c", "v", "d");
    assertThat(ranked).extracting(UnitResult::rank).containsExactly(1, 2, 3);
  }
}
