package cn.shudi.call;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.exception.NotValidException;
import org.springframework.stereotype.Component;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;

/**
 * The process adapter of a township's call (乡呼县应): {@code ${calls.open(execution)}} (核对清单事项) has
 * {@link CallCheck} check the call against the county's list. Reads {@code callItemCode} (e.g. {@code ZQ054},
 * case-insensitive) and {@code calledDepartment} (a unit code, e.g. {@code market}); sets
 * {@code calledDepartmentGroup}, {@code callResponseLimit} (the item's 呼叫响应时限), {@code callTimeLimit} (its
 * 办结时限) and {@code itemName}. A call outside the list ends in error {@value CallProcess#OUTSIDE_LIST}, with
 * {@code refusalReason} saying why (see {@link CallProcess}).
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
  }
}
