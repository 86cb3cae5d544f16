package cn.shudi.call;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * A township's call to a department (乡呼县应): {@code ${calls.open(execution)}} checks the call
 * against the list. "No territorial item outside the list" (清单之外无属地管理事项): a call about an
 * item not on the list, or to a department the item does not name, is refused with error
 * {@value #OUTSIDE_LIST} and recorded for the accountability report.
 */
@Component("calls")
public class Calls {

  public static final String OUTSIDE_LIST = "OUTSIDE_LIST";
  public static final String CALL_ITEM_CODE = "callItemCode";
  public static final String CALLED_DEPARTMENT = "calledDepartment";
  public static final String CALLED_DEPARTMENT_GROUP = "calledDepartmentGroup";
  public static final String CALL_RESPONSE_LIMIT = "callResponseLimit";
  public static final String CALL_TIME_LIMIT = "callTimeLimit";
  public static final String REFUSAL_REASON = "refusalReason";

  /** A refused call: who tried to put what on whom. */
  public record Refusal(String jurisdiction, String caseId, String itemCode, String calledDepartment, String reason,
      Instant at) {
  }

  private final Organization organization;
  private final Catalogs catalogs;
  private final List<Refusal> refusals = new CopyOnWriteArrayList<>();

  Calls(Organization organization, Catalogs catalogs) {
    this.organization = organization;
    this.catalogs = catalogs;
  }

  public void open(DelegateExecution execution) {
    String tenant = execution.getTenantId();
    String code = String.valueOf(execution.getVariable(CALL_ITEM_CODE)).trim().toUpperCase(Locale.ROOT);
    String departmentCode = String.valueOf(execution.getVariable(CALLED_DEPARTMENT)).trim();
    Optional<Item> item = catalogs.of(tenant).item(code);
    if (item.isEmpty()) {
      refuse(execution, code, departmentCode, "事项「" + code + "」不在清单内：清单之外无属地管理事项");
    }
    Optional<Unit> department = organization.jurisdiction(tenant).unit(departmentCode).filter(Unit::isDepartment);
    if (department.isEmpty()) {
      refuse(execution, code, departmentCode, "「" + departmentCode + "」不是本辖区的部门");
    }
    boolean named = item.get().responsibilities().stream()
        .anyMatch(r -> r.party().fixedUnit().filter(u -> u.equals(department.get())).isPresent());
    if (!named) {
      refuse(execution, code, departmentCode,
          "清单未规定" + department.get().shortName() + "在「" + item.get().name() + "」中的责任");
    }
    execution.setVariable(CALLED_DEPARTMENT_GROUP, department.get().groupId());
    execution.setVariable(CALL_RESPONSE_LIMIT, item.get().callResponseTime().label());
    execution.setVariable(CALL_TIME_LIMIT, item.get().timeLimit().label());
    execution.setVariable("itemName", item.get().name());
  }

  public List<Refusal> refusals() {
    return List.copyOf(refusals);
  }

  private void refuse(DelegateExecution execution, String code, String department, String reason) {
    refusals.add(new Refusal(execution.getTenantId(), execution.getProcessInstanceId(), code, department, reason,
        ClockUtil.getCurrentTime().toInstant()));
    execution.setVariable(REFUSAL_REASON, reason);
    throw new BpmnError(OUTSIDE_LIST, reason);
  }
}
