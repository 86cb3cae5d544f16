package cn.shudi.security;

import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.reliability.RequestRefusedException;
import cn.shudi.support.CaseDriver;
import cn.shudi.support.Http;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.ProcessTestBase;

/**
 * A person completing a task writes the fields of its form and nothing else ({@link FormFieldsGuardInterceptor}): the
 * case's routing ({@code townshipGroup}) and a later gateway's answer ({@code rectificationDone}) cannot be sent along, over
 * the REST API ({@code complete}, {@code submit-form}) or the Java API. Each refusal leaves the task open and no
 * variable written; the same completion with the form's fields goes through.
 */
@PlatformTest
class FormFieldsGuardTest extends ProcessTestBase {

  static final ItemProcess.Ids ZQ054 = ItemProcess.ids("ZQ054");
  static final String MARKET = "zhangqiu_market";

  @LocalServerPort
  int port;

  ProcessInstance startCase() {
    Map<String, Object> values = new HashMap<>(Map.of(ItemProcess.TOWNSHIP.name(), "mingshui",
        ItemProcess.CASE_SUBJECT.name(), "表单字段守卫食品厂" + UUID.randomUUID(), ItemProcess.CASE_DESCRIPTION.name(),
        "日常监督检查"));
    identity.setAuthentication(MARKET + "_staff", List.of(MARKET), List.of(TENANT));
    try {
      return forms.submitStartForm(repository.createProcessDefinitionQuery().processDefinitionKey("zq054")
          .tenantIdIn(TENANT).latestVersion().singleResult().getId(), values);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** The form's own fields with the values a user types, as the REST API takes them. */
  String variablesJson(Task task, Map<String, Object> extra) throws Exception {
    Map<String, Object> variables = new HashMap<>();
    Map<String, Object> values = new HashMap<>(cases().ofTheForm(task, CaseDriver.FORM_VALUES));
    values.putAll(extra);
    values.forEach((name, value) -> variables.put(name, Map.of("value", value, "type",
        value instanceof Long ? "Long" : value instanceof Boolean ? "Boolean" : "String")));
    return new ObjectMapper().writeValueAsString(Map.of("variables", variables));
  }

  long townshipGroupUpdates(ProcessInstance instance) {
    return history.createHistoricDetailQuery().processInstanceId(instance.getId()).variableUpdates().list().stream()
        .filter(d -> d instanceof org.camunda.bpm.engine.history.HistoricVariableUpdate u
            && u.getVariableName().equals(ItemProcess.TOWNSHIP_GROUP.name()))
        .count();
  }

  @Test
  void aCompletionThatSendsTheCasesRoutingOrALaterAnswerIsRefusedAndNothingIsWritten() throws Exception {
    ProcessInstance instance = startCase();
    Task task = task(instance, ZQ054.step("market", 1).id());
    Set<String> fields = cases().formFields(task.getId());
    assertThat(fields).as("the step's form").isNotEmpty().doesNotContain("townshipGroup", "rectificationDone");
    Object township = runtime.getVariable(instance.getId(), ItemProcess.TOWNSHIP_GROUP.name());
    long updates = townshipGroupUpdates(instance);
    Http staff = new Http(port).as(MARKET + "_staff", DEMO_PASSWORD);

    Map<String, Http.Response> attempts = Map.of(
        "complete", staff.postJson("/engine-rest/task/" + task.getId() + "/complete",
            variablesJson(task, Map.of(ItemProcess.TOWNSHIP_GROUP.name(), "zhangqiu_shuangshan"))),
        "submit-form", staff.postJson("/engine-rest/task/" + task.getId() + "/submit-form",
            variablesJson(task, Map.of("rectificationDone", Boolean.FALSE))),
        "resolve", staff.postJson("/engine-rest/task/" + task.getId() + "/resolve",
            variablesJson(task, Map.of("rectificationDone", Boolean.FALSE))));
    attempts.forEach((path, refused) -> {
      assertThat(refused.status()).as("%s: %s", path, refused).isEqualTo(400);
      assertThat(refused.body()).as(path).contains("提交的内容不在该任务的表单中");
    });
    assertThat(attempts.get("complete").body()).contains("townshipGroup");
    identity.setAuthentication(MARKET + "_staff", List.of(MARKET), List.of(TENANT));
    try {
      assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("rectificationDone", true)))
          .isInstanceOf(RequestRefusedException.class).hasMessageContaining("rectificationDone");
    } finally {
      identity.clearAuthentication();
    }

    // nothing happened: the task is open, the case's routing as it was, no update of it recorded, no answer set
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isOne();
    assertThat(runtime.getVariable(instance.getId(), ItemProcess.TOWNSHIP_GROUP.name())).isEqualTo(township)
        .isEqualTo("zhangqiu_mingshui");
    assertThat(townshipGroupUpdates(instance)).isEqualTo(updates);
    assertThat(runtime.getVariable(instance.getId(), "rectificationDone")).isNull();

    // the same completion with the form's own fields goes through
    Http.Response done = staff.postJson("/engine-rest/task/" + task.getId() + "/complete", variablesJson(task, Map.of()));
    assertThat(done.status()).as(done.toString()).isEqualTo(204);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
  }

  @Test
  void theFieldsOfAFormAreItsInputsKeysGroupsIncluded() throws Exception {
    var form = new ObjectMapper().readTree("""
        {"components":[{"type":"text","text":"说明"},{"type":"textfield","key":"dutyResult"},
          {"type":"group","components":[{"type":"number","key":"hazardCount"},{"type":"select","key":"hazardLevel"}]}]}
        """);

    assertThat(FormFieldsGuardInterceptor.keys(form)).containsExactly("dutyResult", "hazardCount", "hazardLevel");
  }
}
