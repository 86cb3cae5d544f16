package cn.shudi.evaluation;

import java.util.Arrays;
import java.util.Optional;

/**
 * The township's rating of a department (the evaluation form's {@code rating}), with the points it gives
 * in the monthly ranking (docs/ranking-formula.md).
 */
public enum Rating {
  SATISFIED("satisfied", "满意", 1.0),
  BASICALLY_SATISFIED("basically_satisfied", "基本满意", 0.6),
  DISSATISFIED("dissatisfied", "不满意", 0.0);

  private final String value;
  private final String label;
  private final double points;

  Rating(String value, String label, double points) {
    this.value = value;
    this.label = label;
    this.points = points;
  }

  /** The form value and the value stored in {@code shudi_rating.rating}. */
  public String value() {
    return value;
  }

  public String label() {
    return label;
  }

  /** Share of a full satisfaction point this rating gives: 1, 0.6 or 0. */
  public double points() {
    return points;
  }

  public static Optional<Rating> of(Object value) {
    return value == null ? Optional.empty()
        : Arrays.stream(values()).filter(r -> r.value.equals(value.toString())).findFirst();
  }
}
