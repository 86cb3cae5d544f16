package cn.shudi.assessment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.shudi.intake.IntakeRates;
import cn.shudi.organization.UnitType;

/**
 * The monthly ranking as an Excel workbook: one sheet per kind of unit ({@value #DEPARTMENT_SHEET},
 * {@value #TOWNSHIP_SHEET}), a header row in Chinese, one row per unit in ranking order, then two lines on
 * the month and the formula. Rates are percentages, an unknown figure is {@value #NONE}.
 */
final class AssessmentWorkbook {

  public static final String DEPARTMENT_SHEET = "部门排名";
  public static final String TOWNSHIP_SHEET = "镇街排名";
  public static final String NONE = "—";
  public static final String NOT_RANKED = "未参评";
  /** Formula versions before the intake's rates entered the ranking. */
  private static final List<String> BEFORE_REQUESTS = List.of("2026.1", "2026.2");

  /**
   * The header of a sheet; the satisfaction column is named after what rates the unit. The intake's figures
   * (formula 2026.3) follow 结果, so the columns of earlier workbooks keep their places.
   */
  public static List<String> header(UnitType kind) {
    return List.of("名次", "单位", "单位编码", "得分", "按时办结率",
        kind == UnitType.DEPARTMENT ? "满意率" : "呼叫评价得分率", "按时响应率", "清单外被拒次数",
        "到期任务数", "按时办结数", "到期呼叫数", "按时受理数", kind == UnitType.DEPARTMENT ? "收到评价数" : "呼叫被评价数",
        "结果", "诉求满意率", "诉求响应率", "诉求派单数", "诉求有效回访数");
  }

  private AssessmentWorkbook() {
  }

  public static byte[] write(MonthlyRanking ranking) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Styles styles = new Styles(workbook);
      sheet(workbook.createSheet(DEPARTMENT_SHEET), UnitType.DEPARTMENT, ranking, styles);
      sheet(workbook.createSheet(TOWNSHIP_SHEET), UnitType.TOWNSHIP, ranking, styles);
      workbook.getProperties().getCoreProperties().setTitle(
          ranking.jurisdictionName() + " " + ranking.period() + " 评价排名（计分公式 " + ranking.formulaVersion() + "）");
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("评价排名表生成失败", e);
    }
  }

  private static void sheet(Sheet sheet, UnitType kind, MonthlyRanking ranking, Styles styles) {
    List<String> header = header(kind);
    Row head = sheet.createRow(0);
    for (int c = 0; c < header.size(); c++) {
      Cell cell = head.createCell(c);
      cell.setCellValue(header.get(c));
      cell.setCellStyle(styles.header);
      sheet.setColumnWidth(c, (c == 1 ? 24 : 13) * 256);
    }
    sheet.createFreezePane(0, 1);
    int r = 1;
    for (UnitResult unit : ranking.of(kind)) {
      UnitMetrics m = unit.metrics();
      Row row = sheet.createRow(r++);
      if (unit.ranked()) {
        row.createCell(0).setCellValue(unit.rank());
      } else {
        row.createCell(0).setCellValue(NOT_RANKED);
      }
      row.createCell(1).setCellValue(m.unitName());
      row.createCell(2).setCellValue(m.unitCode());
      if (unit.score() != null) {
        Cell score = row.createCell(3);
        score.setCellValue(unit.score().doubleValue());
        score.setCellStyle(styles.score);
      } else {
        row.createCell(3).setCellValue(NONE);
      }
      rate(row, 4, m.completionRate(), styles);
      rate(row, 5, m.satisfactionRate(), styles);
      rate(row, 6, kind == UnitType.DEPARTMENT ? m.responseRate() : null, styles);
      row.createCell(7).setCellValue(m.refusals());
      row.createCell(8).setCellValue(m.tasksDue());
      row.createCell(9).setCellValue(m.tasksOnTime());
      row.createCell(10).setCellValue(m.callsDue());
      row.createCell(11).setCellValue(m.callsOnTime());
      row.createCell(12).setCellValue(m.ratings());
      row.createCell(13).setCellValue(unit.outcome().label());
      rate(row, 14, m.requestSatisfactionRate(), styles);
      rate(row, 15, m.requestResponseRate(), styles);
      row.createCell(16).setCellValue(m.requestsDispatched());
      row.createCell(17).setCellValue(m.requestCallbacks());
    }
    r++;
    sheet.createRow(r++).createCell(0).setCellValue(ranking.jurisdictionName() + " " + ranking.period().getYear() + "年"
        + ranking.period().getMonthValue() + "月" + kind.shortLabel() + "评价排名，生成于 " + ranking.computedAt());
    sheet.createRow(r).createCell(0).setCellValue("计分公式 " + ranking.formulaVersion() + "：" + formula(kind,
        ranking.formulaVersion()) + "；无任何指标的单位不参评（详见 docs/ranking-formula.md）");
  }

  /** The formula in words, as the ranking's version had it: the intake's rates count from 2026.3 on. */
  static String formula(UnitType kind, String version) {
    boolean requests = !BEFORE_REQUESTS.contains(version);
    String terms = kind == UnitType.DEPARTMENT ? "40×按时办结率 + 30×满意率 + 20×按时响应率" : "40×按时办结率 + 30×呼叫评价得分率";
    String formula = "得分 = 100 ×（" + terms + (requests ? " + 20×诉求满意率 + 10×诉求响应率" : "") + "）÷ 已知指标权重之和"
        + " − 5 × 清单外被拒次数；" + (kind == UnitType.DEPARTMENT ? "前2名表扬，后3名约谈" : "后2名约谈");
    return requests ? formula + "；诉求满意率、诉求响应率：派给本单位的诉求，按 " + IntakeRates.FORMULA + "（docs/intake-rates.md）"
        : formula;
  }

  private static void rate(Row row, int column, Double rate, Styles styles) {
    Cell cell = row.createCell(column);
    if (rate == null) {
      cell.setCellValue(NONE);
    } else {
      cell.setCellValue(rate);
      cell.setCellStyle(styles.percent);
    }
  }

  private static final class Styles {
    final CellStyle header;
    final CellStyle percent;
    final CellStyle score;

    Styles(XSSFWorkbook workbook) {
      header = workbook.createCellStyle();
      Font bold = workbook.createFont();
      bold.setBold(true);
      header.setFont(bold);
      percent = workbook.createCellStyle();
      percent.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
      score = workbook.createCellStyle();
      score.setDataFormat(workbook.createDataFormat().getFormat("0.00"));
    }
  }
}
