package cn.shudi.catalog;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time limit as the lists write it. Working days are kept as such (not turned into calendar days)
 * because the list promises them; only comparisons use the approximate calendar duration.
 *
 * @param amount a positive number of {@code kind}
 */
public record TimeLimit(int amount, Kind kind) {

  /** The units the lists use; months and years are left out because their length varies. */
  public enum Kind {
    WORKING_DAYS, DAYS, HOURS
  }

  static final String EXPECTED =
      "应为「N个工作日」「N日」「N天」「N小时」或 ISO-8601 时长（如 P5D、P2W、PT24H），N 为正整数";

  private static final Pattern CHINESE = Pattern.compile("(\\d+)\\s*(个工作日|日|天|小时)");
  private static final Pattern ISO = Pattern.compile("P(?:(\\d+)W)?(?:(\\d+)D)?(?:T(\\d+)H)?");

  public TimeLimit {
    Objects.requireNonNull(kind, "kind");
    if (amount <= 0) {
      throw new IllegalArgumentException("时限必须大于 0，实际为 " + amount);
    }
  }

  /**
   * Reads {@code N个工作日}, {@code N日}, {@code N天}, {@code N小时} or an ISO-8601 duration in weeks,
   * days and hours ({@code P5D}, {@code P2W}, {@code PT24H}, {@code P1DT12H}).
   *
   * @throws IllegalArgumentException with a message saying what is expected
   */
  public static TimeLimit parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("时限为空：" + EXPECTED);
    }
    String t = text.strip();
    Matcher chinese = CHINESE.matcher(t);
    if (chinese.matches()) {
      int amount = amount(chinese.group(1), t);
      Kind kind = switch (chinese.group(2)) {
        case "个工作日" -> Kind.WORKING_DAYS;
        case "小时" -> Kind.HOURS;
        default -> Kind.DAYS;
      };
      return positive(amount, kind, t);
    }
    if (t.startsWith("P") || t.startsWith("-P") || t.startsWith("p")) {
      return parseIso(t);
    }
    throw new IllegalArgumentException("时限「" + t + "」无法识别：" + EXPECTED);
  }

  private static TimeLimit parseIso(String t) {
    String upper = t.toUpperCase(java.util.Locale.ROOT);
    if (upper.contains("-")) {
      throw new IllegalArgumentException("时限「" + t + "」为负数：时限必须为正，" + EXPECTED);
    }
    int timeStart = upper.indexOf('T');
    String datePart = timeStart < 0 ? upper : upper.substring(0, timeStart);
    String timePart = timeStart < 0 ? "" : upper.substring(timeStart);
    if (datePart.contains("Y") || datePart.contains("M")) {
      throw new IllegalArgumentException("时限「" + t + "」以年或月计，长度不固定，不能使用：请换算为天数（如 P30D），"
          + EXPECTED);
    }
    if (timePart.contains("M") || timePart.contains("S")) {
      throw new IllegalArgumentException("时限「" + t + "」含分钟或秒：时限最小以小时计（如 PT2H），" + EXPECTED);
    }
    Matcher iso = ISO.matcher(upper);
    if (!iso.matches() || upper.equals("P") || upper.endsWith("T")) {
      throw new IllegalArgumentException("时限「" + t + "」无法识别：" + EXPECTED);
    }
    long days = 7L * number(iso.group(1), t) + number(iso.group(2), t);
    if (iso.group(3) != null) {
      return positive(toInt(days * 24 + number(iso.group(3), t), t), Kind.HOURS, t);
    }
    return positive(toInt(days, t), Kind.DAYS, t);
  }

  private static long number(String digits, String text) {
    return digits == null ? 0 : amount(digits, text);
  }

  private static int amount(String digits, String text) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("时限「" + text + "」数值过大：" + EXPECTED);
    }
  }

  private static int toInt(long value, String text) {
    if (value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("时限「" + text + "」数值过大：" + EXPECTED);
    }
    return (int) value;
  }

  private static TimeLimit positive(int amount, Kind kind, String text) {
    if (amount <= 0) {
      throw new IllegalArgumentException("时限「" + text + "」为 0：时限必须大于 0，" + EXPECTED);
    }
    return new TimeLimit(amount, kind);
  }

  /** The way the lists write it: {@code 5个工作日}, {@code 3日}, {@code 24小时}. */
  public String label() {
    return switch (kind) {
      case WORKING_DAYS -> amount + "个工作日";
      case DAYS -> amount + "日";
      case HOURS -> amount + "小时";
    };
  }

  /**
   * ISO-8601 form for timers. Working days also give {@code P{n}D}: the engine has no working-day
   * calendar, so a timer on a working-day limit errs on the early side.
   */
  public String iso() {
    return kind == Kind.HOURS ? "PT" + amount + "H" : "P" + amount + "D";
  }

  /** Calendar length for comparing limits of different kinds: a working week of 5 days spans 7. */
  public Duration approximateDuration() {
    return switch (kind) {
      case WORKING_DAYS -> Duration.ofDays((amount * 7L + 4) / 5);
      case DAYS -> Duration.ofDays(amount);
      case HOURS -> Duration.ofHours(amount);
    };
  }

  @Override
  public String toString() {
    return label();
  }
}
