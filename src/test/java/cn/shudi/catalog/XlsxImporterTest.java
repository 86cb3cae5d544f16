package cn.shudi.catalog;

import static cn.shudi.catalog.TestData.zhangqiu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.shudi.datafile.DataProblem;
import cn.shudi.datafile.InvalidDataException;

class XlsxImporterTest {

  private static final String TITLE = "济南市章丘区县乡“属地管理”事项主体责任和配合责任清单";
  private static final String SHEET = "official.xlsx 工作表「清单」";

  @TempDir
  Path folder;

  /**
   * The official layout: columns in their own order, a wrapped header, the full 依据 header, a
   * column of the county's own (备注), no 编码 / 镇街主体 / 来源, 领域 merged over two rows,
   * 乡镇（街道） for the township.
   */
  private static OfficialWorkbook official() {
    return new OfficialWorkbook("序号", "领域", "事项名称", "主体责任\n单位", "主体责任", "配合责任单位", "配合责任",
        "法律法规及文件依据", "办结时限", "呼叫响应时限", "备注")
        .row(1, "市场监管", "食品生产经营企业日常安全监管", "区市场监管局",
            "排查隐患：按计划对企业开展监督检查（5个工作日）\n督促整改：对发现的问题下达整改通知并组织复查（15个工作日）",
            "乡镇（街道）、区公安分局",
            "【乡镇（街道）】排查隐患：组织协管员同步开展隐患排查（5个工作日）\n【区公安分局】协助查处：配合查处涉嫌犯罪的案件（10个工作日）",
            "《中华人民共和国食品安全法》第一百零九条", "30个工作日", "24小时", "重点")
        .row(2, null, "秸秆禁烧专项整治", "乡镇（街道）",
            "巡查发现：组织网格员巡查田间地头（24小时）\n制止火点：发现火点立即扑灭并上报（2小时）",
            "区生态环境分局", "【区生态环境分局】监测火点：通过卫星遥感监测火点并推送镇街（2小时）",
            "《中华人民共和国大气污染防治法》第七十七条", "30日", "2小时", null)
        .row(3, "应急管理", "烟花爆竹经营安全监管", "区应急局", "检查门店：检查零售点的许可和储存条件（10个工作日）",
            "", "", "《烟花爆竹安全管理条例》", "20个工作日", "2个工作日", null)
        .merge("领域", 0, 1);
  }

  /** What the import of {@link #official()} must give: the same as this hand-written CSV. */
  private static final String EXPECTED = """
      # 清单: 济南市章丘区县乡“属地管理”事项主体责任和配合责任清单
      # 版本: 2024.2
      # 生效日期: 2024-07-01
      编码,序号,领域,事项名称,镇街主体,主体责任单位,主体责任,配合责任单位,配合责任,依据,办结时限,呼叫响应时限,来源,案件模式
      ZQ001,1,市场监管,食品生产经营企业日常安全监管,否,区市场监管局,"排查隐患：按计划对企业开展监督检查（5个工作日）
      督促整改：对发现的问题下达整改通知并组织复查（15个工作日）",镇街、区公安分局,"【镇街】排查隐患：组织协管员同步开展隐患排查（5个工作日）
      【区公安分局】协助查处：配合查处涉嫌犯罪的案件（10个工作日）",《中华人民共和国食品安全法》第一百零九条,30个工作日,24小时,illustrative,
      ZQ002,2,市场监管,秸秆禁烧专项整治,是,镇街,"巡查发现：组织网格员巡查田间地头（24小时）
      制止火点：发现火点立即扑灭并上报（2小时）",区生态环境分局,【区生态环境分局】监测火点：通过卫星遥感监测火点并推送镇街（2小时）,《中华人民共和国大气污染防治法》第七十七条,30日,2小时,illustrative,
      ZQ003,3,应急管理,烟花爆竹经营安全监管,否,区应急局,检查门店：检查零售点的许可和储存条件（10个工作日）,,,《烟花爆竹安全管理条例》,20个工作日,2个工作日,illustrative,
      """;

  private XlsxImporter.Request request(Path xlsx, Path target) {
    return new XlsxImporter.Request(xlsx, zhangqiu(), "ZQ", TITLE, "2024.2", LocalDate.of(2024, 7, 1), target);
  }

  private Catalog importFile(Path xlsx, Path target) throws IOException {
    return new XlsxImporter(new CatalogLoader()).importFile(request(xlsx, target), rows -> { });
  }

  private List<DataProblem> failedImport(Path xlsx, Path target) {
    InvalidDataException e = catchThrowableOfType(InvalidDataException.class, () -> importFile(xlsx, target));
    assertThat(e).as("the import is refused").isNotNull();
    assertThat(e.getMessage()).startsWith("导入 official.xlsx 失败");
    return e.problems();
  }

