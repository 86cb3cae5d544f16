package cn.shudi.credit;

import static cn.shudi.support.StaffUsers.ADMIN_PASSWORD;
import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import cn.shudi.blueprint.ItemProcess;

import static cn.shudi.credit.CreditCases.CLOSE_STEP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.catalog.Party;
import cn.shudi.credit.CreditFile.Content;
import cn.shudi.credit.CreditFile.Entry;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;
import cn.shudi.support.Http;
import cn.shudi.support.WebappSession;
import cn.shudi.support.PlatformTest;

/**
 * The credit file over real HTTP: who sees which entries ({@link CreditFileAccess}), through the REST login
 * ({@code /api/credit-files}) and through the webapps' session ({@code /camunda/api/shudi/credit-files}, the
 * Tasklist plugin's way), and the plugin served by the running application.
 *
 * <p>One enterprise, four entries: case A in 明水街道 and case B in 双山街道 of 章丘 (market bureau and the
 * township inspect, item {@link #item} names the market bureau and a second department that does nothing),
 * a correction of A, and case C in 郧西 城关镇.
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreditFileHttpTest {

  static final String PLUGIN = "/camunda/app/tasklist/scripts/credit/credit-file.js";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  CreditFile creditFile;
  @Autowired
  Catalogs catalogs;
  @Autowired
  Organization organization;

  final ObjectMapper json = new ObjectMapper();
  final String code = CreditCases.newCode();
  Item item;
  /** Named in the item beside the market bureau, but does no step of the cases. */
  Unit namedDepartment;
  /** Neither named in the item nor working on the cases. */
  Unit otherDepartment;
  String caseA;
  String caseB;
  String caseC;
  Entry entryA;
  Entry entryB;
  Entry correctionA;
  Entry entryC;

  @BeforeAll
  void recordTheEnterprisesFile() {
    item = catalogs.of("zhangqiu").items().stream()
        .filter(i -> groups(i).contains("zhangqiu_market") && groups(i).size() >= 2).findFirst().orElseThrow();
    namedDepartment = organization.jurisdiction("zhangqiu").units().stream().filter(Unit::isDepartment)
        .filter(u -> groups(item).contains(u.groupId()) && !u.code().equals("market")).findFirst().orElseThrow();
    otherDepartment = organization.jurisdiction("zhangqiu").units().stream().filter(Unit::isDepartment)
        .filter(u -> !groups(item).contains(u.groupId())).findFirst().orElseThrow();

    CreditCases cases = new CreditCases(engine);
    cases.deploy("zhangqiu", "zhangqiu_market");
    cases.deploy("yunxi", "yunxi_market");
    Map<String, Object> facts = Map.of(ItemProcess.ITEM_CODE.name(), item.code(), ItemProcess.ITEM_NAME.name(), item.name());
    caseA = cases.start("zhangqiu", "mingshui", code, facts);
    cases.inspectAndRecord(caseA);
    caseB = cases.start("zhangqiu", "shuangshan", code, facts);
    cases.inspectAndRecord(caseB);
    caseC = cases.start("yunxi", "chengguan", code, Map.of());
    cases.inspectAndRecord(caseC);
    List<Entry> file = creditFile.entriesOf(code);
    entryA = byCase(file, caseA);
    entryB = byCase(file, caseB);
    entryC = byCase(file, caseC);
    correctionA = creditFile.correct(entryA.id(), "review-" + caseA, "review_decide",
        new Content(null, "经复核，冷藏柜温度超标系测量误差", null, "更正：隐患 1 处", 1, List.of()));
  }

  static Set<String> groups(Item item) {
    return item.responsibilities().stream().map(r -> r.party()).map(Party::fixedUnit)
        .flatMap(java.util.Optional::stream).map(Unit::groupId).collect(java.util.stream.Collectors.toSet());
  }

  static Entry byCase(List<Entry> file, String caseId) {
    return file.stream().filter(e -> e.caseId().equals(caseId)).findFirst().orElseThrow();
  }

  Http rest(String user) {
    return new Http(port).as(user, user.equals("admin") ? ADMIN_PASSWORD : DEMO_PASSWORD);
  }

  /** The ids of the entries the user gets over REST, in the file's order. */
  List<String> visibleTo(String user) {
    Http.Response response = rest(user).get("/api/credit-files/" + code);
    if (response.status() == 404) {
      return List.of();
    }
    assertThat(response.status()).as("%s: %s", user, response).isEqualTo(200);
    return ids(read(response));
  }

  List<String> ids(JsonNode file) {
    assertThat(file.get(ItemProcess.CREDIT_CODE.name()).asText()).isEqualTo(code);
    List<String> ids = new ArrayList<>();
    file.get("entries").forEach(e -> ids.add(e.get("id").asText()));
    return ids;
  }

  JsonNode read(Http.Response response) {
    try {
      return json.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response, e);
    }
  }

  @Test
  void supervisorsDispatchersAndAnalystsSeeTheWholeFileOfTheirCountyOnly() {
    List<String> county = List.of(entryA.id(), entryB.id(), correctionA.id());
    for (String user : List.of("zhangqiu_supervisor", "zhangqiu_dispatcher", "zhangqiu_analyst")) {
      assertThat(visibleTo(user)).as(user).containsExactlyInAnyOrderElementsOf(county);
    }
    assertThat(visibleTo("yunxi_supervisor")).containsExactly(entryC.id());
    assertThat(visibleTo("admin")).as("administrators see every county")
        .containsExactlyInAnyOrder(entryA.id(), entryB.id(), correctionA.id(), entryC.id());
  }

  @Test
  void aTownshipSeesTheEntriesOfItsOwnCases() {
    assertThat(visibleTo("zhangqiu_mingshui_staff")).containsExactly(entryA.id(), correctionA.id());
    assertThat(visibleTo("zhangqiu_mingshui_grid")).containsExactly(entryA.id(), correctionA.id());
    assertThat(visibleTo("zhangqiu_shuangshan_staff")).containsExactly(entryB.id());
    assertThat(visibleTo("zhangqiu_xiuhui_staff")).as("a township with no case of the enterprise").isEmpty();
    assertThat(visibleTo("yunxi_chengguan_staff")).containsExactly(entryC.id());
  }

  @Test
  void aDepartmentSeesWhatItContributedToAndTheItemsThatNameIt() {
    assertThat(visibleTo("zhangqiu_market_staff")).as("contributed to A and B; the item names it")
        .containsExactlyInAnyOrder(entryA.id(), entryB.id(), correctionA.id());
    assertThat(visibleTo(namedDepartment.groupId() + "_staff")).as("named in %s", item.code())
        .containsExactlyInAnyOrder(entryA.id(), entryB.id(), correctionA.id());
    assertThat(visibleTo("yunxi_market_staff")).as("its county's case only").containsExactly(entryC.id());

    Http.Response other = rest(otherDepartment.groupId() + "_staff").get("/api/credit-files/" + code);
    assertThat(other.status()).as(other.toString()).isEqualTo(404);
    assertThat(read(other).get("error").asText()).isEqualTo("统一社会信用代码「" + code + "」的信用档案中没有您可以查看的记录");
  }

  @Test
  void theFileShowsEachUnitsContributionAndTheCorrection() {
    JsonNode file = read(rest("zhangqiu_supervisor").get("/api/credit-files/" + code.toLowerCase()));
    JsonNode a = null;
    JsonNode correction = null;
    for (JsonNode e : file.get("entries")) {
      if (e.get("id").asText().equals(entryA.id())) {
        a = e;
      } else if (e.get("id").asText().equals(correctionA.id())) {
        correction = e;
      }
    }
    assertThat(a).isNotNull();
    assertThat(a.get("caseId").asText()).isEqualTo(caseA);
    assertThat(a.get("stepId").asText()).isEqualTo(CreditCases.RECORD_STEP);
    assertThat(a.get(ItemProcess.JURISDICTION.name()).asText()).isEqualTo("zhangqiu");
    assertThat(a.get(ItemProcess.HAZARD_COUNT.name()).asInt()).isEqualTo(2);
    assertThat(a.get("findings").asText()).contains("原料库温湿度记录缺失");
    assertThat(a.get("rectification").asText()).contains("已整改到位");
    assertThat(a.get("recordedAt").asText()).endsWith("+08:00");
    assertThat(a.get("correctedBy")).extracting(JsonNode::asText).containsExactly(correctionA.id());
    List<String> units = new ArrayList<>();
    a.get("contributions").forEach(c -> units.add(c.get("unitName").asText() + "/" + c.get("recordedBy").asText()));
    assertThat(units).containsExactlyInAnyOrder("区市场监管局/zhangqiu_market_staff", "明水街道/zhangqiu_mingshui_staff");
    List<String> names = new ArrayList<>();
    a.get("contributions").forEach(c -> names.add(c.get("recordedByName").asText()));
    assertThat(names).as("staff read names and units, not login ids")
        .containsExactlyInAnyOrder("区市场监管局办事员", "明水街道办事员");
    assertThat(correction.get("correctsEntryId").asText()).isEqualTo(entryA.id());
    assertThat(correction.get("result").asText()).isEqualTo("更正：隐患 1 处");
  }

  @Test
  void aBadCodeIsABadRequestThatSaysWhatIsWrong() {
    Http.Response bad = rest("zhangqiu_supervisor").get("/api/credit-files/91350100M000100Y44");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(read(bad).get("error").asText())
        .isEqualTo("统一社会信用代码「91350100M000100Y44」有误：第18位校验码应为「3」，实为「4」");
    Http.Response shortCode = rest("zhangqiu_supervisor").get("/api/credit-files/9135");
    assertThat(shortCode.status()).isEqualTo(400);
    assertThat(read(shortCode).get("error").asText()).contains("应为18位，实为4位");

    Http.Response unknown = rest("zhangqiu_supervisor").get("/api/credit-files/" + CreditCases.newCode());
    assertThat(unknown.status()).as("a valid code without entries").isEqualTo(404);
  }

  @Test
  void withoutLoginThereIsNothing() {
    assertThat(new Http(port).get("/api/credit-files/" + code).status()).isEqualTo(401);
    // (a wrong password of a real user would delay that user's next logins: the engine's login throttling)
    assertThat(new Http(port).as("no_such_user", DEMO_PASSWORD).get("/api/credit-files/" + code).status())
        .isEqualTo(401);
    Http.Response noSession = new Http(port).get("/camunda/api/shudi/credit-files/" + code);
    assertThat(noSession.status()).isEqualTo(401);
    assertThat(noSession.body()).doesNotContain(entryA.id());
    assertThat(rest("zhangqiu_supervisor").get("/camunda/api/shudi/credit-files/" + code).status())
        .as("the webapp path takes the webapps' session, not HTTP basic").isEqualTo(401);
  }

  @Test
  void theTasklistSessionReadsTheSameFileWithTheSameRule() {
    WebappSession mingshui = WebappSession.login(port, "zhangqiu_mingshui_staff", DEMO_PASSWORD, "tasklist");
    // what the plugin does: the task's creditCode, then the file
    String closeTask = engine.getTaskService().createTaskQuery().processInstanceId(caseA).taskDefinitionKey(CLOSE_STEP)
        .singleResult().getId();
    Http.Response variable = mingshui.get("/camunda/api/engine/engine/default/task/" + closeTask
        + "/variables/creditCode?deserializeValue=false");
    assertThat(variable.status()).as(variable.toString()).isEqualTo(200);
    assertThat(read(variable).get("value").asText()).isEqualTo(code);

    Http.Response file = mingshui.get("/camunda/api/shudi/credit-files/" + code);
    assertThat(file.status()).as(file.toString()).isEqualTo(200);
    assertThat(ids(read(file))).containsExactly(entryA.id(), correctionA.id());

    WebappSession yunxi = WebappSession.login(port, "yunxi_chengguan_staff", DEMO_PASSWORD, "tasklist");
    assertThat(ids(read(yunxi.get("/camunda/api/shudi/credit-files/" + code)))).containsExactly(entryC.id());
    WebappSession other = WebappSession.login(port, otherDepartment.groupId() + "_staff", DEMO_PASSWORD, "tasklist");
    assertThat(other.get("/camunda/api/shudi/credit-files/" + code).status()).isEqualTo(404);
    assertThat(mingshui.get("/camunda/api/shudi/credit-files/9135").status()).isEqualTo(400);
  }

  @Test
  void theTasklistPluginIsServedAndRegistered() {
    Http.Response plugin = new Http(port).get(PLUGIN);
    assertThat(plugin.status()).as(plugin.toString()).isEqualTo(200);
    assertThat(plugin.body()).contains("pluginPoint: 'tasklist.task.detail'", "label: '信用档案'", "export default",
        "/shudi/credit-files/", "/variables/creditCode");
    assertThat(plugin.raw().headers().firstValue("Content-Type").orElse("")).contains("javascript");

    Http.Response config = new Http(port).get("/camunda/app/tasklist/scripts/config.js");
    assertThat(config.status()).isEqualTo(200);
    assertThat(config.body()).as("Tasklist loads app/tasklist/ + the entry + .js")
        .contains("customScripts:", "'scripts/credit/credit-file'")
        .as("Camunda's keyboard shortcuts are kept").contains("shortcuts:", "claimTask");
  }
}
