package cn.shudi.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.Catalogs;
import cn.shudi.support.Http;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.StaffUsers;

/** The list in force as the county prints it, downloaded over HTTP; reading only, the list stays as it is. */
@PlatformTest
class ListExportHttpTest {

  @LocalServerPort
  int port;
  @Autowired
  Catalogs catalogs;

  private HttpResponse<byte[]> download(String user, String jurisdiction) throws Exception {
    return HttpClient.newHttpClient().send(new Http(port).as(user, StaffUsers.DEMO_PASSWORD)
        .request("/api/governance/" + jurisdiction + "/catalog.xlsx").build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void theCountysAnalystDownloadsTheListInForceInTheOfficialLayout() throws Exception {
    HttpResponse<byte[]> response = download("zhangqiu_analyst", "zhangqiu");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    Catalog inForce = catalogs.of("zhangqiu");
    try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(response.body()))) {
      Sheet sheet = workbook.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo(inForce.title());
      List<String> header = new ArrayList<>();
      sheet.getRow(2).forEach(c -> header.add(c.getStringCellValue()));
      assertThat(header).containsExactly("序号", "领域", "事项名称", "主体责任单位", "主体责任", "配合责任单位", "配合责任",
          "法律法规及文件依据", "办结时限", "呼叫响应时限");
      List<String> names = new ArrayList<>();
      for (int r = 3; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        names.add(row.getCell(2).getStringCellValue());
      }
      assertThat(names).containsExactlyElementsOf(inForce.items().stream().map(i -> i.name()).toList());
    }
  }

  @Test
  void staffAndOtherCountiesGetNothing() throws Exception {
    assertThat(download("zhangqiu_market_staff", "zhangqiu").statusCode()).isEqualTo(403);
    assertThat(download("yunxi_analyst", "zhangqiu").statusCode()).isEqualTo(403);
  }
}