  @Test
  void roundTrip() throws IOException {
    Path xlsx = official().write(folder.resolve("official.xlsx"));
    Path target = folder.resolve("zhangqiu/catalog.csv");

    Catalog imported = importFile(xlsx, target);

    Catalog expected = TestData.load(EXPECTED);
    assertThat(imported).isEqualTo(expected);
    assertThat(TestData.load(Files.readString(target))).as("the file written").isEqualTo(expected);
    assertThat(Files.readString(target)).isEqualTo(EXPECTED);
    assertThat(imported.item("ZQ002").orElseThrow().domain()).as("merged 领域").isEqualTo("市场监管");
  }

  @Test
  void optionalColumnsAreTakenWhenPresent() throws IOException {
    Path xlsx = new OfficialWorkbook("编码", "序号", "领域", "事项名称", "镇街主体", "主体责任单位", "主体责任",
        "配合责任单位", "配合责任", "依据", "办结时限", "呼叫响应时限", "来源")
        .row("ZQ054", 54, "应急管理", "烟花爆竹经营安全监管", "否", "区应急局",
            "检查门店：检查零售点的许可和储存条件（10个工作日）", "", "", "《烟花爆竹安全管理条例》", "P20D", "PT48H", "seed:000")
        .write(folder.resolve("official.xlsx"));

    Item item = importFile(xlsx, folder.resolve("catalog.csv")).items().get(0);

    assertThat(item.code()).isEqualTo("ZQ054");
    assertThat(item.number()).isEqualTo(54);
    assertThat(item.source()).isEqualTo("seed:000");
    assertThat(item.timeLimit().label()).isEqualTo("20日");
    assertThat(item.callResponseTime().label()).isEqualTo("48小时");
  }

  @Test
  void problemsNameSheetExcelRowAndColumn() throws IOException {
    Path xlsx = official()
        .row(4, "应急管理", "危险化学品经营安全监管", "区危化局", "检查企业：检查经营许可（10个工作日）", "", "", "", "20个工作日",
            "2个工作日", null)
        .write(folder.resolve("official.xlsx"));

    List<DataProblem> problems = failedImport(xlsx, folder.resolve("catalog.csv"));

    int row = OfficialWorkbook.excelRow(3);
    assertThat(problems).extracting(DataProblem::file, DataProblem::line, DataProblem::column).containsExactly(
        org.assertj.core.groups.Tuple.tuple(SHEET, (long) row, "主体责任单位（D列）"),
        org.assertj.core.groups.Tuple.tuple(SHEET, (long) row, "法律法规及文件依据（H列）"));
    assertThat(problems.get(0).message()).contains("单位「区危化局」不在章丘区的单位表");
    assertThat(problems.get(0).toString()).startsWith(SHEET + " 第" + row + "行 列「主体责任单位（D列）」");
  }

  @Test
  void withoutTimeLimitColumnsAnItemGetsTheDefaultMarkedPending() throws IOException {
    Path xlsx = new OfficialWorkbook("序号", "领域", "事项名称", "主体责任单位", "主体责任", "配合责任单位", "配合责任", "依据")
        .row(1, "应急管理", "烟花爆竹经营安全监管", "区应急局", "检查门店：检查零售点的许可和储存条件（10个工作日）", "", "",
            "《烟花爆竹安全管理条例》")
        .write(folder.resolve("official.xlsx"));
    Path target = folder.resolve("catalog.csv");

    Item item = importFile(xlsx, target).items().get(0);

    assertThat(item.timeLimit().label()).isEqualTo(XlsxImporter.FALLBACK_TIME_LIMIT);
    assertThat(item.callResponseTime().label()).isEqualTo(XlsxImporter.FALLBACK_CALL_RESPONSE);
    assertThat(item.pendingLimits()).isEqualTo("办结时限 30个工作日（待定）、呼叫响应时限 24小时（待定）");
    assertThat(Files.readString(target)).contains(",30个工作日（待定）,24小时（待定）,");
    assertThat(TestData.load(Files.readString(target)).items().get(0)).as("the mark survives a reload").isEqualTo(item);
  }

  @Test
  void missingRequiredColumnsAreNamed() throws IOException {
    Path xlsx = new OfficialWorkbook("序号", "领域", "事项名称", "主体责任单位", "主体责任", "办结时限", "呼叫响应时限")
        .row(1, "应急管理", "烟花爆竹经营安全监管", "区应急局", "检查门店：检查零售点的许可和储存条件（10个工作日）", "20个工作日",
            "2个工作日")
        .write(folder.resolve("official.xlsx"));

    DataProblem p = failedImport(xlsx, folder.resolve("catalog.csv")).get(0);

    assertThat(p.line()).isEqualTo(3);
    assertThat(p.message()).contains("缺少必需列「配合责任单位、配合责任、依据」");
  }

  @Test
  void aSheetWithoutTheHeaderIsRefused() throws IOException {
    Path xlsx = new OfficialWorkbook("编号", "名称").row(1, "x").write(folder.resolve("official.xlsx"));

    DataProblem p = failedImport(xlsx, folder.resolve("catalog.csv")).get(0);

    assertThat(p.message()).contains("找不到清单表头").contains("序号").contains("事项名称");
  }

