package cn.shudi.casework;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.catalog.Party;
import cn.shudi.catalog.Responsibility;
import cn.shudi.organization.Unit;

/** Facts about the running case that BPMN reads by expression ({@code ${casework.…}}). */
@Component("casework")
public class Casework {

  private final Catalogs catalogs;

  Casework(Catalogs catalogs) {
    this.catalogs = catalogs;
  }

  /**
   * The departments that served the case, for the township to evaluate: every fixed department of
   * the item, primary first. Used as the collection of the evaluation's multi-instance.
   */
  public List<String> departmentGroups(DelegateExecution execution) {
    String key = ((ExecutionEntity) execution).getProcessDefinition().getKey();
    String code = CaseVariables.itemCode(execution);
    Item item = catalogs.of(execution.getTenantId()).item(code != null ? code : key.toUpperCase(Locale.ROOT))
        .orElseThrow(() -> new IllegalStateException("清单中没有事项 " + key));
    List<String> groups = new ArrayList<>();
    for (Responsibility responsibility : item.responsibilities()) {
      Party party = responsibility.party();
      party.fixedUnit().filter(Unit::isDepartment).map(Unit::groupId)
          .filter(g -> !groups.contains(g)).ifPresent(groups::add);
    }
    return groups;
  }
}
