package cn.shudi.call;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import cn.shudi.catalog.TimeLimit;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * The process adapters of a township's call (乡呼县应):
 * <ul>
 * <li>{@code ${calls.open(execution)}} (核对清单事项) has {@link CallCheck} read the call against the county's
 * list. Reads {@code callItemCode} (e.g. {@code ZQ054}, case-insensitive, may be empty) and
 * {@code calledDepartment} (a unit code, e.g. {@code market}); sets {@code calledDepartmentGroup},
 * {@code callResponseLimit}, {@code callTimeLimit}, {@code itemName}, {@code callOffList} with
 * {@code callOffListNote} (a matter outside the list is the department's own job) and {@code callReworked}.
 * A call that names no department of the county ends in error {@value CallProcess#OUTSIDE_LIST}, with
 * {@code refusalReason} saying why (see {@link CallProcess}).</li>
 * <li>{@code ${calls.dispatch(task)}} (研判派单, on complete): the command centre's primary and cooperating
 * departments and time limits, checked against the county's units; {@code ${calls.cooperatingGroups(execution)}}
 * gives 配合部门协办 its departments.</li>
 * <li>{@code ${calls.checkReturn(task)}} (受理呼叫, on complete): a department returns a call only with its
 * reason and evidence; otherwise the completion is refused and the task stays open.</li>
 * <li>{@code ${calls.recordReturnDecision(task)}} (复核退回理由, on complete): the command centre's decision and
 * the unit it found at fault go to {@link CallReturns}; an unknown answer is refused.</li>
 * <li>{@code ${calls.rework(execution)}} (the flow 不满意需重办？ → 是): the work goes back once.</li>
 * </ul>
 */
@Component(CallProcess.CALLS_BEAN)
public class Calls {

  private static final Pattern NAME_SEPARATOR = Pattern.compile("[、，,；;\\s]+");

  private final Organization organization;
  private final CallCheck check;
  private final CallReturns returns;

  Calls(Organization organization, CallCheck check, CallReturns returns) {
    this.organization = organization;
    this.check = check;
    this.returns = returns;
  }

  private Jurisdiction jurisdiction(String tenant, String processDefinitionId) {
    return (tenant == null ? Optional.<Jurisdiction>empty() : organization.find(tenant))
        .orElseThrow(() -> new NotValidException(
            "呼叫流程「" + processDefinitionId + "」未部署在任何辖区（租户）下，不能呼叫"));
  }

  public void open(DelegateExecution execution) {
    Jurisdiction jurisdiction = jurisdiction(execution.getTenantId(), execution.getProcessDefinitionId());
    CallCheck.Accepted accepted;
    try {
      accepted = check.check(new CallCheck.Call(jurisdiction, execution.getProcessInstanceId(),
          execution.getCurrentActivityId(), CallProcess.CALL_ITEM_CODE.get(execution),
          CallProcess.CALLED_DEPARTMENT.get(execution)));
    } catch (CallCheck.Refused refused) {
      CallProcess.REFUSAL_REASON.set(execution, refused.getMessage());
      throw new BpmnError(CallProcess.OUTSIDE_LIST, refused.getMessage());
    }
    write(execution, new Dispatch(accepted.primary(), accepted.cooperating(), accepted.responseLimit(),
        accepted.timeLimit()));
    CallProcess.ITEM_NAME.set(execution, accepted.itemName());
    CallProcess.CALL_OFF_LIST.set(execution, accepted.offList());
    if (accepted.offList()) {
      CallProcess.CALL_OFF_LIST_NOTE.set(execution, accepted.offListNote());
    }
    CallProcess.CALL_REWORKED.set(execution, false);
  }

  /**
   * The adapter of 研判派单's complete listener: the command centre's primary department, cooperating departments
   * (by name: short name, full name or alias; separated by 、，, or ；) and time limits. A name that is not a
   * department of the county, the primary department among the cooperating ones, or a limit that cannot be read is
   * refused and the task stays open.
   */
  public void dispatch(DelegateTask task) {
    Jurisdiction jurisdiction = jurisdiction(task.getTenantId(), task.getProcessDefinitionId());
    Dispatch dispatch = dispatch(jurisdiction, CallProcess.CALL_PRIMARY_DEPARTMENT.get(task),
        CallProcess.CALL_COOPERATING_DEPARTMENTS.get(task), CallProcess.CALL_RESPONSE_LIMIT.get(task),
        CallProcess.CALL_TIME_LIMIT.get(task));
    write(task, dispatch);
  }

  /** The dispatch as the call's variables: the list's proposal (核对清单事项) or the command centre's decision. */
  private static void write(VariableScope call, Dispatch dispatch) {
    CallProcess.CALLED_DEPARTMENT_GROUP.set(call, dispatch.primary().groupId());
    CallProcess.CALL_PRIMARY_DEPARTMENT.set(call, dispatch.primary().shortName());
    CallProcess.CALL_COOPERATING_DEPARTMENTS.set(call,
        String.join("、", dispatch.cooperating().stream().map(Unit::shortName).toList()));
    CallProcess.CALL_COOPERATING_GROUPS.set(call,
        String.join(",", dispatch.cooperating().stream().map(Unit::groupId).toList()));
    CallProcess.CALL_RESPONSE_LIMIT.set(call, dispatch.responseLimit());
    CallProcess.CALL_TIME_LIMIT.set(call, dispatch.timeLimit());
  }

  /** The command centre's dispatch: who leads, who cooperates, how fast. */
  record Dispatch(Unit primary, List<Unit> cooperating, String responseLimit, String timeLimit) {
  }

  static Dispatch dispatch(Jurisdiction jurisdiction, String primaryName, String cooperatingNames,
      String responseLimit, String timeLimit) {
    Unit primary = department(jurisdiction, primaryName, "主责部门");
    List<Unit> cooperating = new ArrayList<>();
    for (String name : NAME_SEPARATOR.split(cooperatingNames == null ? "" : cooperatingNames)) {
      if (name.isBlank()) {
        continue;
      }
      Unit unit = department(jurisdiction, name, "配合部门");
      if (unit.equals(primary)) {
        throw new NotValidException("配合部门中不能再写主责部门「" + primary.shortName() + "」");
      }
      if (!cooperating.contains(unit)) {
        cooperating.add(unit);
      }
    }
    return new Dispatch(primary, cooperating, limit(responseLimit, "响应时限"), limit(timeLimit, "完成时限"));
  }

  private static Unit department(Jurisdiction jurisdiction, String name, String role) {
    String text = name == null ? "" : name.strip();
    if (text.isEmpty()) {
      throw new NotValidException("请填写" + role + "：" + jurisdiction.shortName() + "部门的名称，如清单所写");
    }
    return jurisdiction.unitNamed(text).filter(Unit::isDepartment).orElseThrow(() -> new NotValidException(
        role + "「" + text + "」不是" + jurisdiction.shortName() + "的部门：请按清单或单位名录填写部门名称"));
  }

  private static String limit(String text, String label) {
    try {
      return TimeLimit.parse(text).label();
    } catch (IllegalArgumentException e) {
      throw new NotValidException(label + "有误：" + e.getMessage());
    }
  }

  /**
   * The adapter of 配合部门协办's collection: the cooperating departments' groups the dispatch named, in its order;
   * empty when there is none (the sub-process is then skipped).
   */
  public List<String> cooperatingGroups(DelegateExecution execution) {
    String groups = CallProcess.CALL_COOPERATING_GROUPS.find(execution).orElse("");
    return Arrays.stream(groups.split(",")).map(String::strip).filter(g -> !g.isEmpty()).toList();
  }

  /** The adapter of 受理呼叫's complete listener. */
  public void checkReturn(DelegateTask task) {
    checkReturn(CallProcess.CALL_ACCEPTED.get(task), CallProcess.CALL_RETURN_REASON.get(task),
        CallProcess.CALL_RETURN_EVIDENCE.get(task));
  }

  /** A call is returned (not accepted) only with a reason and the evidence for it. */
  static void checkReturn(String accepted, String reason, String evidence) {
    if (CallProcess.NO.equals(accepted) && (blank(reason) || blank(evidence))) {
      throw new NotValidException("不受理呼叫须写明退回理由和依据（证据）：指挥中心据此复核退回是否成立。");
    }
  }

  /** The adapter of 复核退回理由's complete listener. */
  public void recordReturnDecision(DelegateTask task) {
    Jurisdiction jurisdiction = jurisdiction(task.getTenantId(), task.getProcessDefinitionId());
    String upheld = CallProcess.CALL_RETURN_UPHELD.get(task);
    if (!CallProcess.YES.equals(upheld) && !CallProcess.NO.equals(upheld)) {
      throw new NotValidException("「退回理由是否成立」应为 yes 或 no，收到：" + upheld);
    }
    String answer = CallProcess.CALL_RETURN_FAULT.get(task);
    CallReturns.Fault fault = CallReturns.Fault.of(answer)
        .orElseThrow(() -> new NotValidException("「责任方」应为 township、department 或 none，收到：" + answer));
    String townshipGroup = CallProcess.TOWNSHIP_GROUP.get(task);
    String departmentGroup = CallProcess.CALLED_DEPARTMENT_GROUP.get(task);
    String faultGroup = switch (fault) {
      case TOWNSHIP -> townshipGroup;
      case DEPARTMENT -> departmentGroup;
      case NONE -> null;
    };
    String faultUnit = faultGroup == null ? null
        : jurisdiction.unitOfGroup(faultGroup).map(Unit::code)
            .orElseThrow(() -> new NotValidException("「" + faultGroup + "」不是" + jurisdiction.shortName() + "的单位"));
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    returns.record(new CallReturns.Decision(task.getId(), jurisdiction.code(), task.getProcessInstanceId(),
        townshipGroup, departmentGroup, CallProcess.YES.equals(upheld), fault, faultUnit,
        CallProcess.CALL_RETURN_DECISION.get(task), user == null ? null : user.getUserId(), jurisdiction.now()));
  }

  /** The adapter of the flow back to 办理呼叫事项 after a 不满意 rating: once only. */
  public void rework(DelegateExecution execution) {
    CallProcess.CALL_REWORKED.set(execution, true);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
