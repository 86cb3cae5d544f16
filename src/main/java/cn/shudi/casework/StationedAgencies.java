package cn.shudi.casework;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * The departments' agencies stationed in the townships (派驻机构: 市场监管所, 派出所, 自然资源所, 司法所, 综合执法中队,
 * the 1+5+N of seeds 000 and 001) receive their department's tasks for their township: when a task for a department
 * is created in a case of a township where the department has an agency ({@code units.csv}, type {@code station}),
 * the agency's group becomes a candidate too. The task stays the department's step (its due date, its ranking);
 * the department's own staff keep it in their inbox, and the agency's staff find it in theirs. An agency never
 * sees another township's tasks. {@link StepOutcomePlugin} puts this on every user task.
 */
final class StationedAgencies implements TaskListener {

  private final Organization organization;

  StationedAgencies(Organization organization) {
    this.organization = organization;
  }

  @Override
  public void notify(DelegateTask task) {
    Optional<String> township = ItemProcess.TOWNSHIP_GROUP.find(task);
    Optional<Jurisdiction> county = township.isEmpty() ? Optional.empty() : organization.find(task.getTenantId());
    if (county.isEmpty()) {
      return;
    }
    List<String> departments = new ArrayList<>();
    for (IdentityLink link : task.getCandidates()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        departments.add(link.getGroupId());
      }
    }
    for (String department : departments) {
      county.get().stationOf(department, township.get()).map(Unit::groupId).ifPresent(task::addCandidateGroup);
    }
  }
}
