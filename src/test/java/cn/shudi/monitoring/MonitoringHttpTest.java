package cn.shudi.monitoring;

import static cn.shudi.support.StaffUsers.ADMIN_PASSWORD;
import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.LocalDateTime;
import java.time.YearMonth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.support.Http;
import cn.shudi.support.WebappSession;
import cn.shudi.call.CallProcess;
import cn.shudi.catalog.CaseFact;
import cn.shudi.support.PlatformTest;

/**
 * The plugin in the running application over real HTTP: Cockpit lists it, its assets are served, and
 * its REST resource answers each user with their own jurisdiction only (admins: all; no Cockpit, no figures).
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringHttpTest {

  static final String PLUGIN = "/camunda/api/cockpit/plugin/" + MonitoringPlugin.ID;
  static final String DASHBOARD = PLUGIN + "/default/dashboard";
  static final String INTAKE = PLUGIN + "/default/intake-rates";

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  IdentityService identity;
  @Autowired
  RepositoryService repository;
  @Autowired
  JdbcClient jdbc;

  final ObjectMapper json = new ObjectMapper();
  final List<String> zhangqiuCases = new ArrayList<>();
  String yunxiCase;

  @BeforeAll
  void oneCaseInEachCounty() {
    identity.setAuthentication("zhangqiu_mingshui_grid", List.of("zhangqiu_mingshui"), List.of("zhangqiu"));
    try {
      zhangqiuCases.add(runtime.createProcessInstanceByKey("zq001").processDefinitionTenantId("zhangqiu")
          .setVariables(Map.of(CallProcess.TOWNSHIP.name(), "mingshui", "caseSubject", "某养殖场", "caseDescription", "疑似疫病",
              CaseFact.OUTBREAK.variable(), true))
          .execute().getId());
    } finally {
      identity.clearAuthentication();
    }
    identity.setAuthentication("yunxi_chengguan_grid", List.of("yunxi_chengguan"), List.of("yunxi"));
    try {
      yunxiCase = runtime.createProcessInstanceByKey("yx001").processDefinitionTenantId("yunxi")
          .setVariables(Map.of(CallProcess.TOWNSHIP.name(), "chengguan", "caseSubject", "某企业", "caseDescription", "排污"))
          .execute().getId();
    } finally {
      identity.clearAuthentication();
    }
  }

  WebappSession cockpit(String user) {
    return WebappSession.login(port, user, user.equals("admin") ? ADMIN_PASSWORD : DEMO_PASSWORD, "cockpit");
  }

  JsonNode read(Http.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    try {
      return json.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response, e);
    }
  }

  static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.get(field).asText()));
    return values;
  }

  @Test
  void cockpitListsThePluginAndServesItsAssets() {
    assertThat(Cockpit.getRuntimeDelegate().getAppPluginRegistry().getPlugin(MonitoringPlugin.ID))
        .isInstanceOf(MonitoringPlugin.class);
    Http http = new Http(port);
    Http.Response index = http.get("/camunda/app/cockpit/default/");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.body()).contains("cockpit-plugin-" + MonitoringPlugin.ID)
        .contains("/camunda/api/cockpit/plugin/" + MonitoringPlugin.ID + "/static/app");

    Http.Response script = http.get(PLUGIN + "/static/app/plugin.js");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/javascript"));
    assertThat(script.body()).contains("export default").contains("cockpit.dashboard")
        .contains("cockpit.processDefinition.runtime.tab").contains("cockpit.processDefinition.diagram.plugin")
        .contains("shudi-dashboard");
    Http.Response style = http.get(PLUGIN + "/static/app/plugin.css");
    assertThat(style.status()).isEqualTo(200);
    assertThat(style.body()).contains(".shudi-monitoring");
    assertThat(http.get(PLUGIN + "/static/app/other.js").status()).as("only the declared assets").isEqualTo(403);
  }

  @Test
  void aSupervisorSeesOnlyTheirCounty() {
    JsonNode zhangqiu = read(cockpit("zhangqiu_supervisor").get(DASHBOARD));
    assertThat(zhangqiu.get("scope").get("all").asBoolean()).isFalse();
    assertThat(texts(zhangqiu.get("scope").get("jurisdictions"), "code")).containsExactly("zhangqiu");
    assertThat(texts(zhangqiu.get("jurisdictions"), "code")).containsExactly("zhangqiu");
    assertThat(texts(zhangqiu.get("items"), "jurisdiction")).containsOnly("zhangqiu");
    assertThat(texts(zhangqiu.get("items"), "key")).contains("zq001").doesNotContain("yx001");
    assertThat(zhangqiu.get("totals").get("openCases").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(zhangqiu.get("days").asInt()).isEqualTo(90);

    JsonNode yunxi = read(cockpit("yunxi_supervisor").get(DASHBOARD + "?days=30"));
    assertThat(texts(yunxi.get("jurisdictions"), "code")).containsExactly("yunxi");
    assertThat(texts(yunxi.get("items"), "key")).contains("yx001").doesNotContain("zq001");
    assertThat(texts(yunxi.get("activities"), "jurisdiction")).containsOnly("yunxi");
    assertThat(yunxi.get("days").asInt()).isEqualTo(30);
  }

  @Test
  void anAdminSeesEveryCountyAndMayNarrowToOne() {
    WebappSession admin = cockpit("admin");
    JsonNode all = read(admin.get(DASHBOARD));
    assertThat(all.get("scope").get("all").asBoolean()).isTrue();
    assertThat(texts(all.get("jurisdictions"), "code")).containsExactly("zhangqiu", "yunxi");
    JsonNode one = read(admin.get(DASHBOARD + "?jurisdiction=yunxi"));
    assertThat(texts(one.get("jurisdictions"), "code")).containsExactly("yunxi");
  }

  @Test
  void aSupervisorCannotAskForAnotherCounty() {
    WebappSession supervisor = cockpit("zhangqiu_supervisor");
    assertThat(supervisor.get(DASHBOARD + "?jurisdiction=yunxi").status()).isEqualTo(403);
    String yunxiDefinition = repository.createProcessDefinitionQuery().processDefinitionKey("yx001")
        .tenantIdIn("yunxi").latestVersion().singleResult().getId();
    assertThat(supervisor.get(PLUGIN + "/default/process-definition/" + yunxiDefinition).status()).isEqualTo(404);
  }

  @Test
  void perStepFiguresOfADefinitionOfTheSupervisorsCounty() {
    String definition = repository.createProcessDefinitionQuery().processDefinitionKey("zq001").tenantIdIn("zhangqiu")
        .latestVersion().singleResult().getId();
    JsonNode figures = read(cockpit("zhangqiu_supervisor").get(PLUGIN + "/default/process-definition/" + definition));
    assertThat(figures.get("code").asText()).isEqualTo("ZQ001");
    assertThat(figures.get("jurisdiction").asText()).isEqualTo("zhangqiu");
    assertThat(figures.get("openCases").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(texts(figures.get("activities"), "activityId")).contains(MonitoringScenario.MONITORING.id(), MonitoringScenario.TOWNSHIP_1.id(),
        MonitoringScenario.POLICE_1.id());
  }

  /** An intake dispatch of the county's request from the township to the unit, answered (or not) at the time. */
  void dispatch(String county, String unit, String township, LocalDateTime at, LocalDateTime answeredAt,
      String answer) {
    jdbc.sql("insert into shudi_intake_dispatch (id, jurisdiction, request_id, unit, township, dispatched_at, sign_due, "
        + "answered_at, answer) values (:id, :j, :request, :unit, :township, :at, :due, :answered, :answer)")
        .param("id", UUID.randomUUID().toString()).param("j", county).param("request", UUID.randomUUID().toString())
        .param("unit", unit).param("township", township).param("at", at).param("due", at.plusDays(3))
        .param("answered", answeredAt).param("answer", answer).update();
  }

  void callback(String county, String unit, String township, LocalDateTime at, boolean reached, String rating) {
    jdbc.sql("insert into shudi_intake_callback (id, jurisdiction, request_id, unit, township, reached, solved, rating, "
        + "recorded_at) values (:id, :j, :request, :unit, :township, :reached, :solved, :rating, :at)")
        .param("id", UUID.randomUUID().toString()).param("j", county).param("request", UUID.randomUUID().toString())
        .param("unit", unit).param("township", township).param("reached", reached)
        .param("solved", reached ? !"dissatisfied".equals(rating) : null).param("rating", rating).param("at", at)
        .update();
  }

  static JsonNode line(JsonNode lines, String unit) {
    for (JsonNode line : lines) {
      if (line.get("unit").asText().equals(unit)) {
        return line;
      }
    }
    throw new AssertionError("no line for " + unit + " in " + lines);
  }

  @Test
  void theIntakesRatesOfAMonthPerUnitAndPerTownshipOfTheSupervisorsCounty() {
    // October 2023, a month of this test's own (the platform is shared)
    LocalDateTime monday = LocalDateTime.of(2023, 10, 9, 9, 0);
    dispatch("zhangqiu", "police", "mingshui", monday, monday.plusHours(3), "accepted");
    dispatch("zhangqiu", "police", "mingshui", monday.plusDays(1), monday.plusDays(5), "accepted"); // late
    dispatch("zhangqiu", "police", "shuangshan", monday.plusDays(2), monday.plusDays(2).plusHours(1), "returned");
    callback("zhangqiu", "police", "mingshui", monday.plusDays(8), true, "satisfied");
    callback("zhangqiu", "police", "mingshui", monday.plusDays(8), true, "basically_satisfied");
    callback("zhangqiu", "police", "shuangshan", monday.plusDays(9), true, "dissatisfied");
    callback("zhangqiu", "police", "shuangshan", monday.plusDays(9), false, null); // not reached
    dispatch("yunxi", "ecology", "chengguan", monday, monday.plusHours(1), "accepted");

    JsonNode rates = read(cockpit("zhangqiu_supervisor").get(INTAKE + "?month=2023-10"));
    assertThat(rates.get("available").asBoolean()).isTrue();
    assertThat(rates.get("month").asText()).isEqualTo("2023-10");
    assertThat(rates.get("formula").asText()).isEqualTo("intake-rates v1");
    assertThat(texts(rates.get("units"), "jurisdiction")).containsOnly("zhangqiu");
    JsonNode police = line(rates.get("units"), "zhangqiu_police");
    assertThat(police.get("name").asText()).isEqualTo("区公安分局");
    assertThat(police.get("dispatched").asInt()).isEqualTo(3);
    assertThat(police.get("answeredInTime").asInt()).as("the late one does not count").isEqualTo(2);
    assertThat(police.get("responseRate").asDouble()).isCloseTo(2 / 3.0, offset(1e-9));
    assertThat(police.get("validCallbacks").asInt()).isEqualTo(3);
    assertThat(police.get("solutionRate").asDouble()).isCloseTo(2 / 3.0, offset(1e-9));
    assertThat(police.get("satisfactionRate").asDouble()).as("(1 + 0.9) ÷ 3").isCloseTo(1.9 / 3, offset(1e-9));
    assertThat(police.get("returned").asInt()).isOne();
    assertThat(police.get("offList").asInt()).isZero();

    assertThat(texts(rates.get("townships"), "unit")).containsExactlyInAnyOrder("zhangqiu_mingshui",
        "zhangqiu_shuangshan");
    JsonNode mingshui = line(rates.get("townships"), "zhangqiu_mingshui");
    assertThat(mingshui.get("dispatched").asInt()).isEqualTo(2);
    assertThat(mingshui.get("responseRate").asDouble()).isEqualTo(0.5);
    assertThat(mingshui.get("satisfactionRate").asDouble()).isCloseTo(0.95, offset(1e-9));
    JsonNode shuangshan = line(rates.get("townships"), "zhangqiu_shuangshan");
    assertThat(shuangshan.get("satisfactionRate").asDouble()).isZero();

    // a month without anything: no lines; a unit with dispatches only has no 满意率 (null, shown as —)
    assertThat(read(cockpit("zhangqiu_supervisor").get(INTAKE + "?month=2023-09")).get("units")).isEmpty();
    dispatch("zhangqiu", "fire", "mingshui", LocalDateTime.of(2023, 10, 20, 9, 0), null, "lapsed");
    JsonNode fire = line(read(cockpit("zhangqiu_supervisor").get(INTAKE + "?month=2023-10")).get("units"),
        "zhangqiu_fire");
    assertThat(fire.get("responseRate").asDouble()).isZero();
    assertThat(fire.get("satisfactionRate").isNull()).isTrue();
    assertThat(fire.get("solutionRate").isNull()).isTrue();

    JsonNode yunxi = read(cockpit("yunxi_supervisor").get(INTAKE + "?month=2023-10"));
    assertThat(texts(yunxi.get("units"), "unit")).containsExactly("yunxi_ecology");
    assertThat(cockpit("yunxi_supervisor").get(INTAKE + "?month=2023-10&jurisdiction=zhangqiu").status())
        .isEqualTo(403);
    assertThat(cockpit("zhangqiu_supervisor").get(INTAKE + "?month=2023/10").status()).isEqualTo(400);
    JsonNode current = read(cockpit("zhangqiu_supervisor").get(INTAKE));
    assertThat(current.get("month").asText()).as("the current month by the engine clock")
        .isEqualTo(YearMonth.from(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant()
            .atZone(java.time.ZoneId.of("Asia/Shanghai"))).toString());
    assertThat(new Http(port).get(INTAKE).status()).as("anonymous").isIn(401, 403);
  }

  @Test
  void noFiguresWithoutCockpitOrWithoutLogin() {
    WebappSession staff = WebappSession.login(port, "zhangqiu_market_staff", DEMO_PASSWORD, "tasklist");
    assertThat(staff.get(DASHBOARD).status()).as("staff have no Cockpit").isEqualTo(403);
    assertThat(new Http(port).get(DASHBOARD).status()).as("anonymous").isIn(401, 403);
  }
}
