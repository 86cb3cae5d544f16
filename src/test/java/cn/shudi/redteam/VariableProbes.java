package cn.shudi.redteam;

import static cn.shudi.support.StaffUsers.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.fasterxml.jackson.databind.JsonNode;

import cn.shudi.reliability.RequestRefusedException;
import cn.shudi.support.Http;
import cn.shudi.support.TestModels;
import cn.shudi.support.WebappSession;

/**
 * Variables of any class (issue 12, finding 2): a Java object in any serialization format, sent as a case is
 * started, a task completed or a variable set, through the REST API and through Tasklist's; bytes, files, XML,
 * untyped JSON objects. Each is refused with 400 and a Chinese message, and nothing is stored or built. A
 * variable stored before these walls (written here into the database directly) is never instantiated.
 */
interface VariableProbes extends RedTeamTarget {

  String NAME = "rt_payload";
  String GADGET = "org.springframework.jdbc.datasource.DriverManagerDataSource";

  DataSource dataSource();

  /** An H2 URL whose INIT compiles and calls a Java alias that runs {@code touch marker} on connecting. */
  static String gadgetUrl(Path marker) {
    return "jdbc:h2:mem:rt_" + UUID.randomUUID().toString().replace("-", "") + ";INIT=CREATE ALIAS RT_EXEC AS $$ "
        + "String e(String c) throws Exception { Runtime.getRuntime().exec(c)\\; return c\\; } $$\\;CALL RT_EXEC('touch "
        + marker + "')";
  }

  /** The variables a probe sends, as REST and Tasklist write them, each with the name {@value #NAME}. */
  static Map<String, String> payloads(Path marker) {
    String url = gadgetUrl(marker);
    String dataSource = RedTeamTarget.quoted("{\"url\":" + RedTeamTarget.quoted(url) + "}");
    Function<String[], String> object = p -> "{\"type\":\"" + p[0] + "\",\"value\":" + p[1]
        + ",\"valueInfo\":{\"objectTypeName\":\"" + p[2] + "\",\"serializationDataFormat\":\"" + p[3] + "\"" + p[4] + "}}";
    Map<String, String> payloads = new LinkedHashMap<>();
    payloads.put("DataSource as JSON", object.apply(new String[] {"Object", dataSource, GADGET, "application/json", ""}));
    payloads.put("type in lower case", object.apply(new String[] {"object", dataSource, GADGET, "application/json", ""}));
    payloads.put("type in capitals", object.apply(new String[] {"OBJECT", dataSource, GADGET, "application/json", ""}));
    payloads.put("transient", object.apply(new String[] {"Object", dataSource, GADGET, "application/json",
        ",\"transient\":true"}));
    payloads.put("H2 DataSource", object.apply(new String[] {"Object", dataSource, "org.h2.jdbcx.JdbcDataSource",
        "application/json", ""}));
    payloads.put("XML application context", object.apply(new String[] {"Object",
        RedTeamTarget.quoted("\"http://127.0.0.1:1/beans.xml\""),
        "org.springframework.context.support.ClassPathXmlApplicationContext", "application/json", ""}));
    payloads.put("as XML", object.apply(new String[] {"Object", RedTeamTarget.quoted("<x><url>" + url + "</url></x>"),
        GADGET, "application/xml", ""}));
    payloads.put("Java-serialized", object.apply(new String[] {"Object", "\"rO0ABXQAA2FiYw==\"", "java.lang.String",
        "application/x-java-serialized-object", ""}));
    payloads.put("unknown format", object.apply(new String[] {"Object", dataSource, GADGET, "text/x-shudi", ""}));
    payloads.put("bytes", "{\"type\":\"Bytes\",\"value\":\"PHNjcmlwdD4=\"}");
    payloads.put("file", "{\"type\":\"File\",\"value\":\"PHNjcmlwdD4=\",\"valueInfo\":{\"filename\":\"x.html\","
        + "\"mimeType\":\"text/html\"}}");
    payloads.put("XML", "{\"type\":\"Xml\",\"value\":" + RedTeamTarget.quoted("<!DOCTYPE x [<!ENTITY e SYSTEM "
        + "'file:///etc/passwd'>]><x>&e;</x>") + "}");
    payloads.put("untyped object", "{\"value\":{\"url\":" + RedTeamTarget.quoted(url) + "}}");
    payloads.put("untyped list", "{\"value\":[\"a\",\"b\"]}");
    payloads.put("type null", "{\"type\":null,\"value\":{\"url\":" + RedTeamTarget.quoted(url) + "}}");
    return payloads;
  }

