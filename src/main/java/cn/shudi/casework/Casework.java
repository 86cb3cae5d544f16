package cn.shudi.casework;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.catalog.Party;
import cn.shudi.catalog.Responsibility;
import cn.shudi.organization.Unit;

/** Facts about the running case that BPMN reads by expression ({@code ${casework.…}}). */
@Component(ItemProcess.CASEWORK)
public class Casework {

  private final Catalogs catalogs;

  Casework(Catalogs catalogs) {
    this.catalogs = catalogs;
  }

  /** The adapter of {@code ${casework.departmentGroups(execution)}}: the case's item, else its process key. */
  public List<String> departmentGroups(DelegateExecution execution) {
    String code = ItemProcess.ITEM_CODE.get(execution);
    if (code == null) {
      code = ((ExecutionEntity) execution).getProcessDefinition().getKey().toUpperCase(Locale.ROOT);
    }
    return departmentGroups(execution.getTenantId(), code);
  }

  /**
   * The departments that served a case of the item, for the township to evaluate: every fixed department
   * of the item, primary first. Used as the collection of the evaluation's multi-instance.
   */
  List<String> departmentGroups(String tenant, String itemCode) {
    Item item = catalogs.of(tenant).item(itemCode)
        .orElseThrow(() -> new IllegalStateException("清单中没有事项 " + ItemProcess.key(itemCode)));
    List<String> groups = new ArrayList<>();
    for (Responsibility responsibility : item.responsibilities()) {
      Party party = responsibility.party();
      party.fixedUnit().filter(Unit::isDepartment).map(Unit::groupId)
          .filter(g -> !groups.contains(g)).ifPresent(groups::add);
    }
    return groups;
  }
}
