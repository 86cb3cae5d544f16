package cn.shudi.catalog;

import java.util.Arrays;
import java.util.Optional;

/**
 * A case pattern (案件模式): the hand-designed procedure a duty step of the primary unit follows in a case, in place
 * of its single task (docs/blueprint-conventions.md, 案件模式). The catalog's column 案件模式 names it with the step
 * ({@code 检查：监督检查}); the fragment is {@code processes/patterns/<key>.bpmn}.
 */
public enum CasePattern {
  INSPECTION("检查", "inspection"),
  ENFORCEMENT("执法", "enforcement"),
  EMERGENCY("应急", "emergency"),
  PROGRAMME("项目", "programme"),
  CARE("关爱", "care"),
  COMPLAINT("投诉", "complaint"),
  CAMPAIGN("专项", "campaign");

  private final String label;
  private final String key;

  CasePattern(String label, String key) {
    this.label = label;
    this.key = key;
  }

  /** The word the catalog writes, e.g. {@code 检查}. */
  public String label() {
    return label;
  }

  /** The fragment's file name without extension, e.g. {@code inspection}. */
  public String key() {
    return key;
  }

  public static Optional<CasePattern> ofLabel(String label) {
    return Arrays.stream(values()).filter(p -> p.label.equals(label)).findFirst();
  }

  /** The labels, as a clear error lists them: 检查、执法、… */
  public static String labels() {
    return String.join("、", Arrays.stream(values()).map(CasePattern::label).toList());
  }
}
