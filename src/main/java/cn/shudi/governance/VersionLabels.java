package cn.shudi.governance;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The list's version labels (header comment 版本, e.g. {@code 2024.1}): each approved admission or
 * adjustment counts the last number up ({@code 2024.1} → {@code 2024.2}); labels compare part by part,
 * numbers as numbers ({@code 2024.10} is after {@code 2024.9}).
 */
final class VersionLabels {

  private static final Pattern LAST_NUMBER = Pattern.compile("(.*?)(\\d+)(\\D*)");
  private static final Pattern PARTS = Pattern.compile("[._-]");

  private VersionLabels() {
  }

  /** The label after {@code label} that none of {@code taken} has. */
  static String next(String label, Collection<String> taken) {
    String next = bump(label);
    while (taken.contains(next)) {
      next = bump(next);
    }
    return next;
  }

  private static String bump(String label) {
    Matcher m = LAST_NUMBER.matcher(label);
    if (!m.matches()) {
      return label + ".1";
    }
    String digits = m.group(2);
    String counted = String.valueOf(Long.parseLong(digits) + 1);
    if (counted.length() < digits.length()) { // keep leading zeros: 2024.09 → 2024.10
      counted = "0".repeat(digits.length() - counted.length()) + counted;
    }
    return m.group(1) + counted + m.group(3);
  }

  /** Negative when {@code a} is older than {@code b}, 0 when the same, positive when newer. */
  static int compare(String a, String b) {
    String[] x = PARTS.split(a);
    String[] y = PARTS.split(b);
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      if (i >= x.length) {
        return -1;
      }
      if (i >= y.length) {
        return 1;
      }
      int c = part(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int part(String a, String b) {
    boolean numbers = a.matches("\\d{1,18}") && b.matches("\\d{1,18}");
    return numbers ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b);
  }
}
