package cn.shudi.assessment;

import java.util.Arrays;

/** What the ranking means for a unit (峄城 rule): the top departments are commended, the bottom units summoned. */
public enum Outcome {
  COMMENDED("commended", "表扬"),
  SUMMONED("summoned", "约谈"),
  NONE("none", "");

  private final String code;
  private final String label;

  Outcome(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  public static Outcome fromCode(String code) {
    return Arrays.stream(values()).filter(o -> o.code.equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("未知结果：" + code));
  }
}
