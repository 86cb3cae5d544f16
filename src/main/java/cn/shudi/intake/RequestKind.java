package cn.shudi.intake;

import java.util.Arrays;
import java.util.Optional;

/** The three kinds of request of seed 002 (榴乡诉递): what the requester asks the county to do. */
enum RequestKind {
  /** A township or department asks for joint enforcement. */
  ENFORCEMENT("enforcement", "执法诉求"),
  /** An enterprise or a project needs departments to act. */
  DEVELOPMENT("development", "发展诉求"),
  /** The 12345 hotline, citizens, grid workers. */
  LIVELIHOOD("livelihood", "民生诉求");

  private final String value;
  private final String label;

  RequestKind(String value, String label) {
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
  static Optional<RequestKind> of(String text) {
    String t = text == null ? "" : text.strip();
    return Arrays.stream(values()).filter(k -> k.value.equals(t) || k.label.equals(t)).findFirst();
  }

  static String choices() {
    return String.join("、", Arrays.stream(values()).map(k -> k.label + "（" + k.value + "）").toList());
  }
}
