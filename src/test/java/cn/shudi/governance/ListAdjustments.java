package cn.shudi.governance;

import static cn.shudi.governance.GovernanceProcess.COOPERATING_DUTIES;
import static cn.shudi.governance.GovernanceProcess.COOPERATING_UNITS;
import static cn.shudi.governance.GovernanceProcess.ITEM_CODE;
import static cn.shudi.governance.GovernanceProcess.REASONS;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;

import cn.shudi.catalog.Item;
import cn.shudi.catalog.Responsibility;
import cn.shudi.support.ProcessTestBase;

/**
 * For the tests of other features that need 章丘区's list changed the way a county changes it: through the real
 * 动态调整 process (proposed, every township consulted, reviewed, approved). Only on the database of
 * {@link cn.shudi.support.FreshPlatformTest}.
 */
public final class ListAdjustments {

  private ListAdjustments() {
  }

  /**
   * Takes 镇街 off the item's cooperating units and duties (the other cooperating units keep theirs), proposed by
   * the item's primary unit {@code proposerGroup}; does nothing when the list in force already names no 镇街.
   *
   * @return the version in force afterwards
   */
  public static CatalogVersion withoutTownship(ProcessEngine engine, ListGovernance lists, String itemCode,
      String proposerGroup, String reasons) {
    Item item = lists.inForce(ProcessTestBase.TENANT).item(itemCode).orElseThrow();
    List<Responsibility> others = item.cooperating().stream().filter(r -> !r.party().isCaseTownship()).toList();
    if (others.size() == item.cooperating().size()) {
      return lists.current(ProcessTestBase.TENANT);
    }
    Map<String, Object> form = new HashMap<>();
    form.put(ITEM_CODE.name(), itemCode);
    form.put(REASONS.name(), reasons);
    if (others.isEmpty()) {
      form.put(COOPERATING_UNITS.name(), Proposal.NONE);
    } else {
      form.put(COOPERATING_UNITS.name(), String.join("、", others.stream().map(r -> r.party().name()).toList()));
      List<String> duties = others.stream().flatMap(r -> r.steps().stream()
          .map(s -> "【" + r.party().name() + "】" + CatalogRows.stepLine(s))).toList();
      form.put(COOPERATING_DUTIES.name(), String.join("\n", duties));
    }
    GovernanceDriver driver = new GovernanceDriver(engine);
    driver.approveAll(driver.propose(GovernanceDriver.ADJUSTMENT, proposerGroup, form));
    return lists.current(ProcessTestBase.TENANT);
  }
}
