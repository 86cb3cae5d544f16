package cn.shudi.intake;

import static cn.shudi.support.StaffUsers.ADMIN_PASSWORD;
import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.support.Http;
import cn.shudi.support.PlatformTest;

/**
 * The hotline import over real HTTP with the demo logins ({@code POST /api/intake/zhangqiu/imports}): a good file is
 * received whole, a file with one bad row is refused whole with the row named and nothing stored, an .xlsx works, and
 * only the command centre and administrators may import. Each test's work orders carry numbers of its own, so the
 * assertions on the shared platform see only what the test made.
 */
@PlatformTest
class HotlineImportHttpTest {

  static final String IMPORTS = "/api/intake/zhangqiu/imports";
  static final String HEADER = "工单编号,诉求类型,诉求内容,镇街,网格,纬度,经度,联系人,联系电话";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  RuntimeService runtime;

  final ObjectMapper json = new ObjectMapper();

  /** Work-order numbers no other test uses. */
  static String numbers() {
    return "HT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT) + "-";
  }

  Http as(String user) {
    return new Http(port).as(user, DEMO_PASSWORD);
  }

  static byte[] csv(String... rows) {
    return (HEADER + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  long stored(String prefix) {
    return jdbc.sql("select count(*) from shudi_intake_request where jurisdiction = 'zhangqiu' "
        + "and source = 'hotline' and external_id like :prefix").param("prefix", prefix + "%").query(Long.class)
        .single();
  }

  long intakeInstances() {
    return runtime.createProcessInstanceQuery().processDefinitionKey(IntakeProcess.KEY).count();
  }

  @Test
  void aGoodFileIsReceivedWhole() throws IOException {
    String n = numbers();

    Http.Response response = as("zhangqiu_dispatcher").postFile(IMPORTS, "file", "热线工单.csv",
        csv(n + "1,民生诉求,明水街道百脉泉路一家饭店后厨脏乱，餐具不消毒,明水街道,明水街道第3网格,36.7121,117.5412,张先生,13800000000",
            n + "2,,双山街道某小区门口有人占道经营，堵塞交通,shuangshan,,,,,",
            n + "3,livelihood,明水街道绣源河边路灯连续一周不亮,mingshui,,,,王女士,"));

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("imported").asInt()).isEqualTo(3);
    assertThat(body.get("requests")).hasSize(3);
    assertThat(stored(n)).isEqualTo(3);
    List<String> ids = jdbc.sql("select id from shudi_intake_request where external_id like :prefix order by "
        + "external_id").param("prefix", n + "%").query(String.class).list();
    assertThat(ids).containsExactlyInAnyOrder(body.get("requests").get(0).asText(),
        body.get("requests").get(1).asText(), body.get("requests").get(2).asText());
    assertThat(jdbc.sql("select received_by from shudi_intake_request where external_id = :id")
        .param("id", n + "1").query(String.class).single()).isEqualTo("zhangqiu_dispatcher");
  }

  @Test
  void aFileWithOneBadRowIsRefusedWithItsRowAndNothingIsStored() {
    String n = numbers();
    long instances = intakeInstances();

    Http.Response response = as("zhangqiu_dispatcher").postFile(IMPORTS, "file", "热线工单.csv",
        csv(n + "1,,明水街道百脉泉路一家饭店后厨脏乱,明水街道,,,,,", n + "2,,双山街道某小区门口有人占道经营,双山街道,,,,,",
            n + "3,,城关镇某路段路面塌陷,chengguan,,,,,"));

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain")
        .contains("UTF-8");
    assertThat(response.body().lines().toList()).singleElement().asString().startsWith("第 4 行 第 4 列（镇街）：")
        .contains("郧西县");
    assertThat(stored(n)).as("no request of the file").isZero();
    assertThat(intakeInstances()).as("no intake process started").isEqualTo(instances);
  }

  @Test
  void aWorkOrderReceivedBeforeIsRefusedWhenImportedAgain() {
    String n = numbers();
    byte[] file = csv(n + "1,,明水街道某饭店油烟扰民,明水街道,,,,,");
    assertThat(as("zhangqiu_dispatcher").postFile(IMPORTS, "file", "a.csv", file).status()).isEqualTo(201);

    Http.Response again = as("zhangqiu_dispatcher").postFile(IMPORTS, "file", "a.csv", file);

    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body()).startsWith("第 2 行 第 1 列（工单编号）：").contains("已经受理过");
    assertThat(stored(n)).isOne();
  }

