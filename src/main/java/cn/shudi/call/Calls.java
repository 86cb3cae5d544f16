package cn.shudi.call;

import java.util.Locale;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.exception.NotValidException;
import org.springframework.stereotype.Component;

import cn.shudi.accountability.Refusals;
import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * A township's call to a department (乡呼县应): {@code ${calls.open(execution)}} checks the call
 * against the county's list. The list decides who must respond: the call names an item of the list, and
 * the called department must hold a responsibility in it (primary or cooperating). "No territorial item
 * outside the list" (清单之外无属地管理事项): a call about an item not on the list, or to a unit the item
 * does not name, is refused with error {@value #OUTSIDE_LIST} (variable {@value #REFUSAL_REASON} says why)
 * and recorded in {@code shudi_refusal} for the accountability report, in its own transaction, so the
 * record stays even if the caller's transaction rolls back.
 *
 * <p>Reads {@value #CALL_ITEM_CODE} (e.g. {@code ZQ054}, case-insensitive) and {@value #CALLED_DEPARTMENT}
 * (a unit code, e.g. {@code market}); sets {@value #CALLED_DEPARTMENT_GROUP}, {@value #CALL_RESPONSE_LIMIT}
 * (the item's 呼叫响应时限), {@value #CALL_TIME_LIMIT} (its 办结时限) and {@value #ITEM_NAME}.
 */
@Component("calls")
public class Calls {

  public static final String OUTSIDE_LIST = "OUTSIDE_LIST";
  public static final String CALL_ITEM_CODE = "callItemCode";
  public static final String CALLED_DEPARTMENT = "calledDepartment";
  public static final String CALLED_DEPARTMENT_GROUP = "calledDepartmentGroup";
  public static final String CALL_RESPONSE_LIMIT = "callResponseLimit";
  public static final String CALL_TIME_LIMIT = "callTimeLimit";
  public static final String ITEM_NAME = "itemName";
  public static final String REFUSAL_REASON = "refusalReason";

  private final Organization organization;
  private final Catalogs catalogs;
  private final Refusals refusals;

  Calls(Organization organization, Catalogs catalogs, Refusals refusals) {
    this.organization = organization;
    this.catalogs = catalogs;
    this.refusals = refusals;
  }

  public void open(DelegateExecution execution) {
    String tenant = execution.getTenantId();
    Jurisdiction jurisdiction = (tenant == null ? Optional.<Jurisdiction>empty() : organization.find(tenant))
        .orElseThrow(() -> new NotValidException(
            "呼叫流程「" + execution.getProcessDefinitionId() + "」未部署在任何辖区（租户）下，不能呼叫"));
    String code = text(execution, CALL_ITEM_CODE).toUpperCase(Locale.ROOT);
    String departmentCode = text(execution, CALLED_DEPARTMENT);
    if (code.isEmpty()) {
      throw refuse(execution, code, departmentCode, "呼叫未写明清单事项：清单之外无属地管理事项");
    }
    Item item = catalogs.of(tenant).item(code).orElseThrow(() -> refuse(execution, code, departmentCode,
        "事项「" + code + "」不在清单内：清单之外无属地管理事项"));
    if (departmentCode.isEmpty()) {
      throw refuse(execution, code, departmentCode, "呼叫未写明被呼叫的部门");
    }
    Unit department = jurisdiction.unit(departmentCode).filter(Unit::isDepartment).orElseThrow(() -> refuse(
        execution, code, departmentCode, "「" + departmentCode + "」不是" + jurisdiction.shortName() + "的部门"));
    boolean named = item.responsibilities().stream()
        .anyMatch(r -> r.party().fixedUnit().filter(department::equals).isPresent());
    if (!named) {
      throw refuse(execution, code, departmentCode,
          "清单未规定" + department.shortName() + "在「" + item.name() + "」中的责任");
    }
    execution.setVariable(CALLED_DEPARTMENT_GROUP, department.groupId());
    execution.setVariable(CALL_RESPONSE_LIMIT, item.callResponseTime().label());
    execution.setVariable(CALL_TIME_LIMIT, item.timeLimit().label());
    execution.setVariable(ITEM_NAME, item.name());
  }

  /** Records the refusal (committed at once), sets {@value #REFUSAL_REASON} and gives the error to throw. */
  private BpmnError refuse(DelegateExecution execution, String code, String department, String reason) {
    String tenant = execution.getTenantId();
    String caseId = execution.getProcessInstanceId();
    refusals.record(Refusals.idOf(tenant, caseId, execution.getCurrentActivityId(), reason),
        tenant, caseId, code.isEmpty() ? null : code, department.isEmpty() ? null : department, reason);
    execution.setVariable(REFUSAL_REASON, reason);
    return new BpmnError(OUTSIDE_LIST, reason);
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? "" : value.toString().strip();
  }
}
