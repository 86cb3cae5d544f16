package cn.shudi.shared;

import java.io.IOException;

import cn.shudi.support.ModelRuleSet;

/**
 * A hand-modelled shared process follows the platform's rule set ({@link cn.shudi.blueprint.ModelCheck}), read
 * from the repository's {@code processes/shared/} folder as analysts edit it.
 */
final class SharedModels {

  private SharedModels() {
  }

  static void assertWellModelled(String processId, String processName) throws IOException {
    ModelRuleSet.assertSharedFollowsTheRules(processId, processName);
  }
}
