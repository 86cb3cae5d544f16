package cn.shudi.intake;

import java.util.Arrays;
import java.util.Optional;

/** Where a request came from. */
enum RequestSource {
  HOTLINE("hotline", "12345热线工单"),
  GRID("grid", "网格员上报"),
  ENTERPRISE("enterprise", "企业"),
  TOWNSHIP("township", "镇街"),
  WEB("web", "网上诉求");

  private final String value;
  private final String label;

  RequestSource(String value, String label) {
    this.value = value;
    this.label = label;
  }

  String value() {
    return value;
  }

  String label() {
    return label;
  }

  /** By its value or its Chinese name. */
  static Optional<RequestSource> of(String text) {
    String t = text == null ? "" : text.strip();
    return Arrays.stream(values()).filter(s -> s.value.equals(t) || s.label.equals(t)).findFirst();
  }

  static String choices() {
    return String.join("、", Arrays.stream(values()).map(s -> s.label + "（" + s.value + "）").toList());
  }
}
