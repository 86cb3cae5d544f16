package cn.shudi.monitoring;

import java.util.List;

/**
 * What the dashboard shows (JSON of {@code GET …/dashboard}). Times are ISO-8601 instants, durations
 * milliseconds of calendar time. "Open" is now; "started"/"completed" are within the window of
 * {@code days} days before {@code now}.
 */
record Dashboard(String now, int days, String since, Scope scope, Totals totals,
    List<JurisdictionFigures> jurisdictions, List<DomainFigures> domains, List<ItemFigures> items,
    List<UnitFigures> units, List<ActivityFigures> activities, List<ActivityFigures> slowestSteps,
    List<TaskLine> overdueTasks, Calls calls, Escalations escalations, Escalations jointMeetings,
    Ranking ranking, List<IncidentLine> incidents) {

  /** The same figures with the open incidents the user may see. */
  Dashboard withIncidents(List<IncidentLine> open) {
    return new Dashboard(now, days, since, scope, totals, jurisdictions, domains, items, units, activities,
        slowestSteps, overdueTasks, calls, escalations, jointMeetings, ranking, List.copyOf(open));
  }

  /**
   * A job that failed on every attempt and now waits as an incident (Cockpit's 事故): the case, the step,
   * the reason; the supervisor retries it in the instance's 事故 tab.
   */
  public record IncidentLine(String id, String processInstanceId, String jurisdiction, String itemName,
      String activityId, String message, String time) {
  }

  /** Whose figures these are: all jurisdictions (admins) or the user's own. */
  public record Scope(boolean all, List<Named> jurisdictions) {
  }

  public record Named(String code, String name) {
  }

  public record Totals(long openCases, long openTasks, long overdueTasks, long waitingCalls, long overdueCalls,
      long openEscalations, long escalations, long openJointMeetings, long jointMeetings) {
  }

  public record JurisdictionFigures(String code, String name, long openCases, long openTasks, long overdueTasks,
      long waitingCalls, long overdueCalls, long openEscalations, long escalations, long openJointMeetings,
      long jointMeetings) {
  }

  public record DomainFigures(String jurisdiction, String domain, long openCases, long openTasks,
      long overdueTasks) {
  }

  /**
   * One item (or shared process) of one jurisdiction.
   *
   * @param key process definition key ({@code zq001})
   * @param code item code ({@code ZQ001}), the key for shared processes
   */
  public record ItemFigures(String jurisdiction, String key, String code, String name, String domain,
      long openCases, long openTasks, long overdueTasks, long completedTasks, long openEscalations,
      long escalations, long jointMeetings) {
  }

  /** One unit (candidate group) of one jurisdiction. */
  public record UnitFigures(String jurisdiction, String group, String name, String type, long openTasks,
      long overdueTasks, long waitingCalls, long openEscalations, long escalations) {
  }

  /**
   * One step (user task) of one item. Durations from the completed tasks of the window; null when none.
   *
   * @param unit who does the step (from the blueprint's step id), or empty
   */
  public record ActivityFigures(String jurisdiction, String key, String itemName, String activityId, String name,
      String unit, long openTasks, long overdueTasks, long completed, Long medianMillis, Long p90Millis,
      Long averageMillis, Long maxMillis) {
  }

  /** One open task of a list; {@code overdueMillis} is 0 when not yet due. */
  public record TaskLine(String taskId, String processInstanceId, String jurisdiction, String key, String itemName,
      String activityId, String name, String group, String unitName, String created, String due,
      long overdueMillis, long waitingMillis, String caseSubject, String township) {
  }

  /** Calls (乡呼县应) whose department has not yet accepted (task {@code shared_call_accept} open). */
  public record Calls(long waiting, long overdue, List<UnitFigures> byDepartment, List<TaskLine> longestWaiting) {
  }

  public record Escalations(long open, long started, List<EscalationLine> byUnit, List<EscalationLine> byItem) {
  }

  /** @param id a unit's group or an item's key */
  public record EscalationLine(String jurisdiction, String id, String name, long open, long started) {
  }

  /**
   * The current evaluation ranking (双向互评), if the assessment tables exist.
   *
   * @param note why it is empty, or where it comes from
   */
  public record Ranking(boolean available, String note, List<RankingLine> rows) {
  }

  /**
   * One unit of a month's ranking.
   *
   * @param unit the unit's group
   * @param kind {@code department} or {@code township} (ranked separately)
   * @param rank null when the unit was not ranked (未参评)
   * @param outcome {@code commended} (表扬), {@code summoned} (约谈) or {@code none}
   */
  public record RankingLine(String jurisdiction, String period, String unit, String unitName, String kind,
      String kindName, Double score, Integer rank, String outcome, String outcomeName) {
  }
}