  /** The gadget is real: built and asked for a connection, it runs its command. */
  @Test
  default void theGadgetRunsACommandWhenBuiltAndAsked() throws Exception {
    Path marker = RedTeamTarget.marker();
    try (Connection ignored = new DriverManagerDataSource(gadgetUrl(marker)).getConnection()) {
      RedTeamTarget.assertRan(marker, "gadget");
    }
  }

  @Test
  default void objectsBytesFilesAndXmlAreRefusedOnEveryWayIn() {
    Path marker = RedTeamTarget.marker();
    String caseId = newCase();
    Task task = townshipTask(caseId);
    String start = "/engine-rest/process-definition/key/" + TestModels.JOINT_KEY + "/tenant-id/zhangqiu";
    long cases = engine().getRuntimeService().createProcessInstanceQuery().processDefinitionKey(TestModels.JOINT_KEY)
        .count();
    Http grid = rest("zhangqiu_mingshui_grid");
    Http staff = rest("zhangqiu_mingshui_staff");
    Http admin = rest("admin");
    WebappSession tasklist = webapp("zhangqiu_mingshui_staff", "tasklist");
    WebappSession adminTasklist = WebappSession.login(port(), "admin", ADMIN_PASSWORD, "tasklist");
    String taskPath = "/engine-rest/task/" + task.getId();
    String webappTask = WEBAPP_ENGINE + "/task/" + task.getId();
    Map<String, Function<String, Http.Response>> ways = new LinkedHashMap<>();
    ways.put("start", v -> grid.postJson(start + "/start", "{\"variables\":{\"" + NAME + "\":" + v + "}}"));
    ways.put("start form", v -> grid.postJson(start + "/submit-form", "{\"variables\":{\"" + NAME + "\":" + v + "}}"));
    ways.put("complete", v -> staff.postJson(taskPath + "/complete", "{\"variables\":{\"" + NAME + "\":" + v + "}}"));
    ways.put("submit form", v -> staff.postJson(taskPath + "/submit-form", "{\"variables\":{\"" + NAME + "\":" + v
        + "}}"));
    // setting a task's variables outside its completion is the administrator's (staff get 403 before any type)
    ways.put("put variable", v -> admin.putJson(taskPath + "/variables/" + NAME, v));
    ways.put("put local variable", v -> admin.putJson(taskPath + "/localVariables/" + NAME, v));
    ways.put("modify variables", v -> admin.postJson(taskPath + "/variables", "{\"modifications\":{\"" + NAME + "\":"
        + v + "}}"));
    ways.put("admin, case variable", v -> admin.putJson("/engine-rest/process-instance/" + caseId + "/variables/"
        + NAME, v));
    ways.put("admin, case variables", v -> admin.postJson("/engine-rest/process-instance/" + caseId + "/variables",
        "{\"modifications\":{\"" + NAME + "\":" + v + "}}"));
    ways.put("admin, message", v -> admin.postJson("/engine-rest/message", "{\"messageName\":\"rt\","
        + "\"processVariables\":{\"" + NAME + "\":" + v + "}}"));
    ways.put("admin, signal", v -> admin.postJson("/engine-rest/signal", "{\"name\":\"rt\",\"variables\":{\"" + NAME
        + "\":" + v + "}}"));
    ways.put("Tasklist, submit form", v -> tasklist.postJson(webappTask + "/submit-form", "{\"variables\":{\"" + NAME
        + "\":" + v + "}}"));
    ways.put("Tasklist, variables", v -> adminTasklist.postJson(webappTask + "/variables", "{\"modifications\":{\""
        + NAME + "\":" + v + "}}"));

    payloads(marker).forEach((payload, value) -> ways.forEach((way, send) -> {
      Http.Response response = send.apply(value);
      assertThat(response.status()).as("%s, %s: %s", payload, way, response).isEqualTo(400);
      assertThat(RedTeamTarget.read(response).get("message").asText()).as("%s, %s", payload, way)
          .containsAnyOf("不接受", "不保存", "不能");
    }));
    for (List<String> part : List.of(List.of("type", GADGET), List.of("valueType", "Bytes"))) {
      Http.Response upload = staff.postMultipart(taskPath + "/variables/" + NAME + "/data", Map.of(part.get(0),
          part.get(1)), Map.of("data", RedTeamTarget.utf8("{\"url\":" + RedTeamTarget.quoted(gadgetUrl(marker)) + "}")));
      assertThat(upload.status()).as("multipart %s: %s", part, upload).isEqualTo(415);
    }

    // nothing stored, started, completed or built
    assertThat(engine().getRuntimeService().createVariableInstanceQuery().variableName(NAME).count()).isZero();
    assertThat(engine().getHistoryService().createHistoricVariableInstanceQuery().variableName(NAME).count()).isZero();
    assertThat(engine().getTaskService().createTaskQuery().taskId(task.getId()).count()).as("task still open").isOne();
    assertThat(engine().getRuntimeService().createProcessInstanceQuery().processDefinitionKey(TestModels.JOINT_KEY)
        .count()).as("no case started").isEqualTo(cases);
    assertNothingRan(marker);

    // what forms send is still accepted
    Http.Response text = admin.putJson(taskPath + "/variables/" + NAME, "{\"value\":\"文字\",\"type\":\"String\"}");
    Http.Response json = admin.putJson(taskPath + "/variables/" + NAME + "_list",
        "{\"value\":\"[\\\"a\\\"]\",\"type\":\"Json\"}");
    assertThat(List.of(text.status(), json.status())).as(text + " / " + json).containsOnly(204);
    engine().getRuntimeService().deleteProcessInstance(caseId, "red team");
  }

