package cn.shudi.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The hotline file's rules, one test each: what the file itself shows, located by row and column, and the desk's
 * refusal of a row with its row. The desk is a stand-in here ({@link #DESK}: refuses 郧西县's township as the real one
 * does); the HTTP test runs the real one.
 */
class HotlineFileTest {

  static final String HEADER = "工单编号,诉求类型,诉求内容,镇街,网格,纬度,经度,联系人,联系电话";
  static final String ROW_1 = "RX001,民生诉求,明水街道百脉泉路饭店后厨脏乱,明水街道,明水街道第3网格,36.7121,117.5412,张先生,13800000000";
  static final String ROW_2 = "RX002,,双山街道某小区门口占道经营,shuangshan,,,,,";
  /** Refuses a township of 郧西县 as {@link IntakeDesk#check} does. */
  static final Consumer<IntakeDesk.NewRequest> DESK = request -> {
    if (request.township().equals("chengguan")) {
      throw new IntakeRefusal("「chengguan」是郧西县的镇街，不是章丘区的：请向郧西县提交");
    }
  };

  static byte[] csv(String... lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  static List<HotlineFile.Row> read(String name, byte[] content) {
    return HotlineFile.read(name, content, DESK);
  }

  /** The problems of a refused file, one a line. */
  static List<String> problems(String name, byte[] content) {
    try {
      read(name, content);
    } catch (HotlineFile.RefusedFile refused) {
      assertThat(refused.getMessage()).contains("未导入任何工单");
      return List.of(refused.lines().split("\n"));
    }
    throw new AssertionError("the file was not refused");
  }

  static byte[] xlsx(List<List<Object>> rows) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("工单");
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < rows.get(r).size(); c++) {
          Object value = rows.get(r).get(c);
          if (value instanceof Number n) {
            row.createCell(c).setCellValue(n.doubleValue());
          } else if (value != null) {
            row.createCell(c).setCellValue(value.toString());
          }
        }
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }

  @Test
  void aGoodCsvGivesOneHotlineRequestARowWithItsLine() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = csv(HEADER, ROW_1, "", ROW_2);
    byte[] file = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, file, 0, bom.length);
    System.arraycopy(body, 0, file, bom.length, body.length);

    List<HotlineFile.Row> rows = read("工单.csv", file);

    assertThat(rows).extracting(HotlineFile.Row::line).containsExactly(2L, 4L);
    IntakeDesk.NewRequest first = rows.get(0).request();
    assertThat(first).isEqualTo(new IntakeDesk.NewRequest("民生诉求", "hotline", "RX001", "明水街道百脉泉路饭店后厨脏乱",
        "明水街道", "明水街道第3网格", "36.7121", "117.5412", "张先生", "13800000000"));
    IntakeDesk.NewRequest second = rows.get(1).request();
    assertThat(second.kind()).as("no kind: 民生诉求").isEqualTo("livelihood");
    assertThat(second.source()).isEqualTo("hotline");
    assertThat(second.grid()).isNull();
    assertThat(second.latitude()).isNull();
  }

  @Test
  void onlyTheRequiredColumnsInAnyOrderAreEnough() {
    List<HotlineFile.Row> rows = read("a.csv", csv("镇街,诉求内容,工单编号", "明水街道,路灯不亮,RX010"));

    assertThat(rows).singleElement().satisfies(r -> {
      assertThat(r.request().externalId()).isEqualTo("RX010");
      assertThat(r.request().text()).isEqualTo("路灯不亮");
      assertThat(r.request().township()).isEqualTo("明水街道");
    });
  }

  @Test
  void aTextOverSeveralLinesKeepsTheLineNumbersOfTheRowsAfterIt() {
    List<String> problems = problems("a.csv", csv(HEADER, "RX001,,\"第一行\n第二行\",明水街道,,,,,", "RX002,,,明水街道,,,,,"));

    assertThat(problems).containsExactly("第 4 行 第 3 列（诉求内容）：诉求内容为空：每件工单都须填写诉求内容");
  }

  @Test
  void anXlsxIsReadFromItsFirstSheetWithNumbersInFull() throws IOException {
    byte[] file = xlsx(List.of(List.of((Object[]) HEADER.split(",")),
        List.of(2026120600001L, "执法诉求", "明水街道河道有人非法采砂", "mingshui", "明水街道第1网格", 36.7121, 117.5412, "李女士",
            13800000000L)));

    List<HotlineFile.Row> rows = read("工单.xlsx", file);

    assertThat(rows).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(2);
      assertThat(r.request()).isEqualTo(new IntakeDesk.NewRequest("执法诉求", "hotline", "2026120600001",
          "明水街道河道有人非法采砂", "mingshui", "明水街道第1网格", "36.7121", "117.5412", "李女士", "13800000000"));
    });
  }

  @Test
  void anXlsxProblemNamesTheExcelRowAndColumn() throws IOException {
    List<Object> blankRow = new ArrayList<>();
    byte[] file = xlsx(List.of(List.of((Object[]) HEADER.split(",")), blankRow,
        List.of("RX001", "民生诉求", "路灯不亮", "明水街道", "", "北纬36度", 117.5)));

    assertThat(problems("工单.xlsx", file))
        .containsExactly("第 3 行 第 6 列（纬度）：纬度「北纬36度」不是数字：请填写如 36.7121 的十进制度数");
  }

  @Test
  void aMissingRequiredColumnIsNamedInTheHeaderRow() {
    assertThat(problems("a.csv", csv("工单编号,诉求内容", "RX001,路灯不亮")))
        .singleElement().asString().startsWith("第 1 行：缺少必需列「镇街」");
  }

  @Test
  void anUnknownColumnIsRefusedWithItsPosition() {
    assertThat(problems("a.csv", csv(HEADER + ",备注", ROW_1 + ",急")))
        .singleElement().asString().startsWith("第 1 行 第 10 列（备注）：不认识的列「备注」");
  }

  @Test
  void aColumnTwiceIsRefused() {
    assertThat(problems("a.csv", csv("工单编号,诉求内容,镇街,镇街", "RX001,路灯不亮,明水街道,明水街道")))
        .singleElement().asString().startsWith("第 1 行 第 4 列（镇街）：列「镇街」与第 3 列重复");
  }

  @Test
  void aColumnWithoutTitleButWithContentIsRefused() {
    assertThat(problems("a.csv", csv("工单编号,诉求内容,镇街,", "RX001,路灯不亮,明水街道,急")))
        .singleElement().asString().startsWith("第 1 行 第 4 列：列名为空，但本列有内容");
  }

  @Test
  void aCellBeyondTheHeaderIsRefused() {
    assertThat(problems("a.csv", csv("工单编号,诉求内容,镇街", "RX001,路灯不亮,明水街道,急,,")))
        .singleElement().asString().startsWith("第 2 行 第 4 列：本列有内容，表头却只有 3 列");
  }

  @Test
  void anEmptyRequiredCellIsNamedWithRowAndColumn() {
    assertThat(problems("a.csv", csv(HEADER, ROW_1, ",,路灯不亮,,,,,,")))
        .containsExactly("第 3 行 第 1 列（工单编号）：工单编号为空：每件工单都须填写工单编号",
            "第 3 行 第 4 列（镇街）：镇街为空：每件工单都须填写镇街");
  }

  @Test
  void aWorkOrderTwiceInTheFileIsRefusedAtItsSecondRow() {
    assertThat(problems("a.csv", csv(HEADER, ROW_1, ROW_2, ROW_1.replace("饭店", "餐馆"))))
        .containsExactly("第 4 行 第 1 列（工单编号）：工单编号「RX001」与第 2 行重复：同一工单只能导入一次");
  }

  @Test
  void aCoordinateThatIsNoNumberIsRefused() {
    assertThat(problems("a.csv", csv(HEADER, ROW_1.replace("117.5412", "117度"))))
        .containsExactly("第 2 行 第 7 列（经度）：经度「117度」不是数字：请填写如 117.5412 的十进制度数");
  }

  @Test
  void anUnknownKindIsRefused() {
    assertThat(problems("a.csv", csv(HEADER, ROW_1.replace("民生诉求", "投诉"))))
        .singleElement().asString().startsWith("第 2 行 第 2 列（诉求类型）：诉求类型「投诉」不认识：应为 ");
  }

  @Test
  void whatTheDeskRefusesIsReportedWithTheRowAndTheColumnItConcerns() {
    List<String> problems = problems("a.csv", csv(HEADER, ROW_1, ROW_2, "RX003,,城关镇路面塌陷,chengguan,,,,,"));

    assertThat(problems).containsExactly("第 4 行 第 4 列（镇街）：「chengguan」是郧西县的镇街，不是章丘区的：请向郧西县提交");
  }

  @Test
  void aDeskRefusalNamingAColumnIsPutAtThatColumn() {
    Consumer<IntakeDesk.NewRequest> desk = r -> {
      throw new IntakeRefusal("联系电话「" + r.contactPhone() + "」不是电话号码");
    };

    assertThatThrownBy(() -> HotlineFile.read("a.csv", csv(HEADER, ROW_1), desk))
        .isInstanceOfSatisfying(HotlineFile.RefusedFile.class, e -> assertThat(e.lines())
            .isEqualTo("第 2 行 第 9 列（联系电话）：联系电话「13800000000」不是电话号码"));
  }

  @Test
  void everyProblemOfEveryRowIsListedInFileOrder() {
    List<String> problems = problems("a.csv", csv(HEADER, ",,路灯不亮,明水街道,,,,,", ROW_1, ROW_1,
        "RX003,,城关镇路面塌陷,chengguan,,,,,", "RX004,,井盖缺失,明水街道,,abc,,,"));

    assertThat(problems).hasSize(4);
    assertThat(problems.get(0)).startsWith("第 2 行 第 1 列（工单编号）");
    assertThat(problems.get(1)).startsWith("第 4 行 第 1 列（工单编号）");
    assertThat(problems.get(2)).startsWith("第 5 行 第 4 列（镇街）");
    assertThat(problems.get(3)).startsWith("第 6 行 第 6 列（纬度）");
  }

  @Test
  void aRowTheFileFindsAtFaultIsNotCheckedByTheDesk() {
    List<IntakeDesk.NewRequest> checked = new ArrayList<>();

    assertThatThrownBy(() -> HotlineFile.read("a.csv", csv(HEADER, ROW_1, ROW_1), checked::add))
        .isInstanceOf(HotlineFile.RefusedFile.class);
    assertThat(checked).hasSize(1);
  }

  @Test
  void moreThanTheCapOfRowsIsRefusedWithTheRowToSplitAt() {
    List<String> lines = new ArrayList<>(List.of(HEADER));
    for (int i = 1; i <= HotlineFile.MAX_ROWS + 1; i++) {
      lines.add("RX" + i + ",,路灯不亮,明水街道,,,,,");
    }

    assertThat(problems("a.csv", csv(lines.toArray(String[]::new)))).singleElement().asString()
        .isEqualTo("文件有 2001 件工单，超过每个文件 2000 件的上限：请分成几个文件导入（第 2002 行起放入下一个文件）");
  }

  @Test
  void theCapItselfIsAccepted() {
    List<String> lines = new ArrayList<>(List.of(HEADER));
    for (int i = 1; i <= HotlineFile.MAX_ROWS; i++) {
      lines.add("RX" + i + ",,路灯不亮,明水街道,,,,,");
    }

    assertThat(read("a.csv", csv(lines.toArray(String[]::new)))).hasSize(HotlineFile.MAX_ROWS);
  }

  @Test
  void aCsvNotInUtf8IsRefused() {
    byte[] gbk = (HEADER + "\n" + ROW_1 + "\n").getBytes(Charset.forName("GBK"));

    assertThat(problems("a.csv", gbk)).singleElement().asString().startsWith("文件不是 UTF-8 编码");
  }

  @Test
  void anUnclosedQuoteIsRefusedAtItsRow() {
    assertThat(problems("a.csv", csv(HEADER, ROW_1, "RX002,,\"路灯不亮,明水街道,,,,,")))
        .singleElement().asString().startsWith("第 3 行：CSV 格式错误");
  }

  @Test
  void aFileThatIsNeitherCsvNorXlsxIsRefused() {
    assertThat(problems("工单.pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII))).singleElement().asString()
        .startsWith("「工单.pdf」不是 CSV 或 Excel（.xlsx）文件");
    assertThat(problems("工单.xls", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0}))
        .singleElement().asString().startsWith("「工单.xls」不是 CSV 或 Excel（.xlsx）文件");
    assertThat(problems("工单.xlsx", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0}))
        .singleElement().asString().startsWith("「工单.xlsx」是旧版 Excel（.xls）或加密的工作簿");
    assertThat(problems("工单.xlsx", csv(HEADER, ROW_1))).singleElement().asString()
        .startsWith("「工单.xlsx」不是 Excel 工作簿");
    assertThat(problems("工单.csv", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0})).singleElement().asString()
        .startsWith("「工单.csv」不是文本文件");
    assertThat(problems("工单.xlsx", new byte[] {'P', 'K', 3, 4, 0, 0})).singleElement().asString()
        .startsWith("不是可读的 Excel 工作簿");
  }

  @Test
  void anEmptyFileOrOneWithoutRowsIsRefused() {
    assertThat(problems("a.csv", new byte[0])).singleElement().asString().isEqualTo("「a.csv」是空的");
    assertThat(problems("a.csv", csv("", ""))).singleElement().asString().startsWith("文件没有内容");
    assertThat(problems("a.csv", csv(HEADER))).singleElement().asString().startsWith("文件只有表头，没有工单");
  }
}
