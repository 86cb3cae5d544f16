package cn.shudi.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

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

import cn.shudi.support.CaseDriver;
import cn.shudi.support.Http;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.StaffUsers;

/**
 * The intake over real HTTP with the demo logins, on the platform as it runs (both counties): a request posted to the
 * intake API, decided, signed and called back through the engine's REST API as the staff's Tasklist does, the case
 * between done by the units' staff; the rates read back; the request's view per reader; photos; and every refusal
 * at the front door with nothing stored.
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeHttpTest {

  static final String REQUESTS = "/api/intake/zhangqiu/requests";
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  org.camunda.bpm.engine.ProcessEngine engine;

  Http dispatcher;
  Http command;
  Http market;

  @BeforeAll
  void logins() {
    dispatcher = new Http(port).as("zhangqiu_dispatcher", StaffUsers.DEMO_PASSWORD);
    command = new Http(port).as("zhangqiu_command_staff", StaffUsers.DEMO_PASSWORD);
    market = new Http(port).as("zhangqiu_market_staff", StaffUsers.DEMO_PASSWORD);
  }

  static String request(String workOrder, String text, String township) {
    try {
      return JSON.writeValueAsString(Map.of("kind", "livelihood", "source", "hotline", "externalId", workOrder,
          "text", text, "township", township, "grid", "明水街道第5网格", "latitude", "36.7121", "longitude", "117.5376",
          "contactName", "李女士", "contactPhone", "13900000001"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(Http.Response response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response, e);
    }
  }

  IntakeTables stored() {
    return new IntakeTables(jdbc, runtime);
  }

  String openTask(String requestId, String element) {
    List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(requestId).taskDefinitionKey(element).list();
    assertThat(open).as("open %s of %s", element, requestId).hasSize(1);
    return open.get(0).getId();
  }

  static String variables(Map<String, String> values) {
    StringBuilder body = new StringBuilder("{\"variables\":{");
    values.forEach((k, v) -> body.append(body.charAt(body.length() - 1) == '{' ? "" : ",").append('"').append(k)
        .append("\":{\"value\":\"").append(v).append("\"}"));
    return body.append("}}").toString();
  }

  // --- the loop --------------------------------------------------------------------------------------------------

  @Test
  void aRequestGoesFromTheIntakeApiThroughDispatchCaseAndCallbackIntoTheRates() {
    Http.Response posted = dispatcher.postJson(REQUESTS, request("HTTP-LOOP-1", "百脉泉路有家饭馆后厨老鼠乱窜，卫生太差", "mingshui"));
    assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    String id = json(posted).path("id").asText();
    assertThat(json(posted).path("state").asText()).isEqualTo("received");

    String dispatch = openTask(id, IntakeProcess.Element.DISPATCH.id());
    assertThat(command.postJson("/engine-rest/task/" + dispatch + "/complete", variables(Map.of(
        IntakeProcess.DECISION.name(), "dispatch", IntakeProcess.ITEM_CORRECTION.name(), "ZQ054"))).status())
        .isEqualTo(204);
    String sign = openTask(id, IntakeProcess.Element.SIGN.id());
    assertThat(market.postJson("/engine-rest/task/" + sign + "/complete",
        variables(Map.of(IntakeProcess.SIGNED.name(), "yes"))).status()).isEqualTo(204);

    JsonNode handling = json(market.get(REQUESTS + "/" + id));
    assertThat(handling.path("state").asText()).isEqualTo("handling");
    assertThat(handling.path("itemCode").asText()).isEqualTo("ZQ054");
    assertThat(handling.path("primaryUnit").asText()).isEqualTo("market");
    assertThat(handling.has("contact")).as("the unit does not see the requester's contact").isFalse();
    assertThat(json(dispatcher.get(REQUESTS + "/" + id)).path("openSteps").findValuesAsText("name"))
        .as("the request follows its case: the case's open steps").isNotEmpty()
        .noneMatch(name -> name.equals("签收派单") || name.equals("研判派单"));

    String intake = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
        .processDefinitionKey(IntakeProcess.KEY).singleResult().getId();
    new CaseDriver(engine).completeAll(intake, t -> !t.getTaskDefinitionKey().startsWith(IntakeProcess.KEY));

    String callback = openTask(id, IntakeProcess.Element.CALLBACK.id());
    assertThat(command.postJson("/engine-rest/task/" + callback + "/complete", variables(Map.of(
        IntakeProcess.REACHED.name(), "yes", IntakeProcess.SOLVED.name(), "yes", IntakeProcess.RATING.name(),
        "basically_satisfied"))).status()).isEqualTo(204);

    JsonNode closed = json(dispatcher.get(REQUESTS + "/" + id));
    assertThat(closed.path("state").asText()).isEqualTo("closed");
    assertThat(closed.path("outcome").asText()).isNotBlank();
    assertThat(closed.path("contact").path("phone").asText()).isEqualTo("13900000001");

    Http.Response rates = dispatcher.get("/api/intake/zhangqiu/rates?month=" + YearMonth.now());
    assertThat(rates.status()).as(rates.toString()).isEqualTo(200);
    JsonNode marketRates = null;
    for (JsonNode unit : json(rates).path("units")) {
      if (unit.path("unit").asText().equals("market")) {
        marketRates = unit;
      }
    }
    assertThat(marketRates).as("区市场监管局 among the units of the month").isNotNull();
    assertThat(marketRates.path("dispatched").asInt()).isPositive();
    assertThat(marketRates.path("validCallbacks").asInt()).isPositive();
    assertThat(marketRates.path("basicallySatisfied").asInt()).isPositive();
    assertThat(json(rates).path("formula").asText()).isEqualTo(IntakeRates.FORMULA);
  }

  @Test
  void aReturnIsDecidedByTheCommandCentreAndCountedAgainstTheUnit() {
    String id = json(dispatcher.postJson(REQUESTS, request("HTTP-RETURN-1", "明水街道一处工地夜间施工噪音扰民", "mingshui")))
        .path("id").asText();
    assertThat(command.postJson("/engine-rest/task/" + openTask(id, IntakeProcess.Element.DISPATCH.id()) + "/complete",
        variables(Map.of(IntakeProcess.DECISION.name(), "dispatch", IntakeProcess.ITEM_CORRECTION.name(), "ZQ054")))
        .status()).isEqualTo(204);

    assertThat(market.postJson("/engine-rest/task/" + openTask(id, IntakeProcess.Element.SIGN.id()) + "/complete",
        variables(Map.of(IntakeProcess.SIGNED.name(), "no", IntakeProcess.RETURN_REASON.name(), "施工噪音不属食品安全",
            IntakeProcess.RETURN_EVIDENCE.name(), "清单ZQ054的职责"))).status()).isEqualTo(204);
    assertThat(json(dispatcher.get(REQUESTS + "/" + id)).path("state").asText()).isEqualTo("returned");
    assertThat(command.postJson("/engine-rest/task/" + openTask(id, IntakeProcess.Element.REVIEW.id()) + "/complete",
        variables(Map.of(IntakeProcess.RETURN_UPHELD.name(), "yes", IntakeProcess.RETURN_DECISION.name(), "重新派单")))
        .status()).isEqualTo(204);

    assertThat(json(dispatcher.get(REQUESTS + "/" + id)).path("state").asText()).isEqualTo("received");
    openTask(id, IntakeProcess.Element.DISPATCH.id());
    JsonNode month = json(dispatcher.get("/api/intake/zhangqiu/rates?month=" + YearMonth.now()));
    assertThat(month.path("units").findValues("unit")).extracting(JsonNode::asText).contains("market");
    for (JsonNode unit : month.path("units")) {
      if (unit.path("unit").asText().equals("market")) {
        assertThat(unit.path("returned").asInt()).isPositive();
        assertThat(unit.path("returnsUpheld").asInt()).isPositive();
      }
    }
  }

  @Test
  void aRequestOutsideTheListGoesToTheCompetentDepartmentAndIsReported() {
    String id = json(dispatcher.postJson(REQUESTS, request("HTTP-OFF-1", "小区门口路灯坏了一个月没人修", "mingshui")))
        .path("id").asText();

    Http.Response township = command.postJson("/engine-rest/task/" + openTask(id, IntakeProcess.Element.DISPATCH.id())
        + "/complete", variables(Map.of(IntakeProcess.DECISION.name(), "off_list",
            IntakeProcess.COMPETENT_DEPARTMENT.name(), "明水街道")));
    assertThat(township.status()).as("never to a township").isEqualTo(400);
    assertThat(township.body()).contains("清单之外无属地管理事项");
    assertThat(command.postJson("/engine-rest/task/" + openTask(id, IntakeProcess.Element.DISPATCH.id()) + "/complete",
        variables(Map.of(IntakeProcess.DECISION.name(), "off_list", IntakeProcess.COMPETENT_DEPARTMENT.name(),
            "区住建局"))).status()).isEqualTo(204);

    JsonNode view = json(dispatcher.get(REQUESTS + "/" + id));
    assertThat(view.path("state").asText()).isEqualTo("off_list");
    assertThat(view.path("primaryUnit").asText()).isEqualTo("housing");
    assertThat(view.path("itemCode").isMissingNode() || view.path("itemCode").isNull()).isTrue();
    JsonNode month = json(dispatcher.get("/api/intake/zhangqiu/rates?month=" + YearMonth.now()));
    boolean reported = false;
    for (JsonNode unit : month.path("units")) {
      reported |= unit.path("unit").asText().equals("housing") && unit.path("offList").asInt() > 0;
    }
    assertThat(reported).as("区住建局's off-list requests in the month's report").isTrue();
  }

  @Test
  void aRequestIsReadByTheCommandCentreAndItsSenderOnly() {
    String id = json(dispatcher.postJson(REQUESTS, request("HTTP-READ-1", "小区楼下烧烤摊油烟太大，熏得开不了窗", "mingshui")))
        .path("id").asText();

    assertThat(command.get(REQUESTS + "/" + id).status()).isEqualTo(200);
    assertThat(new Http(port).as("zhangqiu_bucun_staff", StaffUsers.DEMO_PASSWORD).get(REQUESTS + "/" + id).status())
        .as("another unit before any dispatch").isEqualTo(403);
    assertThat(new Http(port).as("yunxi_dispatcher", StaffUsers.DEMO_PASSWORD).get(REQUESTS + "/" + id).status())
        .as("the other county").isEqualTo(403);
    assertThat(new Http(port).get(REQUESTS + "/" + id).status()).as("anonymous").isEqualTo(401);
    assertThat(new Http(port).get("/open311/v2/requests/" + id + ".json").status())
        .as("a hotline caller's request is on no public status page").isEqualTo(404);
    assertThat(new Http(port).postJson(REQUESTS, request("HTTP-ANON-1", "路灯不亮", "mingshui")).status())
        .as("anonymous may not post").isEqualTo(401);
  }

  @Test
  void aDuplicatesRequesterReadsTheOriginalsItemUnitsAndOutcome() {
    String text = "绣惠街道集贸市场东侧有人露天焚烧垃圾，浓烟很大";
    String original = json(dispatcher.postJson(REQUESTS, request("HTTP-DUP-1", text, "xiuhui"))).path("id").asText();
    assertThat(command.postJson("/engine-rest/task/" + openTask(original, IntakeProcess.Element.DISPATCH.id())
        + "/complete", variables(Map.of(IntakeProcess.DECISION.name(), "dispatch", IntakeProcess.ITEM_CORRECTION.name(),
            "ZQ054"))).status()).isEqualTo(204);
    String duplicate = json(dispatcher.postJson(REQUESTS, request("HTTP-DUP-2", text + "，呛得人喘不上气", "xiuhui")))
        .path("id").asText();

    assertThat(command.postJson("/engine-rest/task/" + openTask(duplicate, IntakeProcess.Element.DISPATCH.id())
        + "/complete", variables(Map.of(IntakeProcess.DECISION.name(), "duplicate", IntakeProcess.DUPLICATE_OF.name(),
            original))).status()).isEqualTo(204);

    JsonNode view = json(dispatcher.get(REQUESTS + "/" + duplicate));
    assertThat(view.path("duplicateOf").asText()).isEqualTo(original);
    assertThat(view.path("state").asText()).isEqualTo("duplicate");
    assertThat(view.path("stateLabel").asText()).isEqualTo("已并入原诉求（原诉求已派单待签收）");
    assertThat(view.path("itemCode").asText()).as("the original's").isEqualTo("ZQ054");
    assertThat(view.path("primaryUnit").asText()).isEqualTo("market");
  }

  // --- photos ----------------------------------------------------------------------------------------------------

  static byte[] png(int size, boolean noise) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int x = 0; x < size; x++) {
      for (int y = 0; y < size; y++) {
        image.setRGB(x, y, noise ? random.nextInt() : 0x336699);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  Http.Response postWithPhoto(String workOrder, String fileName, byte[] photo) {
    return dispatcher.postParts(REQUESTS, List.of(
        new Http.Part("request", null, "application/json",
            request(workOrder, "垃圾桶满了没人清运，臭味很大", "mingshui").getBytes(StandardCharsets.UTF_8)),
        new Http.Part("photos", fileName, "image/jpeg", photo)));
  }

  @Test
  void aPhotoIsStoredWithTheRequestAndServedToItsReaders() {
    byte[] photo = png(16, false);
    Http.Response posted = postWithPhoto("HTTP-PHOTO-1", "现场.png", photo);

    assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    String id = json(posted).path("id").asText();
    assertThat(json(posted).path("photos").asInt()).isEqualTo(1);
    Http.Response served = dispatcher.get(REQUESTS + "/" + id + "/photos/0");
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.raw().headers().firstValue("Content-Type")).hasValue("image/png");
  }

  void assertRefusedAndNothingStored(Http.Response response, String message) {
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.body()).contains(message);
  }

  @Test
  void aFileThatIsNoImageIsRefusedAndNothingIsStored() {
    long before = stored().requests();
    long instances = stored().intakes();
    long stored = stored().photos();

    assertRefusedAndNothingStored(postWithPhoto("HTTP-PHOTO-2", "现场.jpg",
        "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)), "不是 JPEG 或 PNG 图片");

    assertThat(stored().requests()).isEqualTo(before);
    assertThat(stored().intakes()).isEqualTo(instances);
    assertThat(stored().photos()).isEqualTo(stored);
  }

  @Test
  void anOversizedPhotoIsRefusedAndNothingIsStored() {
    long before = stored().requests();
    long instances = stored().intakes();
    byte[] large = png(700, true);
    assertThat(large.length).as("the test photo is over the cap").isGreaterThan(Photo.MAX_BYTES);

    assertRefusedAndNothingStored(postWithPhoto("HTTP-PHOTO-3", "现场.png", large), "超过每张 1024 KB 的上限");

    assertThat(stored().requests()).isEqualTo(before);
    assertThat(stored().intakes()).isEqualTo(instances);
  }

  // --- bad input at the front door -------------------------------------------------------------------------------

  @Test
  void aTownshipOfAnotherCountyIsRefusedAndNothingIsStored() {
    long before = stored().requests();
    long instances = stored().intakes();

    assertRefusedAndNothingStored(dispatcher.postJson(REQUESTS, request("HTTP-BAD-1", "路灯不亮", "chengguan")),
        "「chengguan」是郧西县的镇街，不是章丘区的");

    assertThat(stored().requests()).isEqualTo(before);
    assertThat(stored().intakes()).isEqualTo(instances);
  }

  static String withGrid(String workOrder, String township, String grid) {
    try {
      return JSON.writeValueAsString(Map.of("kind", "livelihood", "source", "grid", "externalId", workOrder, "text",
          "楼道里堆满杂物，堵住了消防通道", "township", township, "grid", grid));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aGridGivenByItsCodeMustBeTheCountysAndInTheTownship() {
    long before = stored().requests();

    assertRefusedAndNothingStored(dispatcher.postJson(REQUESTS, withGrid("HTTP-GRID-1", "mingshui", "mingshui-99")),
        "网格「mingshui-99」不是章丘区的网格");
    assertRefusedAndNothingStored(dispatcher.postJson(REQUESTS, withGrid("HTTP-GRID-2", "bucun", "mingshui-01")),
        "在明水街道，不在埠村街道");
    assertThat(stored().requests()).isEqualTo(before);

    Http.Response located = dispatcher.postJson(REQUESTS, withGrid("HTTP-GRID-3", "", "mingshui-01"));
    assertThat(located.status()).as(located.toString()).isEqualTo(201);
    assertThat(json(located).path("township").asText()).as("the grid's township").isEqualTo("mingshui");
  }

  @Test
  void aReplayedRequestIsRefusedAndNothingMoreIsStored() {
    assertThat(dispatcher.postJson(REQUESTS, request("HTTP-REPLAY-1", "路口信号灯坏了", "mingshui")).status())
        .isEqualTo(201);
    long before = stored().requests();
    long instances = stored().intakes();

    assertRefusedAndNothingStored(dispatcher.postJson(REQUESTS, request("HTTP-REPLAY-1", "路口信号灯坏了", "mingshui")),
        "12345热线工单「HTTP-REPLAY-1」已经受理过，不重复登记");

    assertThat(stored().requests()).isEqualTo(before);
    assertThat(stored().intakes()).isEqualTo(instances);
  }

  @Test
  void malformedJsonIsRefusedInChinese() {
    long before = stored().requests();

    assertRefusedAndNothingStored(dispatcher.postJson(REQUESTS, "{\"text\": \"路灯"), "请求内容不是合法的 JSON");

    assertThat(stored().requests()).isEqualTo(before);
  }

  @Test
  void aFieldOfTheWrongShapeIsRefusedInChinese() {
    long before = stored().requests();

    assertRefusedAndNothingStored(dispatcher.postJson(REQUESTS, "{\"text\": {\"a\": 1}, \"township\": \"mingshui\"}"),
        "诉求未受理：不是合法的 JSON");

    assertThat(stored().requests()).isEqualTo(before);
  }

  @Test
  void onlyTheIntakeTakesUploadsOnThePlatformsApi() {
    Http.Response refused = dispatcher.postParts("/api/intake/zhangqiu/rates", List.of(new Http.Part("photos",
        "a.png", "image/png", png(4, false))));

    assertThat(refused.status()).isEqualTo(415);
  }

  @Test
  void anEmptyRequestFromTasklistsStartFormIsRefusedByTheEngineRestApi() {
    long before = stored().requests();
    long instances = stored().intakes();

    Http.Response refused = dispatcher.postJson("/engine-rest/process-definition/key/" + IntakeProcess.KEY
        + "/tenant-id/zhangqiu/submit-form", variables(Map.of(IntakeProcess.KIND.name(), "livelihood",
            IntakeProcess.SOURCE.name(), "hotline", IntakeProcess.TEXT.name(), " ", IntakeProcess.TOWNSHIP.name(),
            "mingshui")));

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.body()).contains("诉求内容为空");
    assertThat(stored().requests()).isEqualTo(before);
    assertThat(stored().intakes()).isEqualTo(instances);
  }
}
