package cn.shudi.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a Camunda Form ({@code .form}, rendered by form-js in Tasklist) may hold: well-formed JSON with the
 * form-js components staff fill in. Components that show content from elsewhere or markup of their own
 * (HTML, iframes, images by address, buttons, unknown future types) are refused.
 */
final class FormRules {

  /** The form-js components the platform's forms use, and the plain input and layout ones beside them. */
  static final Set<String> COMPONENTS = Set.of("default", "textfield", "textarea", "number", "select", "radio",
      "checkbox", "checklist", "taglist", "datetime", "text", "group", "separator", "spacer");

  List<String> check(String resource, byte[] bytes) {
    JsonNode form;
    try {
      form = StrictJson.MAPPER.readTree(bytes);
    } catch (IOException e) {
      return List.of(resource + " 不是合法的 JSON 表单（" + e.getMessage() + "）");
    }
    List<String> findings = new ArrayList<>();
    if (form == null || !form.isObject() || !form.path("components").isArray()) {
      findings.add(resource + " 不是 Camunda 表单：缺少 components");
      return findings;
    }
    visit(form, resource, findings);
    return findings;
  }

  private void visit(JsonNode component, String resource, List<String> findings) {
    String type = component.path("type").asText("");
    if (!COMPONENTS.contains(type)) {
      findings.add(resource + " 的表单组件「" + component.path("id").asText(component.path("key").asText("?"))
          + "」类型为「" + type + "」：不在允许的表单组件之列（" + String.join("、", COMPONENTS.stream().sorted().toList())
          + "）");
    }
    for (JsonNode child : component.path("components")) {
      visit(child, resource, findings);
    }
  }
}
