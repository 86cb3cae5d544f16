package cn.shudi.casework;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Unit;

/**
 * The departments' agencies stationed in the townships (派驻机构: 市场监管所, 派出所, 自然资源所, 司法所, 综合执法中队,
 * the 1+5+N of seeds 000 and 001) receive their department's tasks for their township: when a task for a department
 * is created in a case of a township where the department has an agency ({@code units.csv}, type {@code station}),
 * the agency's group becomes a candidate too. The task stays the department's step (its due date, its ranking);
 * the department's own staff keep it in their inbox, and the agency's staff find it in theirs. An agency never
 * sees another township's tasks. {@link StepOutcomePlugin}'s create listener calls this on every user task.
 */
final class StationedAgencies {

  private StationedAgencies() {
  }

  /**
   * Adds, for each department among the candidates, its agency in the case's township as a candidate too.
   *
   * @param candidates the task's candidate groups as the model gave them
   */
  static void add(DelegateTask task, Jurisdiction county, String township, List<String> candidates) {
    for (String department : candidates) {
      county.stationOf(department, township).map(Unit::groupId).ifPresent(task::addCandidateGroup);
    }
  }
}