  /** Behind the API: whatever sets a variable in the engine (a bean, a mapping, a future API) stores no object. */
  @Test
  default void theEngineStoresNoObjectWhoeverSetsIt() {
    Path marker = RedTeamTarget.marker();
    String caseId = newCase();
    String json = "{\"url\":" + RedTeamTarget.quoted(gadgetUrl(marker)) + "}";
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("serialized gadget", Variables.serializedObjectValue(json).objectTypeName(GADGET)
        .serializationDataFormat("application/json").create());
    values.put("a Java object", Variables.objectValue(new DriverManagerDataSource(gadgetUrl(marker))).create());
    values.put("a map", new java.util.HashMap<>(Map.of("url", "x")));
    values.put("a list", new java.util.ArrayList<>(List.of("a")));
    values.put("bytes", Variables.byteArrayValue(new byte[] {1, 2}));
    values.put("a file", Variables.fileValue("x.html").file(RedTeamTarget.utf8("<script>")).create());
    values.forEach((what, value) -> assertThatThrownBy(() -> engine().getRuntimeService()
        .setVariable(caseId, "rt_engine", value)).as(what).isInstanceOf(RequestRefusedException.class)
        .hasMessageContaining("本平台不保存这类变量"));
    assertThat(engine().getRuntimeService().getVariables(caseId)).doesNotContainKey("rt_engine");
    assertThat(engine().getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(caseId)
        .variableName("rt_engine").count()).isZero();
    assertNothingRan(marker);
    engine().getRuntimeService().deleteProcessInstance(caseId, "red team");
  }

  @Test
  default void anObjectStoredBeforeTheWallsIsNeverBuilt() {
    Path marker = RedTeamTarget.marker();
    String caseId = newCase();
    String json = "{\"url\":" + RedTeamTarget.quoted(gadgetUrl(marker)) + "}";
    engine().getRuntimeService().setVariable(caseId, "rt_legacy", SpinValues.jsonValue(json).create());
    // what an older version, or a write around the walls, would have left: an Object of the gadget's class
    int changed = new JdbcTemplate(dataSource()).update("update ACT_RU_VARIABLE set TYPE_ = ?, TEXT2_ = ? "
        + "where NAME_ = ? and PROC_INST_ID_ = ?", "spin://application/json", GADGET, "rt_legacy", caseId);
    assertThat(changed).isOne();

    Http supervisor = rest("zhangqiu_supervisor");
    for (String path : List.of("/engine-rest/process-instance/" + caseId + "/variables/rt_legacy",
        "/engine-rest/process-instance/" + caseId + "/variables",
        "/engine-rest/variable-instance?processInstanceIdIn=" + caseId)) {
      Http.Response response = supervisor.get(path);
      assertThat(response.body()).as(path).doesNotContain("INIT=");
      if (response.status() == 200) {
        // a list names the variable it could not read, without its value
        JsonNode all = RedTeamTarget.read(response);
        JsonNode legacy = all.isObject() ? all.path("rt_legacy") : java.util.stream.StreamSupport.stream(
            all.spliterator(), false).filter(v -> v.path("name").asText().equals("rt_legacy")).findFirst().orElseThrow();
        assertThat(legacy.path("value").isNull()).as("%s: %s", path, legacy).isTrue();
        assertThat(legacy.path("errorMessage").asText()).as(path).contains("deserialize");
      }
    }
    Http.Response serialized = supervisor.get("/engine-rest/process-instance/" + caseId
        + "/variables/rt_legacy?deserializeValue=false");
    assertThat(serialized.status()).as(serialized.toString()).isEqualTo(200);
    assertThat(RedTeamTarget.read(serialized).get("valueInfo").get("objectTypeName").asText()).isEqualTo(GADGET);
    assertNothingRan(marker);
    engine().getRuntimeService().deleteProcessInstance(caseId, "red team");
  }
}
