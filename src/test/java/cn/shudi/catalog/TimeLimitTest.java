package cn.shudi.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.shudi.catalog.TimeLimit.Kind;

class TimeLimitTest {

  @ParameterizedTest
  @CsvSource({
      "5个工作日, 5, WORKING_DAYS",
      "3日, 3, DAYS",
      "7天, 7, DAYS",
      "24小时, 24, HOURS",
      "P5D, 5, DAYS",
      "P2W, 14, DAYS",
      "PT24H, 24, HOURS",
      "P1DT12H, 36, HOURS",
      "' 10个工作日 ', 10, WORKING_DAYS"
  })
  void parsesTheListsFormsAndIso(String text, int amount, Kind kind) {
    assertThat(TimeLimit.parse(text)).isEqualTo(new TimeLimit(amount, kind));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "五日", "5周", "3 working days", "0日", "0个工作日", "P0D", "PT0H", "-P5D", "P-5D",
      "P1Y", "P2M", "P1Y2M3D", "PT30M", "PT10S", "P", "PT", "P1.5D", "99999999999日"})
  void rejectsWithAChineseMessageSayingWhatIsExpected(String text) {
    assertThatThrownBy(() -> TimeLimit.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("应为「N个工作日」「N日」「N天」「N小时」或 ISO-8601 时长");
  }

  @Test
  void monthsAndYearsAreRejectedBecauseTheirLengthVaries() {
    assertThatThrownBy(() -> TimeLimit.parse("P1M")).hasMessageContaining("以年或月计");
    assertThatThrownBy(() -> TimeLimit.parse("0日")).hasMessageContaining("必须大于 0");
    assertThatThrownBy(() -> TimeLimit.parse("-P1D")).hasMessageContaining("负数");
  }

  @Test
  void labelAndIso() {
    assertThat(TimeLimit.parse("5个工作日").label()).isEqualTo("5个工作日");
    assertThat(TimeLimit.parse("3天").label()).isEqualTo("3日");
    assertThat(TimeLimit.parse("PT24H").label()).isEqualTo("24小时");
    assertThat(TimeLimit.parse("5个工作日").iso()).isEqualTo("P5D");
    assertThat(TimeLimit.parse("P2W").iso()).isEqualTo("P14D");
    assertThat(TimeLimit.parse("24小时").iso()).isEqualTo("PT24H");
  }

  @Test
  void workingDaysSpanSevenCalendarDaysPerFiveRoundedUp() {
    assertThat(TimeLimit.parse("5个工作日").approximateDuration()).isEqualTo(Duration.ofDays(7));
    assertThat(TimeLimit.parse("1个工作日").approximateDuration()).isEqualTo(Duration.ofDays(2));
    assertThat(TimeLimit.parse("30个工作日").approximateDuration()).isEqualTo(Duration.ofDays(42));
    assertThat(TimeLimit.parse("3日").approximateDuration()).isEqualTo(Duration.ofDays(3));
    assertThat(TimeLimit.parse("36小时").approximateDuration()).isEqualTo(Duration.ofHours(36));
  }

  @Test
  void aTimeLimitIsPositive() {
    assertThatThrownBy(() -> new TimeLimit(0, Kind.DAYS)).isInstanceOf(IllegalArgumentException.class);
  }
}
