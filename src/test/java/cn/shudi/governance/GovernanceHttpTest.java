package cn.shudi.governance;

import static cn.shudi.support.StaffUsers.ADMIN_PASSWORD;
import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import static cn.shudi.governance.GovernanceProcess.ITEM_CODE;
import static cn.shudi.governance.GovernanceProcess.PRIMARY_UNIT;
import static cn.shudi.governance.GovernanceProcess.REASONS;
import static cn.shudi.governance.GovernanceProcess.TIME_LIMIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.CatalogLoader;
import cn.shudi.catalog.Item;
import cn.shudi.organization.Organization;
import cn.shudi.support.Http;
import cn.shudi.support.EngineClock;
import cn.shudi.support.FreshPlatformTest;

/**
 * The versions, their diff and the export over real HTTP with the demo logins, after one adjustment made through
 * the real process: ZQ007 农作物重大病虫害监测防控 goes from 区农业农村局 to 区应急局 and from 15 to 10 working days.
 * The other governance tests share the database ({@link FreshPlatformTest}), so the versions are those before and
 * after this class's adjustment, whatever their numbers.
 */
@FreshPlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GovernanceHttpTest {

  static final String ZHANGQIU = "zhangqiu";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  Organization organization;
  @Autowired
  ListGovernance lists;

  /** The version in force before the adjustment, and the adjustment's. */
  CatalogVersion base;
  CatalogVersion adjusted;
  String diffPath;

  final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  void adjustZq007() {
    ClockUtil.setCurrentTime(EngineClock.at(GovernanceTestBase.MONDAY_MORNING));
    base = lists.current(ZHANGQIU);
    try {
      GovernanceDriver driver = new GovernanceDriver(engine);
      Map<String, Object> form = new HashMap<>();
      form.put(ITEM_CODE.name(), "ZQ007");
      form.put(PRIMARY_UNIT.name(), "区应急局");
      form.put(TIME_LIMIT.name(), "10个工作日");
      form.put(REASONS.name(), "重大病虫害按突发事件统一应对");
      ProcessInstance adjustment = driver.propose(GovernanceDriver.ADJUSTMENT, "zhangqiu_emergency", form);
      driver.approveAll(adjustment);
    } finally {
      ClockUtil.reset();
    }
    adjusted = lists.current(ZHANGQIU);
    assertThat(adjusted.number()).as("the adjustment is the next version").isEqualTo(base.number() + 1);
    diffPath = "/api/governance/zhangqiu/versions/" + base.number() + "/diff/" + adjusted.number();
  }

  @AfterAll
  void resetClock() {
    ClockUtil.reset();
  }

  Http as(String user) {
    return new Http(port).as(user, user.equals("admin") ? ADMIN_PASSWORD : DEMO_PASSWORD);
  }

  @Test
  void theAnalystReadsTheDiffOfTwoVersions() throws Exception {
    Http.Response response = as("zhangqiu_analyst").get(diffPath);

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode diff = json.readTree(response.body());
    assertThat(diff.path("jurisdiction").asText()).isEqualTo("zhangqiu");
    assertThat(diff.path("from").path("number").asInt()).isEqualTo(base.number());
    assertThat(diff.path("from").path("label").asText()).isEqualTo(base.label()).matches("2024\\.\\d+");
    assertThat(diff.path("to").path("number").asInt()).isEqualTo(adjusted.number());
    assertThat(diff.path("to").path("label").asText()).isEqualTo(adjusted.label()).isNotEqualTo(base.label());
    assertThat(diff.path("added")).isEmpty();
    assertThat(diff.path("removed")).isEmpty();
    assertThat(diff.path("changed")).hasSize(1);
    JsonNode item = diff.path("changed").get(0);
    assertThat(item.path("code").asText()).isEqualTo("ZQ007");
    assertThat(item.path("changes")).hasSize(2);
    assertThat(item.path("changes").get(0).path("field").asText()).isEqualTo("primaryUnit");
    assertThat(item.path("changes").get(0).path("before").asText()).isEqualTo("区农业农村局");
    assertThat(item.path("changes").get(0).path("after").asText()).isEqualTo("区应急局");
    assertThat(item.path("changes").get(1).path("field").asText()).isEqualTo("timeLimit");
    assertThat(item.path("changes").get(1).path("after").asText()).isEqualTo("10个工作日");
    assertThat(diff.path("text").asText()).contains("主体责任单位：区农业农村局 → 区应急局");
  }

  @Test
  void versionsMayBeNamedByTheirLabelAndTheDiffGoesBothWays() throws Exception {
    JsonNode back = json.readTree(as("zhangqiu_analyst")
        .get("/api/governance/zhangqiu/versions/" + adjusted.label() + "/diff/" + base.label()).body());
    JsonNode change = back.path("changed").get(0).path("changes").get(0);
    assertThat(change.path("before").asText()).isEqualTo("区应急局");
    assertThat(change.path("after").asText()).isEqualTo("区农业农村局");
  }

  @Test
  void supervisorsAndAdminsMayReadOthersMayNot() {
    assertThat(as("zhangqiu_supervisor").get(diffPath).status()).isEqualTo(200);
    assertThat(as("admin").get(diffPath).status()).isEqualTo(200);

    Http.Response staff = as("zhangqiu_market_staff").get(diffPath);
    assertThat(staff.status()).isEqualTo(403);
    assertThat(staff.body()).contains("仅本辖区的清单分析员、督查人员和系统管理员可以查看");
    assertThat(as("zhangqiu_dispatcher").get(diffPath).status()).isEqualTo(403);
    assertThat(as("yunxi_analyst").get(diffPath).status()).as("another county's analyst").isEqualTo(403);
    assertThat(new Http(port).get(diffPath).status()).as("no login").isEqualTo(401);
    assertThat(new Http(port).as("zhangqiu_finance_staff", "wrong").get(diffPath).status()).isEqualTo(401);
  }

  @Test
  void anUnknownVersionIsNotFound() throws Exception {
    Http.Response response = as("zhangqiu_analyst").get("/api/governance/zhangqiu/versions/1/diff/99");
    assertThat(response.status()).isEqualTo(404);
    assertThat(json.readTree(response.body()).path("error").asText()).contains("没有清单版本「99」");
    assertThat(as("admin").get("/api/governance/nowhere/versions").status()).isEqualTo(404);
  }

  @Test
  void theVersionsListSaysWhoDecidedWhat() throws Exception {
    JsonNode versions = json.readTree(as("zhangqiu_analyst").get("/api/governance/zhangqiu/versions").body());
    assertThat(versions.path("current").asInt()).isGreaterThanOrEqualTo(adjusted.number());
    assertThat(versions.path("versions")).hasSize(versions.path("current").asInt());
    assertThat(versions.path("versions").get(0).path("kind").asText()).isEqualTo("shipped");
    JsonNode row = versions.path("versions").get(adjusted.number() - 1);
    assertThat(row.path("number").asInt()).isEqualTo(adjusted.number());
    assertThat(row.path("kind").asText()).isEqualTo("adjustment");
    assertThat(row.path("itemCode").asText()).isEqualTo("ZQ007");
    assertThat(row.path("decidedBy").asText()).isEqualTo("zhangqiu_bianban_staff");
    assertThat(row.path("caseId").asText()).isNotBlank();
    assertThat(row.path("effectiveDate").asText()).isEqualTo("2025-06-02");
  }

  @Test
  void theListInForceIsExportedAsTheCatalogFileAnalystsCommit() throws Exception {
    Http.Response response = as("zhangqiu_analyst").get("/api/governance/zhangqiu/catalog.csv");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    CatalogVersion inForce = lists.current(ZHANGQIU);
    assertThat(response.raw().headers().firstValue("X-Catalog-Version")).contains(String.valueOf(inForce.number()));
    assertThat(response.body()).startsWith("# 清单: 济南市章丘区").contains("# 版本: " + inForce.label(),
        "# 生效日期: 2025-06-02");
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    Catalog exported = new CatalogLoader().load("export", () -> new ByteArrayInputStream(bytes),
        organization.jurisdiction("zhangqiu"));
    assertThat(exported.items()).extracting(Item::code)
        .containsExactlyElementsOf(lists.inForce(ZHANGQIU).items().stream().map(Item::code).toList())
        .as("the adjustment took no item away").containsAll(lists.catalog(base).items().stream().map(Item::code).toList())
        .hasSizeGreaterThanOrEqualTo(81);
    assertThat(exported.item("ZQ007").orElseThrow().primary().party().name()).isEqualTo("区应急局");

    // version 1 is the shipped file, byte for byte
    Http.Response first = as("zhangqiu_analyst").get("/api/governance/zhangqiu/versions/1/catalog.csv");
    assertThat(first.body()).isEqualTo(Files.readString(Path.of("jurisdictions/zhangqiu/catalog.csv")));
    assertThat(as("zhangqiu_market_staff").get("/api/governance/zhangqiu/catalog.csv").status()).isEqualTo(403);
  }
}
