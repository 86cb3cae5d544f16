package cn.shudi.call;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.exception.NotValidException;
import org.springframework.stereotype.Component;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;

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
 * <li>{@code ${calls.checkReturn(task)}} (受理呼叫, on complete): a department returns a call only with its
 * reason and evidence; otherwise the completion is refused and the task stays open.</li>
 * <li>{@code ${calls.rework(execution)}} (the flow 不满意需重办？ → 是): the work goes back once.</li>
 * </ul>
 */
@Component(CallProcess.CALLS_BEAN)
public class Calls {

  private final Organization organization;
  private final CallCheck check;

  Calls(Organization organization, CallCheck check) {
    this.organization = organization;
    this.check = check;
  }

  public void open(DelegateExecution execution) {
    String tenant = execution.getTenantId();
    Jurisdiction jurisdiction = (tenant == null ? Optional.<Jurisdiction>empty() : organization.find(tenant))
        .orElseThrow(() -> new NotValidException(
            "呼叫流程「" + execution.getProcessDefinitionId() + "」未部署在任何辖区（租户）下，不能呼叫"));
    CallCheck.Accepted accepted;
    try {
      accepted = check.check(new CallCheck.Call(jurisdiction, execution.getProcessInstanceId(),
          execution.getCurrentActivityId(), CallProcess.CALL_ITEM_CODE.get(execution),
          CallProcess.CALLED_DEPARTMENT.get(execution)));
    } catch (CallCheck.Refused refused) {
      CallProcess.REFUSAL_REASON.set(execution, refused.getMessage());
      throw new BpmnError(CallProcess.OUTSIDE_LIST, refused.getMessage());
    }
    CallProcess.CALLED_DEPARTMENT_GROUP.set(execution, accepted.departmentGroup());
    CallProcess.CALL_RESPONSE_LIMIT.set(execution, accepted.responseLimit());
    CallProcess.CALL_TIME_LIMIT.set(execution, accepted.timeLimit());
    CallProcess.ITEM_NAME.set(execution, accepted.itemName());
    CallProcess.CALL_OFF_LIST.set(execution, accepted.offList());
    if (accepted.offList()) {
      CallProcess.CALL_OFF_LIST_NOTE.set(execution, accepted.offListNote());
    }
    CallProcess.CALL_REWORKED.set(execution, false);
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

  /** The adapter of the flow back to 办理呼叫事项 after a 不满意 rating: once only. */
  public void rework(DelegateExecution execution) {
    CallProcess.CALL_REWORKED.set(execution, true);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
