package cn.shudi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/security.md lists exactly the beans and methods that models may call, as application.yaml allows
 * them: a reviewer reads the allow-list there, so it may not drift from what the engine enforces.
 */
class ExpressionAllowListDocTest {

  private static final Pattern ROW = Pattern.compile("^\\| `([a-zA-Z]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);
  private static final Pattern NAME = Pattern.compile("`([a-zA-Z]+)`");

  @Test
  void theDocumentListsTheAllowListOfApplicationYaml() throws IOException {
    Map<String, List<String>> configured = configured();
    assertThat(configured).as("the platform's allow-list").containsKeys("deadlines", "caseOpening", "governance");
    String doc = Files.readString(Path.of("docs/security.md"));
    String table = doc.substring(doc.indexOf("### The allowed beans and methods"), doc.indexOf("## Deployments"));
    Map<String, List<String>> documented = new LinkedHashMap<>();
    Matcher row = ROW.matcher(table);
    while (row.find()) {
      List<String> methods = new ArrayList<>();
      Matcher name = NAME.matcher(row.group(2));
      while (name.find()) {
        methods.add(name.group(1));
      }
      documented.put(row.group(1), methods);
    }
    assertThat(documented).as("docs/security.md, table of allowed beans").isEqualTo(configured);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> configured() throws IOException {
    try (InputStream yaml = Files.newInputStream(Path.of("src/main/resources/application.yaml"))) {
      Map<String, Object> root = new Yaml().load(yaml);
      Map<String, Object> security = (Map<String, Object>) ((Map<String, Object>) root.get("shudi")).get("security");
      Map<String, Object> beans = (Map<String, Object>) ((Map<String, Object>) security.get("expressions")).get("beans");
      Map<String, List<String>> result = new LinkedHashMap<>();
      beans.forEach((bean, methods) -> result.put(bean, methods == null ? List.of() : (List<String>) methods));
      return result;
    }
  }
}
