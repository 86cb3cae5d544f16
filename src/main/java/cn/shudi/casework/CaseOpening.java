package cn.shudi.casework;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

import cn.shudi.blueprint.ItemProcess;
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
@Component(ItemProcess.CASE_OPENING)
class CaseOpening implements ExecutionListener {

  /** What an opened case knows: its county, its township and, for a list item, the item. */
  record Opened(Jurisdiction jurisdiction, Unit township, Optional<Item> item) {
  }

  private final Organization organization;
  private final Catalogs catalogs;

  CaseOpening(Organization organization, Catalogs catalogs) {
    this.organization = organization;
    this.catalogs = catalogs;
  }

  /** The adapter: reads the start form's township, opens the case, writes the case's facts. */
  @Override
  public void notify(DelegateExecution execution) {
    String processKey = ((ExecutionEntity) execution).getProcessDefinition().getKey();
    Opened opened = open(execution.getTenantId(), execution.getProcessDefinitionId(), processKey,
        ItemProcess.TOWNSHIP.get(execution),
        execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication());
    ItemProcess.JURISDICTION.set(execution, opened.jurisdiction().code());
    ItemProcess.TOWNSHIP_GROUP.set(execution, opened.township().groupId());
    ItemProcess.COMMAND_CENTRE_GROUP.set(execution, opened.jurisdiction().commandCentre().groupId());
    Authentication starter = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (starter != null && starter.getUserId() != null) {
      ItemProcess.CASE_STARTER.set(execution, starter.getUserId());
      unitOf(starter, opened.jurisdiction()).ifPresent(unit -> ItemProcess.CASE_STARTER_GROUP.set(execution,
          unit.groupId()));
    }
    opened.item().ifPresent(item -> {
      ItemProcess.ITEM_CODE.set(execution, item.code());
      ItemProcess.ITEM_NAME.set(execution, item.name());
      ItemProcess.SEVERAL_DEPARTMENTS.set(execution, item.involvesSeveralDepartments());
    });
  }

  /**
   * Opens a case of the process {@code processKey} deployed under {@code tenant} in the township
   * {@code townshipCode}, started by {@code starter} (null: the platform itself).
   *
   * @throws NotValidException when the process has no county or the township is not one of the county's
   * @throws RequestRefusedException when a township's staff open a case of another township
   */
  Opened open(String tenant, String processDefinitionId, String processKey, String townshipCode,
      Authentication starter) {
    Jurisdiction jurisdiction = organization.find(tenant).orElseThrow(() -> new NotValidException(
        "流程「" + processDefinitionId + "」未部署在任何辖区（租户）下，不能受理案件"));
    if (townshipCode == null || townshipCode.isBlank()) {
      throw new NotValidException("请选择案件所属镇街（变量 " + ItemProcess.TOWNSHIP.name() + "）");
    }
    Unit township = jurisdiction.unit(townshipCode).filter(Unit::isTownship).orElseThrow(() -> new NotValidException(
        "「" + townshipCode + "」不是" + jurisdiction.shortName() + "的镇街"));
    requireStarterMayOpen(starter, jurisdiction, township);
    return new Opened(jurisdiction, township, item(tenant, processKey));
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

  /** The unit the starter works in (the first of their groups that is one of the county's units). */
  private static Optional<Unit> unitOf(Authentication starter, Jurisdiction jurisdiction) {
    List<String> groups = starter.getGroupIds() == null ? List.of() : starter.getGroupIds();
    return jurisdiction.units().stream().filter(u -> groups.contains(u.groupId())).findFirst();
  }

  /** The list item of a blueprint: its process key is the item code in lower case. */
  private Optional<Item> item(String tenant, String processKey) {
    return catalogs.of(tenant).item(processKey.toUpperCase(java.util.Locale.ROOT));
  }
}
