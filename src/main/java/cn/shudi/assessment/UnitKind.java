package cn.shudi.assessment;

import java.util.Arrays;

import cn.shudi.organization.UnitType;

/** The two kinds of unit the ranking puts in separate tables: departments and townships. */
public enum UnitKind {
  DEPARTMENT("department", "部门"),
  TOWNSHIP("township", "镇街");

  private final String code;
  private final String label;

  UnitKind(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  public static UnitKind of(UnitType type) {
    return switch (type) {
      case DEPARTMENT -> DEPARTMENT;
      case TOWNSHIP -> TOWNSHIP;
      default -> throw new IllegalArgumentException("不参加排名的单位类型：" + type);
    };
  }

  public static UnitKind fromCode(String code) {
    return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("未知单位类型：" + code));
  }
}
