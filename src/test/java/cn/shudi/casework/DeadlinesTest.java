package cn.shudi.casework;

import static cn.shudi.support.EngineClock.at;
import static cn.shudi.support.EngineClock.COUNTY_ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import cn.shudi.catalog.TimeLimit;

/** The rules of a due date: working days skip weekends, counted in the county's zone; reminders at 80 %. */
class DeadlinesTest {

  /** Friday 7 March 2025, 09:00. */
  private static final LocalDateTime FRIDAY_MORNING = LocalDateTime.of(2025, 3, 7, 9, 0);

  private static Instant at(LocalDateTime time, ZoneId zone) {
    return time.atZone(zone).toInstant();
  }

  @Test
  void workingDaysSkipTheWeekend() {
    assertThat(Deadlines.dueAt(at(FRIDAY_MORNING, COUNTY_ZONE), TimeLimit.parse("1个工作日"), COUNTY_ZONE))
        .isEqualTo(at(FRIDAY_MORNING.plusDays(3), COUNTY_ZONE));
    assertThat(Deadlines.dueAt(at(FRIDAY_MORNING, COUNTY_ZONE), TimeLimit.parse("5个工作日"), COUNTY_ZONE))
        .isEqualTo(at(FRIDAY_MORNING.plusDays(7), COUNTY_ZONE));
  }

  @Test
  void calendarDaysAndHoursDoNot() {
    assertThat(Deadlines.dueAt(at(FRIDAY_MORNING, COUNTY_ZONE), TimeLimit.parse("2日"), COUNTY_ZONE))
        .isEqualTo(at(FRIDAY_MORNING.plusDays(2), COUNTY_ZONE));
    assertThat(Deadlines.dueAt(at(FRIDAY_MORNING, COUNTY_ZONE), TimeLimit.parse("24小时"), COUNTY_ZONE))
        .isEqualTo(at(FRIDAY_MORNING.plusHours(24), COUNTY_ZONE));
  }

  @Test
  void theWeekendIsTheCountysWeekend() {
    ZoneId utc = ZoneId.of("UTC");
    // Saturday 01:00 in Shanghai is Friday 17:00 in UTC: in Shanghai the weekend has begun, in UTC not yet,
    // so one working day later is Monday 01:00 in Shanghai (Sunday 17:00 UTC), a day before Monday 17:00 UTC
    Instant saturdayEarly = at(FRIDAY_MORNING.plusDays(1).withHour(1), COUNTY_ZONE);
    assertThat(Deadlines.dueAt(saturdayEarly, TimeLimit.parse("1个工作日"), COUNTY_ZONE))
        .isEqualTo(at(FRIDAY_MORNING.plusDays(3).withHour(1), COUNTY_ZONE));
    assertThat(Deadlines.dueAt(saturdayEarly, TimeLimit.parse("1个工作日"), utc))
        .isEqualTo(at(FRIDAY_MORNING.plusDays(3).withHour(17), utc));
  }

  @Test
  void theReminderComesWhenFourFifthsOfTheTimeAreUsedUp() {
    Instant start = at(FRIDAY_MORNING, COUNTY_ZONE);
    assertThat(Deadlines.reminderAt(start, TimeLimit.parse("10日"), COUNTY_ZONE))
        .isEqualTo(at(FRIDAY_MORNING.plusDays(8), COUNTY_ZONE));
    assertThat(Deadlines.reminderAt(start, TimeLimit.parse("5小时"), COUNTY_ZONE))
        .isEqualTo(at(FRIDAY_MORNING.plusHours(4), COUNTY_ZONE));
  }
}
