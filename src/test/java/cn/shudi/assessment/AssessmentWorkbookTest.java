package cn.shudi.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The ranking's workbook, read back with POI: one sheet per kind of unit, Chinese headers, the ranking's rows. */
class AssessmentWorkbookTest {

  static MonthlyRanking fixedMonth() {
    return new MonthlyRanking("id", "zhangqiu", "章丘区", YearMonth.of(2025, 6), RankingFormula.VERSION,
        LocalDateTime.of(2025, 7, 1, 2, 0), RankingFormula.rankDepartments(RankingFormulaTest.DEPARTMENTS),
        RankingFormula.rankTownships(RankingFormulaTest.TOWNSHIPS), null);
  }

  @Test
  void oneSheetPerKindWithChineseHeadersAndTheRankingInOrder() throws IOException {
    try (Workbook workbook = read(AssessmentWorkbook.write(fixedMonth()))) {
      assertThat(workbook.getNumberOfSheets()).isEqualTo(2);
      Sheet departments = workbook.getSheet("部门排名");
      Sheet townships = workbook.getSheet("镇街排名");
      assertThat(departments).isNotNull();
      assertThat(townships).isNotNull();

      assertThat(texts(departments.getRow(0))).containsExactly("名次", "单位", "单位编码", "得分", "按时办结率", "满意率",
          "按时响应率", "清单外被拒次数", "到期任务数", "按时办结数", "到期呼叫数", "按时受理数", "收到评价数", "结果",
          "诉求满意率", "诉求响应率", "诉求派单数", "诉求有效回访数");
      assertThat(texts(townships.getRow(0))).contains("呼叫评价得分率", "呼叫被评价数").doesNotContain("满意率");

      List<List<Object>> rows = rows(departments);
      assertThat(rows).hasSize(10);
      // formula 2026.3: the intake's figures follow 结果; the fixed month has no requests
      assertThat(rows.get(0)).containsExactly(1.0, "market", "market", 100.0, 1.0, 1.0, 1.0, 0.0, 2.0, 2.0, 1.0, 1.0,
          2.0, "表扬", "—", "—", 0.0, 0.0);
      assertThat(rows.get(2)).containsExactly(3.0, "ecology", "ecology", 77.86, 1.0, 0.6, "—", 1.0, 1.0, 1.0, 0.0,
          0.0, 1.0, "", "—", "—", 0.0, 0.0);
      assertThat(rows).extracting(r -> r.get(1)).containsExactly("market", "police", "ecology", "health",
          "agriculture", "fire", "urban", "housing", "water", "transport");
      assertThat(rows).extracting(r -> r.get(13)).containsExactly("表扬", "表扬", "", "", "约谈", "约谈", "约谈", "约谈",
          "", "");
      assertThat(rows.get(8)).startsWith("未参评", "water", "water", "—", "—", "—", "—");
      assertThat(rows.get(9).get(7)).as("refusals shown without a rank").isEqualTo(3.0);

      Cell rate = departments.getRow(1).getCell(4);
      assertThat(rate.getCellStyle().getDataFormatString()).isEqualTo("0.0%");
      assertThat(departments.getRow(1).getCell(3).getCellStyle().getDataFormatString()).isEqualTo("0.00");

      List<List<Object>> townshipRows = rows(townships);
      assertThat(townshipRows).extracting(r -> r.get(1), r -> r.get(13)).containsExactly(
          org.assertj.core.api.Assertions.tuple("mingshui", ""), org.assertj.core.api.Assertions.tuple("longshan", ""),
          org.assertj.core.api.Assertions.tuple("zaoyuan", "约谈"),
          org.assertj.core.api.Assertions.tuple("shuangshan", "约谈"),
          org.assertj.core.api.Assertions.tuple("bucun", ""));
      assertThat(townshipRows.get(1).get(5)).isEqualTo(2 / 3.0);
      assertThat(townshipRows.get(0).get(6)).as("townships have no response rate").isEqualTo("—");

      assertThat(footnotes(departments)).anySatisfy(t -> assertThat(t).contains("计分公式 2026.3")
          .contains("20×诉求满意率 + 10×诉求响应率").contains("intake-rates v1"))
          .anySatisfy(t -> assertThat(t).contains("章丘区 2025年6月部门评价排名"));
    }
  }

  @Test
  void theIntakeFiguresOfAUnitFollowTheOutcome() throws IOException {
    UnitMetrics housing = RankingFormulaTest.department("housing", 2, 1, 0, 0, 1, 1.0, 0).withRequests(4, 3, 2, 1.9);
    MonthlyRanking ranking = new MonthlyRanking("id", "zhangqiu", "章丘区", YearMonth.of(2026, 11),
        RankingFormula.VERSION, LocalDateTime.of(2026, 12, 1, 2, 0), RankingFormula.rankDepartments(List.of(housing)),
        List.of(), null);
    try (Workbook workbook = read(AssessmentWorkbook.write(ranking))) {
      Sheet departments = workbook.getSheet("部门排名");
      assertThat(rows(departments).get(0)).containsExactly(1.0, "housing", "housing", 76.5, 0.5, 1.0, "—", 0.0, 2.0,
          1.0, 0.0, 0.0, 1.0, "表扬", 0.95, 0.75, 4.0, 2.0);
      assertThat(departments.getRow(1).getCell(14).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
    }
  }

  @Test
  void aRankingOfAnEarlierFormulaStatesItsOwnFormula() throws IOException {
    MonthlyRanking earlier = new MonthlyRanking("id", "zhangqiu", "章丘区", YearMonth.of(2026, 10), "2026.2",
        LocalDateTime.of(2026, 11, 1, 2, 0), RankingFormula.rankDepartments(RankingFormulaTest.DEPARTMENTS),
        RankingFormula.rankTownships(RankingFormulaTest.TOWNSHIPS), null);
    try (Workbook workbook = read(AssessmentWorkbook.write(earlier))) {
      assertThat(footnotes(workbook.getSheet("部门排名"))).anySatisfy(t -> assertThat(t).contains("计分公式 2026.2")
          .contains("20×按时响应率）").doesNotContain("诉求"));
      assertThat(footnotes(workbook.getSheet("镇街排名"))).anySatisfy(t -> assertThat(t).contains("计分公式 2026.2")
          .doesNotContain("诉求"));
    }
  }

  static Workbook read(byte[] bytes) throws IOException {
    return new XSSFWorkbook(new ByteArrayInputStream(bytes));
  }

  static List<String> texts(Row row) {
    List<String> texts = new ArrayList<>();
    row.forEach(c -> texts.add(c.getStringCellValue()));
    return texts;
  }

  /** The table below the header: the rows until the first empty one; numbers as Double, text as String. */
  static List<List<Object>> rows(Sheet sheet) {
    List<List<Object>> rows = new ArrayList<>();
    for (int r = 1; sheet.getRow(r) != null; r++) {
      List<Object> values = new ArrayList<>();
      sheet.getRow(r).forEach(c -> values.add(c.getCellType() == CellType.NUMERIC ? c.getNumericCellValue()
          : c.getStringCellValue()));
      rows.add(values);
    }
    return rows;
  }

  static List<String> footnotes(Sheet sheet) {
    List<String> texts = new ArrayList<>();
    for (int r = rows(sheet).size() + 2; r <= sheet.getLastRowNum(); r++) {
      texts.add(sheet.getRow(r).getCell(0).getStringCellValue());
    }
    return texts;
  }
}