  @Test
  void anXlsxFileIsImported() throws IOException {
    String n = numbers();
    byte[] file;
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("热线工单");
      String[][] rows = {HEADER.split(","), {n + "1", "执法诉求", "明水街道河道有人夜间非法采砂", "明水街道", "", "", "", "", ""},
          {n + "2", "民生诉求", "双山街道菜市场周边垃圾堆积无人清运", "shuangshan", "", "", "", "", ""}};
      for (int r = 0; r < rows.length; r++) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < rows[r].length; c++) {
          row.createCell(c).setCellValue(rows[r][c]);
        }
      }
      sheet.getRow(1).createCell(5).setCellValue(36.7121);
      sheet.getRow(1).createCell(6).setCellValue(117.5412);
      workbook.write(out);
      file = out.toByteArray();
    }

    Http.Response response = as("zhangqiu_dispatcher").postFile(IMPORTS, "file", "热线工单.xlsx", file);

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(stored(n)).isEqualTo(2);
    assertThat(jdbc.sql("select latitude from shudi_intake_request where external_id = :id").param("id", n + "1")
        .query(Double.class).single()).isEqualTo(36.7121);
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void aLargerFileLogsItsProgressEveryHundredRows(CapturedOutput output) {
    String n = numbers();
    String[] rows = new String[HotlineImportController.PROGRESS_EVERY + 1];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = n + i + ",,明水街道第" + i + "号楼前路灯不亮,明水街道,,,,,";
    }

    Http.Response response = as("zhangqiu_dispatcher").postFile(IMPORTS, "file", "a.csv", csv(rows));

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(stored(n)).isEqualTo(rows.length);
    assertThat(output.getOut()).contains("热线工单导入：100/101").doesNotContain("热线工单导入：101/101");
  }

  @Test
  void anAdministratorMayImport() {
    String n = numbers();

    Http.Response response = new Http(port).as("admin", ADMIN_PASSWORD).postFile(IMPORTS, "file", "a.csv",
        csv(n + "1,,明水街道某小区电梯故障困人,明水街道,,,,,"));

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(stored(n)).isOne();
  }

  @Test
  void aFileThatIsNeitherCsvNorXlsxIsRefused() {
    Http.Response response = as("zhangqiu_dispatcher").postFile(IMPORTS, "file", "工单.docx",
        "不是工单".getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("「工单.docx」不是 CSV 或 Excel（.xlsx）文件");
  }

  @Test
  void aFileOverTheUploadLimitIsRefused() {
    byte[] file = new byte[3 * 1024 * 1024];
    java.util.Arrays.fill(file, (byte) 'x');

    Http.Response response = as("zhangqiu_dispatcher").postFile(IMPORTS, "file", "a.csv", file);

    assertThat(response.status()).as(response.toString()).isEqualTo(413);
  }

  @Test
  void onlyTheCountysCommandCentreMayImport() {
    String n = numbers();
    byte[] file = csv(n + "1,,明水街道某饭店油烟扰民,明水街道,,,,,");

    for (String user : List.of("zhangqiu_mingshui_staff", "zhangqiu_market_staff", "yunxi_dispatcher")) {
      Http.Response response = as(user).postFile(IMPORTS, "file", "a.csv", file);
      assertThat(response.status()).as(user + ": " + response).isEqualTo(403);
      assertThat(response.body()).contains("指挥中心");
    }
    assertThat(new Http(port).postFile(IMPORTS, "file", "a.csv", file).status()).as("anonymous").isEqualTo(401);
    assertThat(stored(n)).isZero();
  }
}
