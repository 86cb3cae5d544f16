package cn.shudi.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.organization.OrganizationLoader;
import cn.shudi.support.PlatformTest;

/** The Modeler element templates analysts pick from: well-formed, and everything they name exists. */
@PlatformTest
class ElementTemplatesTest {

  static final Path TEMPLATES = Path.of("processes/.camunda/element-templates/shudi-templates.json");
  static final Pattern BEAN = Pattern.compile("\\$\\{([a-zA-Z]+)[.}]");

  @Autowired
  ApplicationContext context;

  JsonNode templates() throws IOException {
    return new ObjectMapper().readTree(TEMPLATES.toFile());
  }

  @Test
  void theFiveTemplatesAreThereForModeler() throws IOException {
    JsonNode templates = templates();
    assertThat(templates.isArray()).isTrue();
    List<String> names = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode template : templates) {
      assertThat(template.path("$schema").asText()).contains("element-templates-json-schema");
      assertThat(ids.add(template.path("id").asText())).as("unique id").isTrue();
      assertThat(template.path("version").asInt()).isPositive();
      assertThat(template.path("appliesTo").size()).isPositive();
      assertThat(template.path("properties").size()).isPositive();
      names.add(template.path("name").asText());
    }
    assertThat(names).containsExactlyInAnyOrder("镇街履职任务", "部门履职任务", "录入信用档案", "呼叫部门（乡呼县应）", "评价部门履职");
  }

  @Test
  void everyBeanFormAndProcessATemplateNamesExists() throws IOException {
    ModelCheck check = new ModelCheck(Path.of("processes"), Path.of("forms"),
        new OrganizationLoader(new DefaultResourceLoader(), "file:jurisdictions/").load());
    Set<String> forms = check.formIds("zhangqiu");
    Set<String> shared = check.sharedProcessIds();
    for (JsonNode template : templates()) {
      for (JsonNode property : template.path("properties")) {
        String value = property.path("value").asText("");
        Matcher bean = BEAN.matcher(value);
        while (bean.find()) {
          if (!List.of(ItemProcess.TOWNSHIP_GROUP.name(), ItemProcess.ITEM_CODE.name()).contains(bean.group(1))) {
            assertThat(context.containsBean(bean.group(1))).as("bean %s in %s", bean.group(1), template.path("id"))
                .isTrue();
          }
        }
        String binding = property.path("binding").path("name").asText("");
        if (binding.equals("camunda:formRef")) {
          property.path("choices").forEach(c -> assertThat(forms).contains(c.path("value").asText()));
          assertThat(forms).contains(value);
        }
        if (binding.equals("calledElement")) {
          assertThat(shared).contains(value);
        }
      }
    }
    assertThat(Files.readString(TEMPLATES)).doesNotContain("camunda:class");
  }
}
