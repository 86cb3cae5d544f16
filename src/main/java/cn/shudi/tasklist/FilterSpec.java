package cn.shudi.tasklist;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;

/**
 * One Tasklist filter the platform keeps: who may read it, how it looks, and its task query.
 *
 * @param key stable identity across restarts, stored in the filter's properties under
 *     {@link TaskFilters#KEY_PROPERTY} (names repeat: every unit has a 本单位待办)
 * @param readers the groups granted READ on the filter, and nobody else
 * @param variables the process variables Tasklist shows on each task card (name → label)
 * @param timeRelative whether the query holds absolute dates that {@link TaskFilters#refreshDueDates()}
 *     moves along with the clock
 * @param query the task query at a given "now" (no expression: dates are absolute)
 */
record FilterSpec(String key, String name, String description, int priority, String color,
    List<String> readers, Map<String, String> variables, boolean timeRelative,
    QueryAt query) {

  /** The task query of a filter as of {@code now}. */
  @FunctionalInterface
  public interface QueryAt {
    TaskQuery at(TaskService tasks, Date now);
  }

  public FilterSpec {
    readers = List.copyOf(readers);
    variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
  }

  /** Convenience for queries that do not depend on the time. */
  static QueryAt timeless(Function<TaskService, TaskQuery> query) {
    return (tasks, now) -> query.apply(tasks);
  }
}
