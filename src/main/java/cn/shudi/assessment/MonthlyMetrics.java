package cn.shudi.assessment;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import cn.shudi.accountability.Refusals;
import cn.shudi.call.CallProcess;
import cn.shudi.call.CallReturns;
import cn.shudi.evaluation.CallRating;
import cn.shudi.evaluation.EvaluationStore;
import cn.shudi.evaluation.StoredRating;
import cn.shudi.intake.IntakeRates;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Unit;

/**
 * Gathers one county's month for the ranking, per department and township:
 * <ul>
 * <li>duty tasks from the engine's history ({@code ACT_HI_TASKINST}): every task the unit was a candidate
 * group of, due in the month, except the calls' 受理呼叫; on time when completed no later than its due date,
 * late when completed later or still open after it; tasks cancelled with their case do not count;</li>
 * <li>calls: the 受理呼叫 tasks ({@link CallProcess.Element#ACCEPT}) due in the month, the same way;</li>
 * <li>ratings: the townships' ratings of departments given in the month and not annulled by an appeal;
 * the departments' ratings of townships' calls given in the month;</li>
 * <li>refusals: the accountability feature's refusals of the month ({@link Refusals#perUnit}), counted for
 * the unit they name, and the command centre's decisions on returned calls that found the unit at fault
 * ({@link CallReturns#perUnit}).</li>
 * <li>requests: the intake's rates of the month ({@link IntakeRates}, docs/intake-rates.md) of the requests
 * dispatched to the unit: dispatches and those answered in time (诉求响应率), valid callbacks and their 满意 points
 * (诉求满意率).</li>
 * </ul>
 * Month borders are the county's local midnight ({@link Jurisdiction#zone()}).
 */
@Component
class MonthlyMetrics {

  /** The task of shared_call in which the called department accepts the call (受理呼叫). */
  private static final String CALL_ACCEPT_TASK = CallProcess.Element.ACCEPT.id();
  private static final String COMPLETED = "completed";

  private final HistoryService history;
  private final EvaluationStore evaluations;
  private final Refusals refusals;
  private final CallReturns returns;
  private final IntakeRates intake;

  MonthlyMetrics(@Lazy HistoryService history, EvaluationStore evaluations, Refusals refusals, CallReturns returns,
      IntakeRates intake) {
    this.history = history;
    this.evaluations = evaluations;
    this.refusals = refusals;
    this.returns = returns;
    this.intake = intake;
  }

  /**
   * The month's figures of every department and township of the county, in the order of its units.
   *
   * @param now the engine's time of the computation: a task due in the month that is still open counts as late
   *     only once its due date has passed
   */
  public List<UnitMetrics> collect(Jurisdiction jurisdiction, YearMonth month, Date now) {
    LocalDateTime from = month.atDay(1).atStartOfDay();
    LocalDateTime to = month.plusMonths(1).atDay(1).atStartOfDay();
    Date fromDate = Date.from(from.atZone(jurisdiction.zone()).toInstant());
    Date toDate = Date.from(to.atZone(jurisdiction.zone()).toInstant());

    Map<String, double[]> ratings = new HashMap<>();
    for (StoredRating rating : evaluations.ratingsIn(jurisdiction.code(), from, to)) {
      if (!rating.annulled()) {
        add(ratings, rating.ratedGroup(), rating.rating().points());
      }
    }
    for (CallRating rating : evaluations.callRatingsIn(jurisdiction.code(), from, to)) {
      add(ratings, rating.ratedGroup(), rating.points());
    }
    Map<String, Integer> refused = new HashMap<>(refusals.perUnit(jurisdiction, month));
    returns.perUnit(jurisdiction, month).forEach((unit, count) -> refused.merge(unit, count, Integer::sum));
    Map<String, IntakeRates.Rates> requests = new HashMap<>();
    intake.of(jurisdiction, month).units().forEach(r -> requests.put(r.unit(), r));

    List<UnitMetrics> all = new ArrayList<>();
    for (Unit unit : jurisdiction.units()) {
      if (!unit.isDepartment() && !unit.isTownship()) {
        continue;
      }
      UnitMetrics metrics = UnitMetrics.empty(unit.code(), unit.groupId(), unit.shortName(), unit.type());
      int[] duty = new int[2];
      int[] calls = new int[2];
      for (HistoricTaskInstance task : tasksDue(jurisdiction, unit.groupId(), fromDate, toDate)) {
        int[] counter = CALL_ACCEPT_TASK.equals(task.getTaskDefinitionKey()) ? calls : duty;
        if (task.getEndTime() != null) {
          if (!COMPLETED.equals(task.getDeleteReason())) {
            continue; // cancelled with its case or by an interrupting event: nothing to answer for
          }
          counter[0]++;
          if (!task.getEndTime().after(task.getDueDate())) {
            counter[1]++;
          }
        } else if (task.getDueDate().before(now)) {
          counter[0]++; // still open after its due date: late
        }
      }
      metrics = metrics.withTasks(duty[0], duty[1]).withCalls(calls[0], calls[1]);
      double[] received = ratings.get(unit.groupId());
      if (received != null) {
        metrics = metrics.withRatings((int) received[0], received[1]);
      }
      IntakeRates.Rates handled = requests.get(unit.code());
      if (handled != null) {
        metrics = metrics.withRequests(handled.dispatched(), handled.answeredInTime(), handled.validCallbacks(),
            handled.satisfactionPoints());
      }
      all.add(metrics.withRefusals(refused.getOrDefault(unit.code(), 0) + refused.getOrDefault(unit.groupId(), 0)));
    }
    return all;
  }

  /** The unit's tasks (candidate group) of the county with a due date in [from, to). */
  private List<HistoricTaskInstance> tasksDue(Jurisdiction jurisdiction, String group, Date from, Date to) {
    return history.createHistoricTaskInstanceQuery().tenantIdIn(jurisdiction.tenantId())
        .taskHadCandidateGroup(group)
        .taskDueAfter(new Date(from.getTime() - 1)).taskDueBefore(to)
        .list().stream()
        .filter(t -> t.getDueDate() != null && !t.getDueDate().before(from) && t.getDueDate().before(to))
        .filter(distinctIds())
        .toList();
  }

  /** A task is counted once, however many times it had the group. */
  private static java.util.function.Predicate<HistoricTaskInstance> distinctIds() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    return t -> seen.add(t.getId());
  }

  private static void add(Map<String, double[]> ratings, String group, double points) {
    double[] sum = ratings.computeIfAbsent(group, g -> new double[2]);
    sum[0]++;
    sum[1] += points;
  }
}
