package cn.shudi.casework;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Role;
import cn.shudi.organization.Unit;
import cn.shudi.reliability.RequestRefusedException;

/**
 * Runs when a case of a blueprint starts ({@code camunda:executionListener delegateExpression="${caseOpening}"}
 * on the start event): checks the township chosen on the start form belongs to the case's county and
 * sets the groups and item facts the blueprint's tasks and timers read. A township's staff and grid workers
 * open cases of their own township only; departments, the command centre and dispatchers open cases for any
 * township of their county.
 */
@Component("caseOpening")
public class CaseOpening implements ExecutionListener {

  private final Organization organization;
  private final Catalogs catalogs;

  CaseOpening(Organization organization, Catalogs catalogs) {
    this.organization = organization;
    this.catalogs = catalogs;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String tenant = execution.getTenantId();
    Jurisdiction jurisdiction = organization.find(tenant).orElseThrow(() -> new NotValidException(
        "流程「" + execution.getProcessDefinitionId() + "」未部署在任何辖区（租户）下，不能受理案件"));
    String townshipCode = CaseVariables.township(execution);
    if (townshipCode == null || townshipCode.isBlank()) {
      throw new NotValidException("请选择案件所属镇街（变量 township）");
    }
    Unit township = jurisdiction.unit(townshipCode).filter(Unit::isTownship).orElseThrow(() -> new NotValidException(
        "「" + townshipCode + "」不是" + jurisdiction.shortName() + "的镇街"));
    requireStarterMayOpen(execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication(),
        jurisdiction, township);
    execution.setVariable(CaseVariables.JURISDICTION, jurisdiction.code());
    execution.setVariable(CaseVariables.TOWNSHIP_GROUP, township.groupId());
    execution.setVariable(CaseVariables.COMMAND_CENTRE_GROUP, jurisdiction.commandCentre().groupId());
    item(execution).ifPresent(item -> {
      execution.setVariable(CaseVariables.ITEM_CODE, item.code());
      execution.setVariable(CaseVariables.ITEM_NAME, item.name());
      execution.setVariable(CaseVariables.SEVERAL_DEPARTMENTS, item.involvesSeveralDepartments());
    });
  }

  private static void requireStarterMayOpen(Authentication starter, Jurisdiction jurisdiction, Unit township) {
    if (starter == null || starter.getUserId() == null) {
      return; // the platform itself
    }
    List<String> groups = starter.getGroupIds() == null ? List.of() : starter.getGroupIds();
    if (groups.contains(Groups.CAMUNDA_ADMIN) || groups.contains(Role.DISPATCHER.groupId(jurisdiction))) {
      return;
    }
    List<Unit> own = jurisdiction.units().stream().filter(u -> groups.contains(u.groupId())).toList();
    if (own.stream().noneMatch(Unit::isTownship) || own.stream().anyMatch(u -> !u.isTownship())) {
      return; // a department or the command centre (or no unit: the engine's grants decide)
    }
    if (own.stream().noneMatch(township::equals)) {
      throw new RequestRefusedException("您是" + String.join("、", own.stream().map(Unit::shortName).toList())
          + "的人员，只能为本镇街发起案件，不能为" + township.shortName() + "发起");
    }
  }

  /** The list item of a blueprint: its process key is the item code in lower case. */
  private Optional<Item> item(DelegateExecution execution) {
    String key = ((ExecutionEntity) execution).getProcessDefinition().getKey();
    return catalogs.of(execution.getTenantId()).item(key.toUpperCase(Locale.ROOT));
  }
}
