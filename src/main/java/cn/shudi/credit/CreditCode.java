package cn.shudi.credit;

import java.util.Locale;

/**
 * A unified social credit code (统一社会信用代码), checked per GB 32100-2015:
 *
 * <ul>
 * <li>18 characters from {@code 0-9 A-H J-N P-R T U W-Y} (no I, O, S, V, Z);</li>
 * <li>position 1 the registration authority, 2 the kind of organization, 3–8 the administrative division
 * (digits);</li>
 * <li>positions 9–17 the organization code (组织机构代码) of GB 11714: eight body characters and their
 * check character, weights 3, 7, 9, 10, 5, 8, 4, 2, modulus 11 (10 is written {@code X}, 11 is {@code 0});</li>
 * <li>position 18 the check character over positions 1–17: weight of position i is 3^(i-1) mod 31, the
 * character's value is its index in the character set, check = 31 − (sum mod 31), 31 is written {@code 0}.</li>
 * </ul>
 *
 * Input is normalized first: surrounding and inner blanks removed, full-width characters made half-width,
 * letters upper-cased, so a code typed as {@code ９１３５０１００m000100y43} is accepted.
 *
 * @param value the 18 characters, normalized
 */
public record CreditCode(String value) {

  /** The 31 characters of GB 32100-2015, in the order of their values 0–30. */
  static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static final int LENGTH = 18;
  private static final int[] WEIGHTS = new int[LENGTH - 1];
  private static final int[] ORGANIZATION_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

  static {
    int weight = 1;
    for (int i = 0; i < WEIGHTS.length; i++) {
      WEIGHTS[i] = weight;
      weight = weight * 3 % 31;
    }
  }

  /** Use {@link #parse(String)}: it normalizes and explains what is wrong. */
  public CreditCode {
    String problem = problem(value);
    if (problem != null) {
      throw new InvalidCreditCodeException(problem);
    }
  }

  /**
   * @throws InvalidCreditCodeException with a Chinese message naming the problem: empty, length,
   *     illegal character at position n, non-digit in the division code, or a wrong check character with
   *     the one expected
   */
  public static CreditCode parse(String input) {
    return new CreditCode(normalize(input));
  }

  public static boolean isValid(String input) {
    return problem(normalize(input)) == null;
  }

  /** Blanks removed, full-width characters made half-width, upper case; null stays null. */
  public static String normalize(String input) {
    if (input == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(input.length());
    input.codePoints().forEach(c -> {
      if (c >= 0xFF01 && c <= 0xFF5E) {
        c -= 0xFEE0; // full-width ASCII (typed with a Chinese input method)
      }
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
        out.appendCodePoint(c);
      }
    });
    return out.toString().toUpperCase(Locale.ROOT);
  }

  /** What is wrong with an already normalized code, or null when it is valid. */
  static String problem(String code) {
    if (code == null || code.isEmpty()) {
      return "统一社会信用代码为空";
    }
    String wrong = "统一社会信用代码「" + code + "」有误：";
    int length = code.codePointCount(0, code.length());
    if (length != LENGTH) {
      return wrong + "应为18位，实为" + length + "位";
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = code.charAt(i);
      if (CHARSET.indexOf(c) < 0) {
        return wrong + "第" + (i + 1) + "位「" + c + "」不是合法字符（只能是数字0–9或大写字母，不含 I、O、S、V、Z）";
      }
    }
    for (int i = 2; i < 8; i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return wrong + "第" + (i + 1) + "位「" + c + "」应为数字（第3–8位是登记管理机关的行政区划码）";
      }
    }
    char organizationCheck = organizationCheckCharacter(code.substring(8, 16));
    if (code.charAt(16) != organizationCheck) {
      return wrong + "第17位（组织机构代码的校验码）应为「" + organizationCheck + "」，实为「" + code.charAt(16) + "」";
    }
    char check = checkCharacter(code.substring(0, 17));
    if (code.charAt(17) != check) {
      return wrong + "第18位校验码应为「" + check + "」，实为「" + code.charAt(17) + "」";
    }
    return null;
  }

  /** GB 11714: the check character of an eight-character organization code body. */
  static char organizationCheckCharacter(String body) {
    int sum = 0;
    for (int i = 0; i < ORGANIZATION_WEIGHTS.length; i++) {
      char c = body.charAt(i);
      int value = c >= '0' && c <= '9' ? c - '0' : c - 'A' + 10;
      sum += value * ORGANIZATION_WEIGHTS[i];
    }
    int check = 11 - sum % 11;
    return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
  }

  /** GB 32100: the 18th character over the first seventeen. */
  static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < WEIGHTS.length; i++) {
      sum += CHARSET.indexOf(first17.charAt(i)) * WEIGHTS[i];
    }
    int check = 31 - sum % 31;
    return CHARSET.charAt(check == 31 ? 0 : check);
  }

  @Override
  public String toString() {
    return value;
  }
}
