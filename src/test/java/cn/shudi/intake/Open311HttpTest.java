package cn.shudi.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.support.Http;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.StaffUsers;

/**
 * Open311 GeoReport v2 over real HTTP, with a client written from the specification ({@link Open311SpecClient}): the
 * services, a request filed with an API key an administrator issued, read back and listed as a public status page
 * shows it (no contact), idempotent replays, and every refusal in the specification's error format with nothing
 * stored (no request row, no {@code shared_intake} process).
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Open311HttpTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN_PASSWORD = "Shudi@Kaifa2026";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;

  Open311SpecClient client;
  Http admin;
  String apiKey;

  @BeforeAll
  void issueKey() {
    client = new Open311SpecClient(port);
    admin = new Http(port).as("admin", ADMIN_PASSWORD);
    Http.Response issued = admin.postJson("/api/open311/clients", "{\"name\":\"12345 市民热线网站\"}");
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    apiKey = json(issued.body()).path("apiKey").asText();
    assertThat(apiKey).startsWith("o311_");
    assertThat(jdbc.sql("select count(*) from shudi_open311_client where key_hash = :k").param("k", apiKey)
        .query(Long.class).single()).as("the key is never stored in plain text").isZero();
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  IntakeTables stored() {
    return new IntakeTables(jdbc, runtime);
  }

  Map<String, String> filing(String clientRequestId, String description) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("api_key", apiKey);
    p.put("jurisdiction_id", "zhangqiu");
    p.put("service_code", "ZQ054");
    p.put("lat", "36.7121");
    p.put("long", "117.5376");
    p.put("email", "wang@example.com");
    p.put("first_name", "先生");
    p.put("last_name", "王");
    p.put("phone", "13900000311");
    p.put("description", description);
    p.put("attribute[township]", "mingshui");
    p.put("attribute[grid]", "明水街道第5网格");
    if (clientRequestId != null) {
      p.put("client_request_id", clientRequestId);
    }
    return p;
  }

  /** The answer is the specification's error array with this code, and nothing was stored. */
  void refusedWithNothingStored(int status, Supplier<Open311SpecClient.Answer> call) {
    long requestsBefore = stored().requests();
    long intakesBefore = stored().intakes();
    long photosBefore = stored().photos();
    Open311SpecClient.Answer answer = call.get();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/json");
    JsonNode errors = json(answer.body());
    assertThat(errors.isArray()).as(answer.body()).isTrue();
    assertThat(errors.get(0).path("code").asInt()).isEqualTo(status);
    assertThat(errors.get(0).path("description").asText()).as(answer.body()).matches(".*\\p{IsHan}.*");
    assertThat(stored().requests()).as("no request stored by " + answer.body()).isEqualTo(requestsBefore);
    assertThat(stored().intakes()).as("no shared_intake started by " + answer.body()).isEqualTo(intakesBefore);
    assertThat(stored().photos()).isEqualTo(photosBefore);
  }

  // --- services ----------------------------------------------------------------------------------------------------

  @Test
  void theServicesAreTheCountysListItems() {
    Open311SpecClient.Answer services = client.services("zhangqiu");
    assertThat(services.status()).as(services.toString()).isEqualTo(200);
    JsonNode list = json(services.body());
    assertThat(list.size()).isGreaterThan(50);
    JsonNode food = null;
    for (JsonNode service : list) {
      if (service.path("service_code").asText().equals("ZQ054")) {
        food = service;
      }
    }
    assertThat(food).as("ZQ054 among the services").isNotNull();
    assertThat(food.path("service_name").asText()).isEqualTo("食品生产经营企业日常安全监管");
    assertThat(food.path("group").asText()).isEqualTo("市场监管");
    assertThat(food.path("type").asText()).isEqualTo("realtime");
    assertThat(food.path("metadata").isBoolean()).isTrue();
    assertThat(food.path("description").asText()).contains("ZQ054");
    assertThat(food.has("keywords")).isTrue();

    JsonNode yunxi = json(client.services("yunxi").body());
    assertThat(yunxi.size()).isGreaterThan(0);
    assertThat(yunxi.get(0).path("service_code").asText()).doesNotStartWith("ZQ");

    Open311SpecClient.Answer ambiguous = client.services(null);
    assertThat(ambiguous.status()).isEqualTo(400);
    assertThat(json(ambiguous.body()).get(0).path("description").asText()).contains("jurisdiction_id");
    Open311SpecClient.Answer unknown = client.services("atlantis");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(json(unknown.body()).get(0).path("code").asInt()).isEqualTo(404);
  }

  @Test
  void aServiceDefinitionAsksForTheTownshipFromTheCountysListAndTheGrid() {
    Open311SpecClient.Answer answer = client.definition("ZQ054", "zhangqiu");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    JsonNode definition = json(answer.body());
    assertThat(definition.path("service_code").asText()).isEqualTo("ZQ054");
    JsonNode township = definition.path("attributes").get(0);
    assertThat(township.path("code").asText()).isEqualTo("township");
    assertThat(township.path("datatype").asText()).isEqualTo("singlevaluelist");
    assertThat(township.path("required").asBoolean()).isTrue();
    assertThat(township.path("variable").asBoolean()).isTrue();
    assertThat(township.path("order").asInt()).isEqualTo(1);
    assertThat(township.has("datatype_description")).isTrue();
    assertThat(township.has("description")).isTrue();
    assertThat(township.path("values").findValuesAsText("key")).contains("mingshui");
    assertThat(township.path("values").findValuesAsText("name")).contains("明水街道办事处");
    JsonNode grid = definition.path("attributes").get(1);
    assertThat(grid.path("code").asText()).isEqualTo("grid");
    assertThat(grid.path("datatype").asText()).isEqualTo("string");
    assertThat(grid.path("required").asBoolean()).isFalse();

    assertThat(client.definition("ZQ054", null).status()).as("the code names its county").isEqualTo(200);
    assertThat(client.definition("ZQ999", "zhangqiu").status()).isEqualTo(404);
    assertThat(client.definition("ZQ054", "yunxi").status()).isEqualTo(404);
  }

  // --- filing, reading, listing ------------------------------------------------------------------------------------

  @Test
  void aClientFilesARequestReadsItBackWithoutPersonalDataAndFindsItInTheList() {
    long before = stored().requests();
    Open311SpecClient.Answer filed = client.file(filing("WEB-311-1", "百脉泉路一家饭馆后厨老鼠乱窜，卫生太差，联系我13900000311"));
    assertThat(filed.status()).as(filed.toString()).isEqualTo(200);
    JsonNode answer = json(filed.body());
    assertThat(answer.isArray()).isTrue();
    String id = answer.get(0).path("service_request_id").asText();
    assertThat(id).isNotBlank();
    assertThat(answer.get(0).has("account_id")).isTrue();
    assertThat(answer.get(0).get("account_id").isNull()).isTrue();
    assertThat(answer.get(0).path("service_notice").asText()).contains(id);
    assertThat(stored().requests()).isEqualTo(before + 1);

    Map<String, Object> row = jdbc.sql("select kind, source, text, contact_name, contact_phone, township, grid "
        + "from shudi_intake_request where id = :id").param("id", id).query().singleRow();
    assertThat(row.get("KIND")).isEqualTo("livelihood");
    assertThat(row.get("SOURCE")).isEqualTo("web");
    assertThat((String) row.get("TEXT")).startsWith("（来源系统建议事项：ZQ054）百脉泉路");
    assertThat(row.get("CONTACT_NAME")).isEqualTo("王先生");
    assertThat(row.get("CONTACT_PHONE")).isEqualTo("13900000311");
    assertThat(row.get("TOWNSHIP")).isEqualTo("mingshui");
    assertThat(row.get("GRID")).isEqualTo("明水街道第5网格");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(IntakeProcess.KEY)
        .processInstanceBusinessKey(id).count()).isEqualTo(1);

    Open311SpecClient.Answer read = client.request(id, "zhangqiu");
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    JsonNode view = json(read.body()).get(0);
    assertThat(view.path("service_request_id").asText()).isEqualTo(id);
    assertThat(view.path("status").asText()).isEqualTo("open");
    assertThat(view.path("status_notes").asText()).isEqualTo("待研判");
    assertThat(view.path("requested_datetime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");
    assertThat(view.path("updated_datetime").asText()).endsWith("+08:00");
    assertThat(view.path("lat").asDouble()).as("to about 100 m").isEqualTo(36.712);
    assertThat(view.path("long").asDouble()).isEqualTo(117.538);
    assertThat(view.path("description").asText()).startsWith("百脉泉路").doesNotContain("13900000311");
    assertThat(view.path("extended_attributes").path("requested_service_code").asText()).isEqualTo("ZQ054");
    assertThat(view.path("extended_attributes").path("grid").asText()).isEqualTo("明水街道第5网格");
    assertThat(view.path("extended_attributes").path("township").asText()).isEqualTo("明水街道办事处");
    assertThat(view.path("extended_attributes").has("duplicate_of")).isTrue();
    // no personal data: neither the contact nor what the client sent of it
    assertThat(read.body()).doesNotContain("13900000311", "王先生", "wang@example.com", "先生", "contact", "email",
        "phone", "first_name", "last_name");

    Open311SpecClient.Answer listed = client.requests("zhangqiu", 1, 200);
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    assertThat(json(listed.body()).findValuesAsText("service_request_id")).contains(id);
    assertThat(listed.body()).doesNotContain("13900000311", "王先生", "wang@example.com");
    assertThat(client.requests("zhangqiu", 1, 1).body()).satisfies(b -> assertThat(json(b).size()).isEqualTo(1));
    assertThat(json(client.requests("yunxi", 1, 200).body()).findValuesAsText("service_request_id"))
        .doesNotContain(id);
    assertThat(client.request(id, "yunxi").status()).as("another county's request").isEqualTo(404);
    assertThat(client.request("nope", "zhangqiu").status()).isEqualTo(404);
    assertThat(client.requests("zhangqiu", 0, 10).status()).isEqualTo(400);
    // the specification's filters
    assertThat(json(client.requests(Map.of("jurisdiction_id", "zhangqiu", "service_request_id", id + ",nope")).body())
        .findValuesAsText("service_request_id")).containsExactly(id);
    assertThat(json(client.requests(Map.of("jurisdiction_id", "zhangqiu", "status", "open")).body())
        .findValuesAsText("service_request_id")).contains(id);
    assertThat(json(client.requests(Map.of("jurisdiction_id", "zhangqiu", "status", "closed")).body())
        .findValuesAsText("service_request_id")).doesNotContain(id);
    assertThat(json(client.requests(Map.of("jurisdiction_id", "zhangqiu", "start_date", "2020-01-01T00:00:00Z",
        "end_date", "2020-02-01T00:00:00Z")).body()).findValuesAsText("service_request_id")).doesNotContain(id);
    assertThat(json(client.requests(Map.of("jurisdiction_id", "zhangqiu", "service_code", "ZQ001")).body())
        .findValuesAsText("service_request_id")).as("not dispatched to ZQ001").doesNotContain(id);
    assertThat(client.requests(Map.of("jurisdiction_id", "zhangqiu", "status", "pending")).status()).isEqualTo(400);
    assertThat(client.requests(Map.of("jurisdiction_id", "zhangqiu", "start_date", "yesterday")).status())
        .isEqualTo(400);
    assertThat(client.requests("zhangqiu", 1, 100000).status()).isEqualTo(400);
  }

  @Test
  void aDispatchedRequestShowsItsItemUnitsAndDeadlineAndADuplicateItsOriginals() {
    Http command = new Http(port).as("zhangqiu_command_staff", StaffUsers.DEMO_PASSWORD);
    String text = "绣惠街道集贸市场东侧小吃摊用地沟油炸东西，味道很冲";
    String original = json(client.file(with(filing(null, text), "attribute[township]", "xiuhui")).body()).get(0)
        .path("service_request_id").asText();
    Http.Response decided = command.postJson("/engine-rest/task/" + openTask(original) + "/complete",
        IntakeHttpTest.variables(Map.of(IntakeProcess.DECISION.name(), "dispatch",
            IntakeProcess.ITEM_CORRECTION.name(), "ZQ054")));
    assertThat(decided.status()).as(decided.toString()).isEqualTo(204);

    JsonNode view = json(client.request(original, "zhangqiu").body()).get(0);
    assertThat(view.path("status").asText()).isEqualTo("open");
    assertThat(view.path("status_notes").asText()).isEqualTo("已派单待签收");
    assertThat(view.path("service_code").asText()).isEqualTo("ZQ054");
    assertThat(view.path("service_name").asText()).isEqualTo("食品生产经营企业日常安全监管");
    assertThat(view.path("agency_responsible").asText()).isEqualTo("章丘区市场监督管理局");
    assertThat(view.path("expected_datetime").asText()).endsWith("+08:00");
    assertThat(view.path("extended_attributes").path("deadline").asText())
        .isEqualTo(view.path("expected_datetime").asText());
    assertThat(view.path("extended_attributes").path("primary_unit").asText()).isEqualTo("章丘区市场监督管理局");
    assertThat(view.path("extended_attributes").path("cooperating_units").isArray()).isTrue();

    String duplicate = json(client.file(with(filing(null, text + "，呛得人喘不上气"), "attribute[township]", "xiuhui"))
        .body()).get(0).path("service_request_id").asText();
    Http.Response linked = command.postJson("/engine-rest/task/" + openTask(duplicate) + "/complete",
        IntakeHttpTest.variables(Map.of(IntakeProcess.DECISION.name(), "duplicate",
            IntakeProcess.DUPLICATE_OF.name(), original)));
    assertThat(linked.status()).as(linked.toString()).isEqualTo(204);
    JsonNode dup = json(client.request(duplicate, null).body()).get(0);
    assertThat(dup.path("status").asText()).isEqualTo("closed");
    assertThat(dup.path("status_notes").asText()).isEqualTo("已并入原诉求（原诉求已派单待签收）");
    assertThat(dup.path("service_code").asText()).as("the original's").isEqualTo("ZQ054");
    assertThat(dup.path("agency_responsible").asText()).isEqualTo("章丘区市场监督管理局");
    assertThat(dup.path("extended_attributes").path("duplicate_of").asText()).isEqualTo(original);
  }

  String openTask(String requestId) {
    List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(requestId)
        .taskDefinitionKey(IntakeProcess.Element.DISPATCH.id()).list();
    assertThat(open).as("研判派单 of %s", requestId).hasSize(1);
    return open.get(0).getId();
  }

  @Test
  void aReplayAnswersTheSameRequestAndAnotherBodyUnderTheSameIdIsRefused() {
    Map<String, String> first = filing("WEB-311-REPLAY", "章丘大道路边烧烤摊油烟很大，夜里十二点还在营业");
    String id = json(client.file(first).body()).get(0).path("service_request_id").asText();
    long requests = stored().requests();
    long intakes = stored().intakes();

    Open311SpecClient.Answer replay = client.file(first);
    assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
    assertThat(json(replay.body()).get(0).path("service_request_id").asText()).isEqualTo(id);
    assertThat(stored().requests()).isEqualTo(requests);
    assertThat(stored().intakes()).isEqualTo(intakes);

    refusedWithNothingStored(409,
        () -> client.file(filing("WEB-311-REPLAY", "章丘大道路边烧烤摊油烟很大，夜里一点还在营业")));
    // another client may use the same id of its own
    String otherKey = json(admin.postJson("/api/open311/clients", "{\"name\":\"另一来源系统\"}").body()).path("apiKey")
        .asText();
    Map<String, String> other = new LinkedHashMap<>(first);
    other.put("api_key", otherKey);
    Open311SpecClient.Answer second = client.file(other);
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    assertThat(json(second.body()).get(0).path("service_request_id").asText()).isNotEqualTo(id);
  }

  @Test
  void aLongChineseDescriptionAndAnAddressInsteadOfCoordinatesAreTaken() {
    Map<String, String> p = filing(null, "路".repeat(1950));
    p.remove("lat");
    p.remove("long");
    p.put("address_string", "明水街道百脉泉路 88 号");
    assertThat(Open311SpecClient.form(p).length()).as("over the container's 16 KB form limit").isGreaterThan(16384);
    Open311SpecClient.Answer filed = client.file(p);
    assertThat(filed.status()).as(filed.toString()).isEqualTo(200);
    String id = json(filed.body()).get(0).path("service_request_id").asText();
    JsonNode view = json(client.request(id, null).body()).get(0);
    assertThat(view.path("address").asText()).isEqualTo("明水街道百脉泉路 88 号");
    assertThat(view.path("description").asText()).isEqualTo("路".repeat(1950));
    assertThat(view.get("lat").isNull()).isTrue();
  }

  @Test
  void aPhotoComesInPartMedia() {
    long photos = stored().photos();
    Open311SpecClient.Answer filed = client.fileWithMedia(filing(null, "明水街道有人往河里倒垃圾，附照片"), "现场.png",
        IntakeHttpTest.png(16, false));
    assertThat(filed.status()).as(filed.toString()).isEqualTo(200);
    assertThat(stored().photos()).isEqualTo(photos + 1);
  }

  // --- refusals ----------------------------------------------------------------------------------------------------

  @Test
  void badInputIsRefusedInTheSpecificationsFormatWithNothingStored() {
    Map<String, String> noKey = filing(null, "没有密钥的诉求");
    noKey.remove("api_key");
    refusedWithNothingStored(403, () -> client.file(noKey));
    Map<String, String> wrongKey = filing(null, "密钥不对的诉求");
    wrongKey.put("api_key", "o311_guessed");
    refusedWithNothingStored(403, () -> client.file(wrongKey));

    refusedWithNothingStored(400, () -> client.file(with(filing(null, "事项不存在"), "service_code", "ZQ999")));
    refusedWithNothingStored(400, () -> client.file(with(filing(null, "县区不存在"), "jurisdiction_id", "atlantis")));
    refusedWithNothingStored(400, () -> client.file(with(filing(null, "别县事项"), "jurisdiction_id", "yunxi")));
    refusedWithNothingStored(400, () -> client.file(without(filing(null, "x"), "description")));
    refusedWithNothingStored(400, () -> client.file(without(filing(null, "没有镇街"), "attribute[township]")));
    refusedWithNothingStored(400, () -> client.file(with(filing(null, "镇街不对"), "attribute[township]", "atlantis")));
    refusedWithNothingStored(400, () -> client.file(without(without(filing(null, "没有位置"), "lat"), "long")));
    refusedWithNothingStored(400, () -> client.file(without(filing(null, "只有纬度"), "long")));
    refusedWithNothingStored(400, () -> client.file(with(filing(null, "坐标不对"), "lat", "north")));
    refusedWithNothingStored(400, () -> client.file(with(filing(null, "电话不对"), "phone", "call me")));
    refusedWithNothingStored(400, () -> client.file(with(filing(null, "未知参数"), "priority", "high")));
    refusedWithNothingStored(400, () -> client.file(with(filing(null, "编号不对"), "client_request_id", "a b")));
    refusedWithNothingStored(400, () -> client.file(filing(null, "太长".repeat(1001))));
    // media: not an image, an image over 1 MB
    refusedWithNothingStored(400, () -> client.fileWithMedia(filing(null, "附件不是图片"), "x.jpg",
        "#!/bin/sh\necho pwned\n".getBytes()));
    byte[] large = new byte[Photo.MAX_BYTES + 10 * 1024];
    large[0] = (byte) 0xFF;
    large[1] = (byte) 0xD8;
    large[2] = (byte) 0xFF;
    refusedWithNothingStored(400, () -> client.fileWithMedia(filing(null, "照片太大"), "big.jpg", large));
    // malformed: a broken escape, bytes that are not UTF-8, a body that is not a form
    refusedWithNothingStored(400, () -> client.raw("POST", "/requests.json", "application/x-www-form-urlencoded",
        "api_key=" + apiKey + "&description=%E8%B7%&service_code=ZQ054"));
    refusedWithNothingStored(400, () -> client.raw("POST", "/requests.json", "application/x-www-form-urlencoded",
        "api_key=" + apiKey + "&description=%FF%FE&service_code=ZQ054"));
    refusedWithNothingStored(415, () -> client.raw("POST", "/requests.json", "application/json",
        "{\"api_key\":\"" + apiKey + "\"}"));
    refusedWithNothingStored(413, () -> client.raw("POST", "/requests.json", "application/x-www-form-urlencoded",
        "api_key=" + apiKey + "&description=" + "a".repeat(70 * 1024)));
    refusedWithNothingStored(400, () -> client.raw("POST", "/requests.xml", "application/x-www-form-urlencoded",
        "api_key=" + apiKey));
    refusedWithNothingStored(404, () -> client.raw("POST", "/tokens.json", "application/x-www-form-urlencoded",
        "api_key=" + apiKey));
    refusedWithNothingStored(405, () -> client.raw("DELETE", "/requests/x.json", null, null));
    refusedWithNothingStored(400, () -> client.raw("GET", "/requests.json?jurisdiction_id=zhangqiu",
        "application/x-www-form-urlencoded", "api_key=" + apiKey));
    refusedWithNothingStored(415, () -> client.raw("POST", "/requests.json", "text/plain", "api_key=" + apiKey));
    refusedWithNothingStored(415, () -> client.raw("POST", "/requests.json",
        "application/x-www-form-urlencoded; charset=GBK", "api_key=" + apiKey));
    refusedWithNothingStored(405, () -> client.raw("PUT", "/requests.json", "application/x-www-form-urlencoded",
        "api_key=" + apiKey));
  }

  @Test
  void aRevokedKeyNoLongerFilesAndOnlyAdministratorsIssueAndRevokeKeys() {
    JsonNode issued = json(admin.postJson("/api/open311/clients", "{\"name\":\"试用系统\"}").body());
    String key = issued.path("apiKey").asText();
    assertThat(client.file(with(filing(null, "试用系统的诉求：路灯不亮"), "api_key", key)).status()).isEqualTo(200);
    Http.Response revoked = admin.send(admin.request("/api/open311/clients/" + issued.path("id").asText()).DELETE());
    assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
    refusedWithNothingStored(403, () -> client.file(with(filing(null, "吊销后的诉求：路灯不亮"), "api_key", key)));
    assertThat(admin.send(admin.request("/api/open311/clients/" + issued.path("id").asText()).DELETE()).status())
        .isEqualTo(404);
    assertThat(admin.get("/api/open311/clients").body()).contains("试用系统").doesNotContain(key);

    Http dispatcher = new Http(port).as("zhangqiu_dispatcher", StaffUsers.DEMO_PASSWORD);
    assertThat(dispatcher.postJson("/api/open311/clients", "{\"name\":\"x\"}").status()).isEqualTo(403);
    assertThat(dispatcher.get("/api/open311/clients").status()).isEqualTo(403);
    assertThat(dispatcher.send(dispatcher.request("/api/open311/clients/" + issued.path("id").asText()).DELETE())
        .status()).isEqualTo(403);
    assertThat(new Http(port).postJson("/api/open311/clients", "{\"name\":\"x\"}").status()).isEqualTo(401);
    assertThat(admin.postJson("/api/open311/clients", "{\"name\":\"\"}").status()).isEqualTo(400);
  }

  static Map<String, String> with(Map<String, String> p, String name, String value) {
    p.put(name, value);
    return p;
  }

  static Map<String, String> without(Map<String, String> p, String name) {
    p.remove(name);
    return p;
  }
}
