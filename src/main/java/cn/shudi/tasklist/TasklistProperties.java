package cn.shudi.tasklist;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dueFilterRefresh how often the absolute dates of 即将超期 and 已超期 are moved to now
 *     ({@code shudi.tasklist.due-filter-refresh}, ISO-8601 such as {@code PT15M}); 即将超期 looks ahead
 *     24 hours plus this much, so no task falls between two refreshes (see {@link TaskFilters})
 */
@ConfigurationProperties("shudi.tasklist")
record TasklistProperties(@DefaultValue(TasklistProperties.DEFAULT_REFRESH) Duration dueFilterRefresh) {

  /** Also the default of the scheduler's placeholder in {@link DueFilterRefresh}. */
  public static final String DEFAULT_REFRESH = "PT15M";
}
