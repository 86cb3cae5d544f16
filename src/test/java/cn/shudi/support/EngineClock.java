package cn.shudi.support;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's clock in the counties' local time, for tests that put a case at a given day and hour.
 * Both shipped counties (jurisdictions.csv) keep Beijing time.
 */
public final class EngineClock {

  public static final ZoneId COUNTY_ZONE = ZoneId.of("Asia/Shanghai");

  private EngineClock() {
  }

  /** The instant a county's wall clock shows {@code time}. */
  public static Date at(LocalDateTime time) {
    return Date.from(time.atZone(COUNTY_ZONE).toInstant());
  }

  /** Sets the engine clock to the county's {@code time}; {@link #reset()} gives the real time back. */
  public static void set(LocalDateTime time) {
    ClockUtil.setCurrentTime(at(time));
  }

  public static void reset() {
    ClockUtil.reset();
  }
}
