package cn.shudi.casework;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.catalog.TimeLimit;
import cn.shudi.organization.Organization;

/**
 * Due dates from the list's time limits, read by BPMN: {@code camunda:dueDate="${deadlines.after('5个工作日')}"}
 * and timers {@code <timeDate>${deadlines.reminderAt('5个工作日')}</timeDate>}. "Now" is the engine's
 * clock, so tests move time without sleeping; days are counted in the county's time zone (the case's
 * jurisdiction). Working days skip Saturdays and Sundays; public holidays are not known to the platform yet.
 */
@Component(ItemProcess.DEADLINES)
public class Deadlines {

  /** The reminder comes when this share of the time is used up. */
  static final double REMINDER_SHARE = 0.8;

  private final Organization organization;

  Deadlines(Organization organization) {
    this.organization = organization;
  }

  /** The adapter: now, in the zone of the case being executed. */
  public Date after(String limit) {
    return Date.from(dueAt(now(), TimeLimit.parse(limit), zone()));
  }

  /**
   * The end of a period a form sets in days, e.g. a rectification deadline ({@code ${deadlines.afterDays(rectificationDays)}}
   * in the inspection pattern): calendar days, 1 to 365; anything else (missing, not a whole number) is refused, so
   * the task that set it does not complete with a timer that cannot be read.
   */
  public Date afterDays(Object days) {
    if (!(days instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
        || number.longValue() < 1 || number.longValue() > 365) {
      throw new IllegalArgumentException("天数「" + days + "」不合法：应为 1 到 365 的整数");
    }
    return Date.from(dueAt(now(), TimeLimit.parse(number.longValue() + "日"), zone()));
  }

  public Date reminderAt(String limit) {
    return Date.from(reminderAt(now(), TimeLimit.parse(limit), zone()));
  }

  /** When a step started at {@code start} is due, its days counted in {@code zone}. */
  static Instant dueAt(Instant start, TimeLimit limit, ZoneId zone) {
    return dueFrom(LocalDateTime.ofInstant(start, zone), limit).atZone(zone).toInstant();
  }

  /** When a step started at {@code start} is reminded: {@value #REMINDER_SHARE} of its time used up. */
  static Instant reminderAt(Instant start, TimeLimit limit, ZoneId zone) {
    long span = Duration.between(start, dueAt(start, limit, zone)).toSeconds();
    return start.plusSeconds((long) (span * REMINDER_SHARE));
  }

  static LocalDateTime dueFrom(LocalDateTime start, TimeLimit limit) {
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

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** The zone of the county whose case the engine is executing (the expression has no execution argument). */
  private ZoneId zone() {
    BpmnExecutionContext context = Context.getBpmnExecutionContext();
    return organization.zone(context == null ? null : context.getExecution().getTenantId());
  }
}
