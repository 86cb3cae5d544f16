package cn.shudi.evaluation;

import java.io.IOException;
import java.nio.file.Path;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

import cn.shudi.support.ModelRuleSet;

/**
 * The hand-modelled shared processes of this feature, checked on the file in the repository's
 * {@code processes/shared/} as analysts edit it, against the platform's rule set ({@link cn.shudi.blueprint.ModelCheck}).
 */
public final class ModelRules {

  static final Path FOLDER = Path.of("processes/shared");

  private ModelRules() {
  }

  public static BpmnModelInstance read(String processId) {
    return Bpmn.readModelFromFile(FOLDER.resolve(processId + ".bpmn").toFile());
  }

  public static void assertWellModelled(String processId, String processName) throws IOException {
    ModelRuleSet.assertSharedFollowsTheRules(processId, processName);
  }
}
