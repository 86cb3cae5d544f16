package cn.shudi.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** GB 32100-2015 unified social credit codes, with real codes and one error of each kind. */
class CreditCodeTest {

  /**
   * Real codes: the example of the standard itself, and published codes of well-known enterprises
   * (华为技术有限公司, 深圳市腾讯计算机系统有限公司, 阿里巴巴（中国）有限公司, 小米科技有限责任公司); the last one
   * has {@code X} as the organization code's check character.
   */
  @ParameterizedTest
  @ValueSource(strings = {"91350100M000100Y43", "914403001922038216", "91440300708461136T", "91330100716105852F",
      "91110108551385082Q", "9144030071526726XG"})
  void acceptsRealCodes(String code) {
    assertThat(CreditCode.parse(code).value()).isEqualTo(code);
    assertThat(CreditCode.isValid(code)).isTrue();
  }

  @Test
  void bothCheckCharactersAreComputedAsTheStandardsSay() {
    // GB 11714 over M000100Y: 22×3 + 1×5 + 34×2 = 139; 139 mod 11 = 7; 11 − 7 = 4
    assertThat(CreditCode.organizationCheckCharacter("M000100Y")).isEqualTo('4');
    assertThat(CreditCode.checkCharacter("91350100M000100Y4")).isEqualTo('3');
    assertThat(CreditCode.organizationCheckCharacter("71526726")).isEqualTo('X');
  }

  @Test
  void normalizesBlanksFullWidthAndLowerCase() {
    assertThat(CreditCode.parse(" ９１３５０１００m000100y43 ").value()).isEqualTo("91350100M000100Y43");
    assertThat(CreditCode.parse("9135 0100 M000 100Y 43").value()).isEqualTo("91350100M000100Y43");
  }

  @Test
  void refusesTheWrongLength() {
    assertThatThrownBy(() -> CreditCode.parse("91350100M000100Y4")).isInstanceOf(InvalidCreditCodeException.class)
        .hasMessage("统一社会信用代码「91350100M000100Y4」有误：应为18位，实为17位");
    assertThatThrownBy(() -> CreditCode.parse("")).hasMessage("统一社会信用代码为空");
    assertThatThrownBy(() -> CreditCode.parse(null)).hasMessage("统一社会信用代码为空");
  }

  @Test
  void namesThePositionOfAnIllegalCharacter() {
    // I, O, S, V, Z are not in the character set (they look like 1, 0, 5, U, 2)
    assertThatThrownBy(() -> CreditCode.parse("91350100M0001O0Y43"))
        .hasMessage("统一社会信用代码「91350100M0001O0Y43」有误：第14位「O」不是合法字符（只能是数字0–9或大写字母，不含 I、O、S、V、Z）");
    assertThatThrownBy(() -> CreditCode.parse("91350100M000100Y4-")).hasMessageContaining("第18位「-」不是合法字符");
  }

  @Test
  void requiresDigitsInTheDivisionCode() {
    assertThatThrownBy(() -> CreditCode.parse("9135A100M000100Y43"))
        .hasMessage("统一社会信用代码「9135A100M000100Y43」有误：第5位「A」应为数字（第3–8位是登记管理机关的行政区划码）");
  }

  @Test
  void saysWhichOrganizationCheckCharacterWasExpected() {
    assertThatThrownBy(() -> CreditCode.parse("91350100M000100Y53"))
        .hasMessage("统一社会信用代码「91350100M000100Y53」有误：第17位（组织机构代码的校验码）应为「4」，实为「5」");
    // often quoted as an example, but its organization code 10000132 has check character 6, not 5
    assertThatThrownBy(() -> CreditCode.parse("911100001000013251"))
        .hasMessage("统一社会信用代码「911100001000013251」有误：第17位（组织机构代码的校验码）应为「6」，实为「5」");
  }

  @Test
  void saysWhichCheckCharacterWasExpected() {
    assertThatThrownBy(() -> CreditCode.parse("91350100M000100Y44"))
        .hasMessage("统一社会信用代码「91350100M000100Y44」有误：第18位校验码应为「3」，实为「4」");
    assertThatThrownBy(() -> new CreditCode("914403001922038210")).isInstanceOf(InvalidCreditCodeException.class)
        .hasMessageContaining("第18位校验码应为「6」，实为「0」");
  }
}
