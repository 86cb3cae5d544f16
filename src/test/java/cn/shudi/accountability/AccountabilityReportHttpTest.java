package cn.shudi.accountability;

import static cn.shudi.support.EngineClock.at;
import static cn.shudi.support.StaffUsers.ADMIN_PASSWORD;
import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import static cn.shudi.support.EngineClock.COUNTY_ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.support.CallForms;
import cn.shudi.support.Http;
import cn.shudi.call.CallProcess;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.ProcessTestBase;

/**
 * The accountability report over real HTTP with the demo logins. The refusals of June 2024 are made the
 * way they happen: calls through the real {@code shared_call} process (章丘区 and 郧西县), plus refusals of
 * the township guard written through {@link Refusals} at the edges of the month.
 *
 * <p>The shared platform ({@link PlatformTest}): the REST login finds this context's engine because
 * {@code CurrentEngineListener} puts it back in Camunda's static registry before each test.
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountabilityReportHttpTest extends ProcessTestBase {

  static final String JUNE = "?from=2024-06-01&to=2024-06-30";
  static final String ZHANGQIU_REPORT = "/api/accountability/zhangqiu/refusals";
  static final String GUARD_REASON = "清单未规定镇街承担「农药经营和使用监督管理」的责任";
  static final String GUARD_REASON_MARKET = "清单未规定镇街承担「无证无照经营查处」的责任";

  @LocalServerPort
  int port;
  @Autowired
  Refusals refusals;

  final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  void refusalsOfJune2024() {
    try {
      at(LocalDateTime.of(2024, 5, 31, 23, 59));
      guardRefusal("zhangqiu", "ZQ003", "agriculture");                    // before June
      at(LocalDateTime.of(2024, 6, 3, 9, 0));
      assertRefusedCall("zhangqiu", "mingshui", "ZQ999", "shuangshan");    // names no department
      at(LocalDateTime.of(2024, 6, 3, 9, 30));
      assertNotRefused(call("zhangqiu", "mingshui", "ZQ999", "market"));    // outside the list: the department's job
      at(LocalDateTime.of(2024, 6, 3, 10, 0));
      guardRefusal("zhangqiu", "ZQ060", "market", GUARD_REASON_MARKET);
      at(LocalDateTime.of(2024, 6, 4, 9, 0));
      assertRefusedCall("yunxi", "chengguan", "ZQ054", " ");               // names no department
      at(LocalDateTime.of(2024, 6, 30, 23, 30));
      guardRefusal("zhangqiu", "ZQ003", "agriculture");                    // last evening of June
      at(LocalDateTime.of(2024, 7, 1, 0, 10));
      guardRefusal("zhangqiu", "ZQ003", "agriculture");                    // after June
    } finally {
      ClockUtil.reset();
    }
  }

  static void at(LocalDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.atZone(COUNTY_ZONE).toInstant()));
  }

  void assertRefusedCall(String tenant, String township, String itemCode, String department) {
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(call(tenant, township, itemCode,
        department)).singleResult().getEndActivityId()).isEqualTo(CallProcess.Element.REFUSED.id());
  }

  void assertNotRefused(String callId) {
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(callId).count()).as("the call goes on").isOne();
    assertThat(refusals.ofCase(callId)).isEmpty();
  }

  /** A call started as the township's staff would; its id. */
  String call(String tenant, String township, String itemCode, String department) {
    String group = tenant + "_" + township;
    Map<String, Object> form = CallForms.of(township, itemCode, department);
    identity.setAuthentication(group + "_staff", List.of(group), List.of(tenant));
    String id;
    try {
      id = runtime.createProcessInstanceByKey(CallProcess.KEY).processDefinitionTenantId(tenant).setVariables(form)
          .execute().getId();
    } finally {
      identity.clearAuthentication();
    }
    return id;
  }

  void guardRefusal(String tenant, String item, String unit) {
    guardRefusal(tenant, item, unit, GUARD_REASON);
  }

  void guardRefusal(String tenant, String item, String unit, String reason) {
    String caseId = UUID.randomUUID().toString();
    refusals.record(Refusals.idOf(tenant, caseId, "step", reason), tenant, caseId, item, unit, reason);
  }

  Http as(String user) {
    return new Http(port).as(user, user.equals("admin") ? ADMIN_PASSWORD : DEMO_PASSWORD);
  }

  JsonNode read(Http.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Long> counts(JsonNode list, String key) {
    Map<String, Long> counts = new HashMap<>();
    list.forEach(n -> counts.put(n.path(key).asText(), n.path("count").asLong()));
    return counts;
  }

  @Test
  void aSupervisorReadsTheCountysRefusalsWithCountsPerDepartmentAndItem() {
    JsonNode report = read(as("zhangqiu_supervisor").get(ZHANGQIU_REPORT + JUNE));

    assertThat(report.path("jurisdiction").asText()).isEqualTo("zhangqiu");
    assertThat(report.path("jurisdictionName").asText()).isEqualTo("济南市章丘区");
    assertThat(report.path("from").asText()).isEqualTo("2024-06-01");
    assertThat(report.path("to").asText()).isEqualTo("2024-06-30");
    assertThat(report.path("total").asInt()).isEqualTo(3);
    List<String> reasons = new ArrayList<>();
    report.path("refusals").forEach(r -> reasons.add(r.path("reason").asText()));
    assertThat(reasons).as("a call outside the list is not a refusal")
        .containsExactly("「shuangshan」不是章丘区的部门", GUARD_REASON_MARKET, GUARD_REASON);
    JsonNode first = report.path("refusals").get(0);
    assertThat(first.path("refusedAt").asText()).isEqualTo("2024-06-03T09:00:00+08:00");
    assertThat(first.has("unitName")).as("the call named no department: no unit is blamed").isFalse();
    assertThat(first.has("itemName")).as("ZQ999 has no name: it is not on the list").isFalse();
    assertThat(report.path("refusals").get(1).path("unitName").asText()).isEqualTo("区市场监管局");
    assertThat(report.path("refusals").get(2).path("itemName").asText()).isEqualTo("农药经营和使用监督管理");

    assertThat(counts(report.path("byDepartment"), "unitCode")).as("\"\": the call that named no department")
        .containsExactlyInAnyOrderEntriesOf(Map.of("agriculture", 1L, "market", 1L, "", 1L));
    assertThat(report.path("byDepartment").get(0).path("unitName").asText()).isEqualTo("区农业农村局");
    assertThat(counts(report.path("byItem"), "itemCode")).containsExactlyInAnyOrderEntriesOf(
        Map.of("ZQ999", 1L, "ZQ060", 1L, "ZQ003", 1L));
  }

  @Test
  void theDaysAreTheCountysAndBothEndsCount() {
    assertThat(read(as("zhangqiu_supervisor").get(ZHANGQIU_REPORT + "?from=2024-06-04&to=2024-06-30"))
        .path("total").asInt()).isEqualTo(1);
    assertThat(read(as("zhangqiu_supervisor").get(ZHANGQIU_REPORT + "?from=2024-06-03&to=2024-06-03"))
        .path("total").asInt()).isEqualTo(2);
    assertThat(read(as("zhangqiu_supervisor").get(ZHANGQIU_REPORT + "?from=2024-05-01&to=2024-07-31"))
        .path("total").asInt()).isEqualTo(5);
  }

  @Test
  void withoutDatesTheReportCoversTheMonthSoFar() {
    at(LocalDateTime.of(2024, 6, 30, 23, 45));
    JsonNode report = read(as("zhangqiu_supervisor").get(ZHANGQIU_REPORT));
    assertThat(report.path("from").asText()).isEqualTo("2024-06-01");
    assertThat(report.path("to").asText()).isEqualTo("2024-06-30");
    assertThat(report.path("total").asInt()).isEqualTo(3);
  }

  @Test
  void dispatchersAnalystsAndAdminsMayReadToo() {
    for (String user : List.of("zhangqiu_dispatcher", "zhangqiu_analyst", "admin")) {
      assertThat(read(as(user).get(ZHANGQIU_REPORT + JUNE)).path("total").asInt()).as(user).isEqualTo(3);
    }
  }

  @Test
  void aCountyNeverSeesAnothersRefusals() {
    Http.Response other = as("yunxi_supervisor").get(ZHANGQIU_REPORT + JUNE);
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.body()).contains("无权查看");
    assertThat(as("yunxi_supervisor").get(ZHANGQIU_REPORT + ".xlsx" + JUNE).status()).isEqualTo(403);

    JsonNode own = read(as("yunxi_supervisor").get("/api/accountability/yunxi/refusals" + JUNE));
    assertThat(own.path("total").asInt()).isEqualTo(1);
    assertThat(own.path("refusals").get(0).path("reason").asText()).isEqualTo("呼叫未写明被呼叫的部门");
    assertThat(as("zhangqiu_supervisor").get("/api/accountability/yunxi/refusals" + JUNE).status()).isEqualTo(403);
  }

  @Test
  void staffOfAUnitMayNotRead() {
    assertThat(as("zhangqiu_market_staff").get(ZHANGQIU_REPORT + JUNE).status()).isEqualTo(403);
    assertThat(as("zhangqiu_market_staff").get(ZHANGQIU_REPORT + ".xlsx" + JUNE).status()).isEqualTo(403);
    assertThat(as("zhangqiu_mingshui_grid").get(ZHANGQIU_REPORT + JUNE).status()).isEqualTo(403);
  }

  @Test
  void withoutALoginThereIsNoReport() {
    assertThat(new Http(port).get(ZHANGQIU_REPORT + JUNE).status()).isEqualTo(401);
    assertThat(new Http(port).as("zhangqiu_supervisor", "wrong").get(ZHANGQIU_REPORT + JUNE).status())
        .isEqualTo(401);
  }

  @Test
  void badPeriodsAndUnknownCountiesAreAnswered() {
    Http.Response badDate = as("zhangqiu_supervisor").get(ZHANGQIU_REPORT + "?from=2024/06/01");
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(badDate.body()).contains("yyyy-MM-dd");
    assertThat(as("zhangqiu_supervisor").get(ZHANGQIU_REPORT + "?from=2024-07-01&to=2024-06-01").status())
        .isEqualTo(400);
    assertThat(as("admin").get("/api/accountability/nowhere/refusals").status()).isEqualTo(404);
    assertThat(as("zhangqiu_supervisor").get("/api/accountability/nowhere/refusals").status()).isEqualTo(403);
  }

  @Test
  void theSameReportDownloadsAsAnExcelWorkbookWithChineseHeaders() throws Exception {
    Http http = as("zhangqiu_supervisor");
    HttpResponse<byte[]> response = HttpClient.newHttpClient()
        .send(http.request(ZHANGQIU_REPORT + ".xlsx" + JUNE).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("attachment", "refusals-zhangqiu-2024-06-01-2024-06-30.xlsx", "filename*=UTF-8''");
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
      Sheet list = workbook.getSheet("拒绝记录");
      assertThat(cells(list.getRow(0)))
          .containsExactly("序号", "拒绝时间", "事项编码", "事项名称", "单位编码", "单位", "拒绝理由", "案件编号");
      assertThat(list.getLastRowNum()).as("three refusals under the header").isEqualTo(3);
      assertThat(list.getRow(1).getCell(1).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2024, 6, 3, 9, 0));
      assertThat(list.getRow(1).getCell(2).getStringCellValue()).isEqualTo("ZQ999");
      assertThat(list.getRow(3).getCell(3).getStringCellValue()).isEqualTo("农药经营和使用监督管理");
      assertThat(list.getRow(3).getCell(6).getStringCellValue()).isEqualTo(GUARD_REASON);

      Sheet departments = workbook.getSheet("按部门统计");
      assertThat(cells(departments.getRow(0))).containsExactly("单位编码", "单位", "拒绝次数");
      assertThat(cells(departments.getRow(1))).containsExactly("agriculture", "区农业农村局", "1");
      assertThat(cells(departments.getRow(2))).containsExactly("market", "区市场监管局", "1");

      Sheet items = workbook.getSheet("按事项统计");
      assertThat(cells(items.getRow(0))).containsExactly("事项编码", "事项名称", "拒绝次数");
      assertThat(items.getLastRowNum()).isEqualTo(3);
    }
  }

  static List<String> cells(Row row) {
    List<String> values = new ArrayList<>();
    row.forEach(c -> values.add(switch (c.getCellType()) {
      case NUMERIC -> String.valueOf((long) c.getNumericCellValue());
      default -> c.getStringCellValue();
    }));
    return values;
  }
}
