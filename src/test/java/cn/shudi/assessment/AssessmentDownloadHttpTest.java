package cn.shudi.assessment;

import static cn.shudi.support.StaffUsers.ADMIN_PASSWORD;
import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Base64;
import java.util.List;

import org.apache.poi.ss.usermodel.Workbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.evaluation.PlatformTestBase;
import cn.shudi.evaluation.StoredRating;
import cn.shudi.organization.Organization;

/**
 * The ranking's download and the ratings' list over real HTTP, behind the platform's login: the county's
 * supervisors, dispatchers, analysts and the administrators get the workbook, staff and the other county
 * get 403. April 2025 belongs to this test.
 */
class AssessmentDownloadHttpTest extends PlatformTestBase {

  static final YearMonth APRIL = YearMonth.of(2025, 4);
  static final String PATH = "/api/assessments/zhangqiu/2025-04.xlsx";

  @Autowired
  Assessment assessment;
  @Autowired
  Organization organization;

  final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void rankApril() {
    if (assessment.find(organization.jurisdiction(TENANT), APRIL).isEmpty()) {
      clock(LocalDateTime.of(2025, 4, 7, 9, 0));
      rate(MINGSHUI, MARKET, "satisfied", "好");
      clock(LocalDateTime.of(2025, 5, 1, 2, 0));
      assessment.run(organization.jurisdiction(TENANT), APRIL, null);
    }
  }

  HttpResponse<byte[]> get(String path, String user) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      String password = user.equals("admin") ? ADMIN_PASSWORD : DEMO_PASSWORD;
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void theCountysSupervisorDownloadsTheWorkbook() throws IOException {
    HttpResponse<byte[]> response = get(PATH, "zhangqiu_supervisor");
    assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
        d -> assertThat(d).startsWith("attachment").contains("filename*=UTF-8''"));
    try (Workbook workbook = AssessmentWorkbookTest.read(response.body())) {
      assertThat(workbook.getSheetName(0)).isEqualTo("部门排名");
      assertThat(workbook.getSheetName(1)).isEqualTo("镇街排名");
      List<List<Object>> departments = AssessmentWorkbookTest.rows(workbook.getSheet("部门排名"));
      assertThat(departments.get(0)).startsWith(1.0, "区市场监管局", "market", 100.0);
      assertThat(departments.get(0).get(13)).isEqualTo("表扬");
      assertThat(departments).hasSize(organization.jurisdiction(TENANT).departments().size());
    }
  }

  @Test
  void dispatchersAnalystsAndTheAdministratorMayDownloadToo() {
    for (String user : List.of("zhangqiu_dispatcher", "zhangqiu_analyst", "admin")) {
      HttpResponse<byte[]> response = get(PATH, user);
      assertThat(response.statusCode()).as(user + ": " + text(response)).isEqualTo(200);
      assertThat(response.body()).as(user).startsWith((byte) 'P', (byte) 'K');
    }
  }

  @Test
  void staffAndTheOtherCountyGet403AndStrangers401() {
    for (String user : List.of("zhangqiu_market_staff", "zhangqiu_market_lead", "zhangqiu_mingshui_grid",
        "yunxi_supervisor", "yunxi_dispatcher")) {
      HttpResponse<byte[]> response = get(PATH, user);
      assertThat(response.statusCode()).as(user).isEqualTo(403);
      assertThat(text(response)).as(user).contains("督查人员");
    }
    assertThat(get(PATH, null).statusCode()).isEqualTo(401);
    assertThat(text(get(PATH, "zhangqiu_market_staff"))).as("no workbook").doesNotStartWith("PK");
  }

  @Test
  void anUnknownMonthOrCountyIs404AMalformedMonth400() {
    assertThat(get("/api/assessments/zhangqiu/2024-12.xlsx", "zhangqiu_supervisor").statusCode()).isEqualTo(404);
    assertThat(text(get("/api/assessments/zhangqiu/2024-12.xlsx", "zhangqiu_supervisor"))).contains("尚未生成");
    assertThat(get("/api/assessments/nowhere/2025-04.xlsx", "admin").statusCode()).isEqualTo(404);
    for (String month : List.of("2025-13", "2025-4", "april")) {
      assertThat(get("/api/assessments/zhangqiu/" + month + ".xlsx", "zhangqiu_supervisor").statusCode())
          .as(month).isEqualTo(400);
    }
  }

  @Test
  void aUnitReadsItsOwnRatingsToFindTheOneToAppeal() throws IOException {
    StoredRating rating = evaluations.ratingsOf(TENANT, MARKET, 1).get(0);
    HttpResponse<byte[]> own = get("/api/evaluations/zhangqiu/ratings?unit=market", "zhangqiu_market_staff");
    assertThat(own.statusCode()).as(text(own)).isEqualTo(200);
    JsonNode ratings = new ObjectMapper().readTree(own.body());
    assertThat(ratings.isArray()).isTrue();
    assertThat(ratings.get(0).path("id").asText()).isEqualTo(rating.id());
    assertThat(ratings.get(0).path("rater").asText()).isEqualTo("明水街道");
    assertThat(ratings.get(0).path("counted").asBoolean()).isTrue();

    assertThat(get("/api/evaluations/zhangqiu/ratings?unit=market", "zhangqiu_supervisor").statusCode())
        .isEqualTo(200);
    assertThat(get("/api/evaluations/zhangqiu/ratings?unit=market", "zhangqiu_agriculture_staff").statusCode())
        .isEqualTo(403);
    assertThat(get("/api/evaluations/zhangqiu/ratings?unit=market", "yunxi_market_staff").statusCode())
        .isEqualTo(403);
    assertThat(get("/api/evaluations/zhangqiu/ratings?unit=nothing", "admin").statusCode()).isEqualTo(404);
  }
}
