package cn.shudi.assessment;

import cn.shudi.organization.UnitType;

/**
 * What one unit did in the month: the counts the ranking formula (docs/ranking-formula.md) turns into
 * rates and a score.
 *
 * @param unitCode the unit's code, e.g. {@code market}
 * @param unitGroup the unit's group, e.g. {@code zhangqiu_market}
 * @param tasksDue the unit's duty tasks due in the month (calls' 受理呼叫 not included), finished or overdue
 * @param tasksOnTime of those, completed no later than their due date
 * @param callsDue 受理呼叫 tasks of calls to the unit due in the month (departments only)
 * @param callsOnTime of those, accepted no later than their due date
 * @param ratings ratings the unit received in the month that still count (departments: the townships'
 *     ratings; townships: the departments' ratings of their calls)
 * @param ratingPoints the points of those ratings (满意 1, 基本满意 0.6, 不满意 0; a call rating: yes answers ÷ 3)
 * @param refusals rows of {@code shudi_refusal} of the month naming the unit
 * @param requestsDispatched the intake's dispatches (派单) of requests to the unit in the month (docs/intake-rates.md)
 * @param requestsAnswered of those, signed or returned within the three working days
 * @param requestCallbacks valid callbacks (the requester was reached) of the month on requests the unit handled
 * @param requestPoints the numerator of their 满意率: 满意 + 0.9 × 基本满意
 */
record UnitMetrics(String unitCode, String unitGroup, String unitName, UnitType kind, int tasksDue,
    int tasksOnTime, int callsDue, int callsOnTime, int ratings, double ratingPoints, int refusals,
    int requestsDispatched, int requestsAnswered, int requestCallbacks, double requestPoints) {

  /** A unit's month without intake figures (as every unit before formula 2026.3). */
  UnitMetrics(String unitCode, String unitGroup, String unitName, UnitType kind, int tasksDue, int tasksOnTime,
      int callsDue, int callsOnTime, int ratings, double ratingPoints, int refusals) {
    this(unitCode, unitGroup, unitName, kind, tasksDue, tasksOnTime, callsDue, callsOnTime, ratings, ratingPoints,
        refusals, 0, 0, 0, 0);
  }

  /** A unit with nothing in the month. */
  public static UnitMetrics empty(String unitCode, String unitGroup, String unitName, UnitType kind) {
    return new UnitMetrics(unitCode, unitGroup, unitName, kind, 0, 0, 0, 0, 0, 0, 0);
  }

  /** 按时办结率, or null when no task was due. */
  public Double completionRate() {
    return tasksDue == 0 ? null : (double) tasksOnTime / tasksDue;
  }

  /** 按时响应率, or null when no call was due. */
  public Double responseRate() {
    return callsDue == 0 ? null : (double) callsOnTime / callsDue;
  }

  /** 满意率 (townships: 呼叫评价得分率), or null without ratings. */
  public Double satisfactionRate() {
    return ratings == 0 ? null : ratingPoints / ratings;
  }

  /** 诉求响应率 (the intake's 响应率 of requests dispatched to the unit), or null when none was dispatched. */
  public Double requestResponseRate() {
    return requestsDispatched == 0 ? null : (double) requestsAnswered / requestsDispatched;
  }

  /** 诉求满意率 (the intake's 满意率 of the unit's requests), or null without a valid callback. */
  public Double requestSatisfactionRate() {
    return requestCallbacks == 0 ? null : requestPoints / requestCallbacks;
  }

  public UnitMetrics withTasks(int due, int onTime) {
    return new UnitMetrics(unitCode, unitGroup, unitName, kind, due, onTime, callsDue, callsOnTime, ratings,
        ratingPoints, refusals, requestsDispatched, requestsAnswered, requestCallbacks, requestPoints);
  }

  public UnitMetrics withCalls(int due, int onTime) {
    return new UnitMetrics(unitCode, unitGroup, unitName, kind, tasksDue, tasksOnTime, due, onTime, ratings,
        ratingPoints, refusals, requestsDispatched, requestsAnswered, requestCallbacks, requestPoints);
  }

  public UnitMetrics withRatings(int count, double points) {
    return new UnitMetrics(unitCode, unitGroup, unitName, kind, tasksDue, tasksOnTime, callsDue, callsOnTime, count,
        points, refusals, requestsDispatched, requestsAnswered, requestCallbacks, requestPoints);
  }

  public UnitMetrics withRefusals(int count) {
    return new UnitMetrics(unitCode, unitGroup, unitName, kind, tasksDue, tasksOnTime, callsDue, callsOnTime, ratings,
        ratingPoints, count, requestsDispatched, requestsAnswered, requestCallbacks, requestPoints);
  }

  /** The intake's figures of the unit: dispatches, those answered in time, valid callbacks, their 满意 points. */
  public UnitMetrics withRequests(int dispatched, int answered, int callbacks, double points) {
    return new UnitMetrics(unitCode, unitGroup, unitName, kind, tasksDue, tasksOnTime, callsDue, callsOnTime, ratings,
        ratingPoints, refusals, dispatched, answered, callbacks, points);
  }
}
