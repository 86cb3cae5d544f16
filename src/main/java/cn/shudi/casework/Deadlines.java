package cn.shudi.casework;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import cn.shudi.catalog.TimeLimit;

/**
 * Due dates from the list's time limits, read by BPMN: {@code camunda:dueDate="${deadlines.after('5个工作日')}"}
 * and timers {@code <timeDate>${deadlines.reminderAt('5个工作日')}</timeDate>}. "Now" is the engine's
 * clock, so tests move time without sleeping. Working days skip Saturdays and Sundays; public holidays
 * are not known to the platform yet.
 */
@Component("deadlines")
public class Deadlines {

  /** The reminder comes when this share of the time is used up. */
  static final double REMINDER_SHARE = 0.8;

  private final ZoneId zone = ZoneId.of("Asia/Shanghai");

  public Date after(String limit) {
    return Date.from(dueFrom(now(), TimeLimit.parse(limit)).atZone(zone).toInstant());
  }

  public Date reminderAt(String limit) {
    LocalDateTime now = now();
    LocalDateTime due = dueFrom(now, TimeLimit.parse(limit));
    long span = java.time.Duration.between(now, due).toSeconds();
    return Date.from(now.plusSeconds((long) (span * REMINDER_SHARE)).atZone(zone).toInstant());
  }

  LocalDateTime dueFrom(LocalDateTime start, TimeLimit limit) {
    return switch (limit.kind()) {
      case HOURS -> start.plusHours(limit.amount());
      case DAYS -> start.plusDays(limit.amount());
      case WORKING_DAYS -> plusWorkingDays(start, limit.amount());
    };
  }

  static LocalDateTime plusWorkingDays(LocalDateTime start, int days) {
    LocalDateTime result = start;
    int added = 0;
    while (added < days) {
      result = result.plusDays(1);
      if (result.getDayOfWeek() != DayOfWeek.SATURDAY && result.getDayOfWeek() != DayOfWeek.SUNDAY) {
        added++;
      }
    }
    return result;
  }

  private LocalDateTime now() {
    return LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone);
  }
}