  @Test
  void notAnExcelFile() throws IOException {
    Path xlsx = Files.writeString(folder.resolve("official.xlsx"), "编码,序号\n");

    DataProblem p = failedImport(xlsx, folder.resolve("catalog.csv")).get(0);

    assertThat(p.message()).contains("无法读取");
  }

  @Test
  void aFailedImportLeavesTheExistingFileUnchanged() throws IOException {
    Path target = folder.resolve("zhangqiu/catalog.csv");
    Files.createDirectories(target.getParent());
    byte[] before = TestData.valid().getBytes(StandardCharsets.UTF_8);
    Files.write(target, before);
    Path xlsx = official()
        .row(4, "应急管理", "危险化学品经营安全监管", "区危化局", "检查企业：检查经营许可（10个工作日）", "", "", "《条例》",
            "20个工作日", "2个工作日", null)
        .write(folder.resolve("official.xlsx"));

    failedImport(xlsx, target);

    assertThat(Files.readAllBytes(target)).isEqualTo(before);
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertThat(files).as("no temporary file left behind").containsExactly(target);
    }
  }

  @Test
  void aSuccessfulImportReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
    Path target = folder.resolve("zhangqiu/catalog.csv");
    Files.createDirectories(target.getParent());
    Files.writeString(target, "old");

    importFile(official().write(folder.resolve("official.xlsx")), target);

    assertThat(Files.readString(target)).isEqualTo(EXPECTED);
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void progressIsReportedEveryFiftyRows() throws IOException {
    OfficialWorkbook workbook = manyRows(120);
    List<Integer> progress = new ArrayList<>();

    Catalog catalog = new XlsxImporter(new CatalogLoader()).importFile(
        request(workbook.write(folder.resolve("official.xlsx")), folder.resolve("catalog.csv")), progress::add);

    assertThat(catalog.items()).hasSize(120);
    assertThat(progress).containsExactly(50, 100);
  }

  /** A valid sheet of {@code n} items, 领域 merged over blocks of ten. */
  static OfficialWorkbook manyRows(int n) {
    OfficialWorkbook workbook = new OfficialWorkbook("序号", "领域", "事项名称", "主体责任单位", "主体责任", "配合责任单位",
        "配合责任", "依据", "办结时限", "呼叫响应时限");
    for (int i = 1; i <= n; i++) {
      workbook.row(i, (i - 1) % 10 == 0 ? "领域" + ((i - 1) / 10 + 1) : null, "事项" + i, "区应急局",
          "检查门店：检查零售点的许可和储存条件（10个工作日）", "镇街", "【镇街】巡查上报：发现问题及时上报（24小时）",
          "《烟花爆竹安全管理条例》", "20个工作日", "2个工作日");
    }
    for (int start = 0; start < n; start += 10) {
      workbook.merge("领域", start, Math.min(start + 9, n - 1));
    }
    return workbook;
  }

  /**
   * The shipped Zhangqiu list, laid out as the county would send it (no 编码 / 镇街主体, 乡镇（街道）
   * for the township), imports back to the very same file.
   */
  @Test
  void theZhangqiuListSurvivesARoundTripThroughTheOfficialLayout() throws IOException {
    Path shipped = TestData.JURISDICTIONS.resolve("zhangqiu/catalog.csv");
    OfficialWorkbook workbook = new OfficialWorkbook("序号", "领域", "事项名称", "主体责任单位", "主体责任", "配合责任单位",
        "配合责任", "法律法规及文件依据", "办结时限", "呼叫响应时限", "来源", "案件模式");
    try (var reader = cn.shudi.datafile.CsvFiles.utf8(Files.newInputStream(shipped));
        var parser = cn.shudi.datafile.CsvFiles.parse(reader)) {
      for (var record : parser) {
        workbook.row(Integer.parseInt(record.get("序号")), record.get("领域"), record.get("事项名称"),
            township(record.get("主体责任单位")), record.get("主体责任"), township(record.get("配合责任单位")),
            record.get("配合责任").replace("【镇街】", "【乡镇（街道）】"), record.get("依据"), record.get("办结时限"),
            record.get("呼叫响应时限"), record.get("来源"), record.get("案件模式"));
      }
    }
    Path target = folder.resolve("catalog.csv");

    Catalog imported = new XlsxImporter(new CatalogLoader()).importFile(new XlsxImporter.Request(
        workbook.write(folder.resolve("official.xlsx")), zhangqiu(), "ZQ", TITLE, "2024.1", LocalDate.of(2024, 1, 1),
        target), rows -> { });

    assertThat(imported).isEqualTo(TestData.loadShipped("zhangqiu"));
    assertThat(Files.readString(target)).isEqualTo(Files.readString(shipped));
  }

  private static String township(String units) {
    return units.replace("镇街", "乡镇（街道）");
  }
}
