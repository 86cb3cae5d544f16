package cn.shudi.assessment;

import java.math.BigDecimal;

/**
 * One unit's line in the monthly ranking.
 *
 * @param score the score by the formula, 2 decimals; null when the unit had nothing to measure (未参评)
 * @param rank 1 = best; units equal on every ranking key share a rank; null when not ranked
 * @param outcome commended, summoned or none
 */
record UnitResult(UnitMetrics metrics, BigDecimal score, Integer rank, Outcome outcome) {

  public boolean ranked() {
    return rank != null;
  }

  public String unitName() {
    return metrics.unitName();
  }

  public String unitCode() {
    return metrics.unitCode();
  }
}
