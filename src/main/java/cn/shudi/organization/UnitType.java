package cn.shudi.organization;

import java.util.Arrays;
import java.util.Optional;

/** What kind of unit a group stands for; the code is stored as the Camunda group's type. */
public enum UnitType {
  DEPARTMENT("department", "区直/县直部门"),
  TOWNSHIP("township", "镇街"),
  COMMAND_CENTRE("command_centre", "指挥中心"),
  ESTABLISHMENT_OFFICE("establishment_office", "编办");

  private final String code;
  private final String label;

  UnitType(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  public static Optional<UnitType> fromCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
  }

  public static String codes() {
    return String.join(" / ", Arrays.stream(values()).map(UnitType::code).toList());
  }
}
