package cn.shudi.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a public status page never shows of a request's text: one test per way people write a number or address. */
class Open311ScrubTest {

  @Test
  void aMobileNumberInOneRunIsHidden() {
    assertThat(Open311Controller.scrubbed("请联系13812345678")).isEqualTo("请联系***");
  }

  @Test
  void aMobileNumberWithHyphensOrSpacesIsHidden() {
    assertThat(Open311Controller.scrubbed("电话138-1234-5678，或 138 1234 5678")).doesNotContainPattern("\\d{3}");
  }

  @Test
  void aFullWidthNumberIsHidden() {
    assertThat(Open311Controller.scrubbed("电话１３８１２３４５６７８")).isEqualTo("电话***");
  }

  @Test
  void anIdNumberWithSpacesIsHidden() {
    assertThat(Open311Controller.scrubbed("身份证 3701 8119 9001 0112 3X")).doesNotContainPattern("\\d{2}");
  }

  @Test
  void anEmailAddressIsHidden() {
    assertThat(Open311Controller.scrubbed("邮箱 zhang.san@example.cn")).isEqualTo("邮箱 ***");
  }

  @Test
  void shortNumbersOfThePlaceStay() {
    assertThat(Open311Controller.scrubbed("3号楼2单元门口，持续2天")).isEqualTo("3号楼2单元门口，持续2天");
  }
}
