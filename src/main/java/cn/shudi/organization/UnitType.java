package cn.shudi.organization;

import java.util.Arrays;
import java.util.Optional;

/**
 * What kind of unit a group stands for; the code is stored as the Camunda group's type (and as the unit type
 * of a stored ranking). The one unit-kind type of the platform: departments and townships are also the two
 * kinds the monthly ranking puts in separate tables ({@link #isRanked()}).
 */
public enum UnitType {
  DEPARTMENT("department", "区直/县直部门", "部门"),
  TOWNSHIP("township", "镇街", "镇街"),
  COMMAND_CENTRE("command_centre", "指挥中心", "指挥中心"),
  ESTABLISHMENT_OFFICE("establishment_office", "编办", "编办"),
  /**
   * A department's agency stationed in one township (派驻机构, the 1+5+N of the seeds: 市场监管所, 派出所, 自然资源所,
   * 司法所, 综合执法中队): a unit of its township whose staff receive the parent department's tasks for that township.
   */
  STATION("station", "派驻机构", "派驻机构");

  private final String code;
  private final String label;
  private final String shortLabel;

  UnitType(String code, String label, String shortLabel) {
    this.code = code;
    this.label = label;
    this.shortLabel = shortLabel;
  }

  public String code() {
    return code;
  }

  /** The full label (区直/县直部门). */
  public String label() {
    return label;
  }

  /** The short label rankings and their tables use (部门, 镇街). */
  public String shortLabel() {
    return shortLabel;
  }

  /** Departments and townships are ranked every month, each kind in its own table. */
  public boolean isRanked() {
    return this == DEPARTMENT || this == TOWNSHIP;
  }

  public static Optional<UnitType> fromCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
  }

  public static String codes() {
    return String.join(" / ", Arrays.stream(values()).map(UnitType::code).toList());
  }
}
