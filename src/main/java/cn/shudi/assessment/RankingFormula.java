package cn.shudi.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ranking formula, version {@value #VERSION} (docs/ranking-formula.md). A pure function of the month's
 * {@link UnitMetrics}: no clock, no database.
 *
 * <pre>
 * score = 100 × (40 × 按时办结率 + 30 × 满意率 + 20 × 按时响应率 + 20 × 诉求满意率 + 10 × 诉求响应率)
 *         ÷ (sum of the weights of the rates the unit has) − 5 × 清单外被拒次数
 * </pre>
 * 诉求满意率 and 诉求响应率 are the intake's rates (docs/intake-rates.md) of the requests dispatched to the unit.
 * A rate without events in the month is left out with its weight; a unit with no rate at all is not ranked
 * (未参评). Ranking order: score, then 按时办结率, 满意率, 按时响应率, 诉求满意率, 诉求响应率 (higher first, unknown
 * last), then fewer refusals; units equal on all of these share a rank. Departments: rank ≤ 2 commended (表扬); then the
 * bottom 3 of the others summoned (约谈); townships: the bottom 2 summoned. Nobody is summoned whom no unit
 * of the same kind outscored.
 */
final class RankingFormula {

  public static final String VERSION = "2026.3";

  public static final double COMPLETION_WEIGHT = 40;
  public static final double SATISFACTION_WEIGHT = 30;
  public static final double RESPONSE_WEIGHT = 20;
  /** 诉求满意率 and 诉求响应率: the intake's rates of the requests dispatched to the unit (since 2026.3). */
  public static final double REQUEST_SATISFACTION_WEIGHT = 20;
  public static final double REQUEST_RESPONSE_WEIGHT = 10;
  public static final double REFUSAL_PENALTY = 5;

  /** 峄城: the top 2 departments are commended; the bottom 2 townships and bottom 3 departments summoned. */
  public static final int COMMENDED_DEPARTMENTS = 2;
  public static final int SUMMONED_DEPARTMENTS = 3;
  public static final int SUMMONED_TOWNSHIPS = 2;

  /** Higher rates first, an unknown rate after any known one. */
  private static final Comparator<Double> RATE = Comparator.nullsLast(Comparator.<Double>reverseOrder());

  /** Better first: the ranking key. Units comparing equal share a rank. */
  static final Comparator<UnitResult> BETTER_FIRST = Comparator
      .comparing(UnitResult::score, Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
      .thenComparing(r -> r.metrics().completionRate(), RATE)
      .thenComparing(r -> r.metrics().satisfactionRate(), RATE)
      .thenComparing(r -> r.metrics().responseRate(), RATE)
      .thenComparing(r -> r.metrics().requestSatisfactionRate(), RATE)
      .thenComparing(r -> r.metrics().requestResponseRate(), RATE)
      .thenComparingInt(r -> r.metrics().refusals());

  private RankingFormula() {
  }

  /** The unit's score, 2 decimals (half up), or null when none of its rates is known. */
  public static BigDecimal score(UnitMetrics metrics) {
    double sum = 0;
    double weights = 0;
    if (metrics.completionRate() != null) {
      sum += COMPLETION_WEIGHT * metrics.completionRate();
      weights += COMPLETION_WEIGHT;
    }
    if (metrics.satisfactionRate() != null) {
      sum += SATISFACTION_WEIGHT * metrics.satisfactionRate();
      weights += SATISFACTION_WEIGHT;
    }
    if (metrics.responseRate() != null) {
      sum += RESPONSE_WEIGHT * metrics.responseRate();
      weights += RESPONSE_WEIGHT;
    }
    if (metrics.requestSatisfactionRate() != null) {
      sum += REQUEST_SATISFACTION_WEIGHT * metrics.requestSatisfactionRate();
      weights += REQUEST_SATISFACTION_WEIGHT;
    }
    if (metrics.requestResponseRate() != null) {
      sum += REQUEST_RESPONSE_WEIGHT * metrics.requestResponseRate();
      weights += REQUEST_RESPONSE_WEIGHT;
    }
    if (weights == 0) {
      return null;
    }
    double score = 100 * sum / weights - REFUSAL_PENALTY * metrics.refusals();
    return BigDecimal.valueOf(score).setScale(2, RoundingMode.HALF_UP);
  }

  /** Departments: top {@value #COMMENDED_DEPARTMENTS} commended, bottom {@value #SUMMONED_DEPARTMENTS} summoned. */
  public static List<UnitResult> rankDepartments(List<UnitMetrics> departments) {
    return rank(departments, COMMENDED_DEPARTMENTS, SUMMONED_DEPARTMENTS);
  }

  /** Townships: bottom {@value #SUMMONED_TOWNSHIPS} summoned, none commended. */
  public static List<UnitResult> rankTownships(List<UnitMetrics> townships) {
    return rank(townships, 0, SUMMONED_TOWNSHIPS);
  }

  /**
   * Ranks units of one kind: the ranked ones best first, then the unranked ones (未参评) in the given order.
   * Ties at a border take every tied unit in: the lists may be longer than {@code commended} and
   * {@code summoned}.
   *
   * @param commended how many of the best are commended (ranks 1..commended)
   * @param summoned how many of the worst of the others are summoned
   */
  public static List<UnitResult> rank(List<UnitMetrics> units, int commended, int summoned) {
    List<UnitResult> scored = new ArrayList<>();
    List<UnitResult> unranked = new ArrayList<>();
    for (UnitMetrics metrics : units) {
      BigDecimal score = score(metrics);
      (score == null ? unranked : scored).add(new UnitResult(metrics, score, null, Outcome.NONE));
    }
    scored.sort(BETTER_FIRST);

    List<UnitResult> ranked = new ArrayList<>();
    for (UnitResult unit : scored) {
      int better = (int) scored.stream().filter(o -> BETTER_FIRST.compare(o, unit) < 0).count();
      ranked.add(new UnitResult(unit.metrics(), unit.score(), better + 1, Outcome.NONE));
    }
    List<UnitResult> result = new ArrayList<>();
    for (UnitResult unit : ranked) {
      int worse = (int) ranked.stream().filter(o -> BETTER_FIRST.compare(o, unit) > 0).count();
      int fromBottom = worse + 1;
      Outcome outcome = Outcome.NONE;
      if (unit.rank() <= commended) {
        outcome = Outcome.COMMENDED;
      } else if (fromBottom <= summoned && unit.rank() > 1) {
        outcome = Outcome.SUMMONED;
      }
      result.add(new UnitResult(unit.metrics(), unit.score(), unit.rank(), outcome));
    }
    result.addAll(unranked);
    return result;
  }
}
