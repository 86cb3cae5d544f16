package cn.shudi.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.core.io.DefaultResourceLoader;

import cn.shudi.blueprint.ModelCheck;
import cn.shudi.organization.OrganizationLoader;

/**
 * The platform's one BPMN rule set ({@link ModelCheck}) as the features' tests use it on the files in the
 * repository's {@code processes/}, as analysts edit them.
 */
public final class ModelRuleSet {

  public static final Path PROCESSES = Path.of("processes");
  public static final Path FORMS = Path.of("forms");

  private static ModelCheck check;

  private ModelRuleSet() {
  }

  public static synchronized ModelCheck check() {
    if (check == null) {
      check = new ModelCheck(PROCESSES, FORMS,
          new OrganizationLoader(new DefaultResourceLoader(), "file:jurisdictions/").load());
    }
    return check;
  }

  /** {@code processes/<folder>/<file>} breaks no rule and holds the process {@code key} named {@code name}. */
  public static void assertFollowsTheRules(String folder, String file, String key, String name) throws IOException {
    assertThat(check().check(PROCESSES.resolve(folder).resolve(file), key, name))
        .as("findings of the model check on %s/%s", folder, file).isEmpty();
  }

  /** {@code processes/shared/<key>.bpmn} breaks no rule and holds the process {@code key} named {@code name}. */
  public static void assertSharedFollowsTheRules(String key, String name) throws IOException {
    assertFollowsTheRules("shared", key + ".bpmn", key, name);
  }
}
