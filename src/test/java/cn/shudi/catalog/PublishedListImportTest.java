package cn.shudi.catalog;

import static cn.shudi.catalog.TestData.zhangqiu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.shudi.datafile.DataProblem;
import cn.shudi.datafile.InvalidDataException;

/** Lists as counties publish them, imported as a full list or as an amendment of the list in force. */
class PublishedListImportTest {

  private static final String TITLE = "济南市章丘区县乡“属地管理”事项主体责任和配合责任清单";
  private static final List<String> TITLE_ROWS = List.of("附件2", "章丘区文化和旅游领域“属地管理”事项（拟新增）");
  /** The published columns under the county's own titles: 事项, 牵头单位, 配合单位; no 编码, no time limits. */
  private static final String[] HEADER = {"序号", "领域", "事项", "牵头单位", "主体责任", "配合单位", "配合责任",
      "法律法规及文件依据"};

  @TempDir
  Path folder;

  /** Zhangqiu's five proposed culture and tourism items, on two sheets, in prose, with the alias 区文化和旅游局. */
  private static PublishedWorkbook cultureItems() {
    PublishedWorkbook workbook = new PublishedWorkbook();
    workbook.sheet("文旅（一）", TITLE_ROWS, HEADER)
        .row(1, "文化旅游", "不可移动文物安全巡查", "区文化和旅游局",
            "1.负责组织开展文物安全巡查；2.督促文物使用单位整改安全隐患。", "镇（街道）、区公安分局",
            "镇（街道）：组织网格员开展日常巡查，发现险情及时上报；区公安分局：依法查处盗掘、破坏文物的违法犯罪行为。",
            "《中华人民共和国文物保护法》")
        .row(2, null, "营业性演出活动安全监管", null, "（1）审核营业性演出活动安全方案（2）对演出现场开展检查", "区公安分局",
            "对大型群众性活动实施安全许可。", "《营业性演出管理条例》")
        .row(3, null, "旅游景区节假日客流疏导", null, "制定客流疏导方案；发布客流预警信息", "镇街",
            "配合做好景区周边交通疏导和秩序维护", "《中华人民共和国旅游法》第七十九条")
        .merge("领域", 0, 2)
        .merge("牵头单位", 0, 2);
    workbook.sheet("文旅（二）", List.of("续表"), HEADER)
        .row(1, "文化旅游", "互联网上网服务营业场所违规接纳未成年人查处", "区文旅局", "检查网吧；查处违规接纳未成年人行为",
            "区公安分局、镇街", "【区公安分局】配合开展联合检查\n【镇街】发现线索及时报告", "《互联网上网服务营业场所管理条例》")
        .row(2, "文化旅游", "乡村非遗传承活动安全保障", "区文旅局", "指导活动主办方落实安全措施", "镇街",
            "组织网格员现场巡查", "《中华人民共和国非物质文化遗产法》");
    return workbook;
  }

  private XlsxImporter.Request request(Path xlsx, Catalog base, boolean merge, Map<String, String> renames) {
    return new XlsxImporter.Request(xlsx, zhangqiu(), "ZQ", TITLE, "2025.1", LocalDate.of(2025, 1, 1),
        folder.resolve("catalog.csv"), base, merge, renames, HeaderVariants.builtIn());
  }

  private static XlsxImporter importer() {
    return new XlsxImporter(new CatalogLoader());
  }

  @Test
  void anAmendmentAddsUnderTheNextFreeCodesUpdatesMatchesAndKeepsTheRest() throws IOException {
    Catalog base = TestData.loadShipped("zhangqiu");
    Path xlsx = cultureItems().write(folder.resolve("culture.xlsx"));

    XlsxImporter.Imported imported = importer().read(request(xlsx, base, true, Map.of()), rows -> { });

    Catalog list = imported.catalog();
    assertThat(list.items()).hasSize(81 + 4);
    assertThat(imported.matched()).containsExactly("ZQ079");
    assertThat(list.items().subList(81, 85)).extracting(Item::code, Item::number, Item::name).containsExactly(
        tuple("ZQ082", 82, "营业性演出活动安全监管"), tuple("ZQ083", 83, "旅游景区节假日客流疏导"),
        tuple("ZQ084", 84, "互联网上网服务营业场所违规接纳未成年人查处"), tuple("ZQ085", 85, "乡村非遗传承活动安全保障"));
    Item relics = list.item("ZQ079").orElseThrow();
    assertThat(relics.number()).as("an amended item keeps its place").isEqualTo(79);
    assertThat(relics.source()).isEqualTo(base.item("ZQ079").orElseThrow().source());
    assertThat(relics.primary().party().name()).as("区文化和旅游局 is an alias of 区文旅局").isEqualTo("区文旅局");
    assertThat(relics.primary().steps()).extracting(Step::name, Step::description).containsExactly(
        tuple("组织开展文物安全巡查", "负责组织开展文物安全巡查"), tuple("督促文物使用单位整改", "督促文物使用单位整改安全隐患"));
    assertThat(relics.cooperating()).extracting(r -> r.party().name(), r -> r.steps().size())
        .as("镇（街道） is the township; each unit's prose goes to the unit named before it")
        .containsExactly(tuple("镇街", 1), tuple("区公安分局", 1));
    assertThat(relics.cooperating().get(0).steps().get(0).description()).isEqualTo("组织网格员开展日常巡查，发现险情及时上报");
    assertThat(list.item("ZQ082").orElseThrow().primary().steps()).hasSize(2);
    assertThat(list.item("ZQ083").orElseThrow().primary().party().name()).as("merged 牵头单位").isEqualTo("区文旅局");
    assertThat(list.item("ZQ083").orElseThrow().domain()).as("merged 领域").isEqualTo("文化旅游");
    for (Item kept : base.items()) {
      if (!kept.code().equals("ZQ079")) {
        assertThat(list.item(kept.code())).as(kept.code() + " kept as it was").contains(kept);
      }
    }
    assertThat(imported.similar()).extracting(XlsxImporter.Similar::name, XlsxImporter.Similar::code).containsExactly(
        tuple("营业性演出活动安全监管", "ZQ081"), tuple("互联网上网服务营业场所违规接纳未成年人查处", "ZQ077"));
    assertThat(imported.similar().get(0).where()).isEqualTo("culture.xlsx 工作表「文旅（一）」 第5行");
    assertThat(imported.pending()).extracting(Item::code).containsExactly("ZQ082", "ZQ083", "ZQ084", "ZQ085");
    assertThat(relics.timeLimit()).as("a matched item keeps the limits the sheet leaves out")
        .isEqualTo(base.item("ZQ079").orElseThrow().timeLimit());
    assertThat(relics.callResponseTime()).isEqualTo(base.item("ZQ079").orElseThrow().callResponseTime());
    assertThat(relics.cooperating().get(0).steps().get(0).name()).as("named from its task verb").isEqualTo("开展日常巡查");
    Item added = list.item("ZQ085").orElseThrow();
    assertThat(added.timeLimitPending()).isTrue();
    assertThat(added.callResponsePending()).isTrue();
    assertThat(added.timeLimit().label()).as("the county's most common limit").isEqualTo("30个工作日");
    assertThat(new String(imported.csv(), StandardCharsets.UTF_8)).contains(",30个工作日（待定）,24小时（待定）,");
    assertThat(Files.exists(folder.resolve("catalog.csv"))).as("read writes nothing").isFalse();
  }

  @Test
  void aFullListKeepsTheCodesOfItemsMatchedByNameOrRecordedRenameAndTakesNoOtherItemsCode() throws IOException {
    Catalog base = TestData.load(TestData.valid()); // ZQ001 食品…, ZQ002 秸秆禁烧专项整治, ZQ003 烟花爆竹经营安全监管
    Path xlsx = new PublishedWorkbook().sheet("清单", TITLE_ROWS, HEADER)
        .row(1, "应急管理", "烟花爆竹经营安全监管", "区应急局", "检查零售点的许可和储存条件", "", "", "《烟花爆竹安全管理条例》")
        .row(2, "农业农村", "秸秆禁烧和综合利用", "镇街", "组织网格员巡查田间地头；发现火点立即扑灭", "区生态环境分局",
            "通过卫星遥感监测火点", "《中华人民共和国大气污染防治法》第七十七条")
        .row(3, "文化旅游", "不可移动文物安全巡查", "区文旅局", "组织开展文物安全巡查", "", "", "《中华人民共和国文物保护法》")
        .done().write(folder.resolve("full.xlsx"));

    XlsxImporter.Imported imported = importer().read(request(xlsx, base, false, Map.of("秸秆禁烧专项整治", "秸秆禁烧和综合利用")),
        rows -> { });

    assertThat(imported.catalog().items()).extracting(Item::code, Item::name).containsExactly(
        tuple("ZQ003", "烟花爆竹经营安全监管"), tuple("ZQ002", "秸秆禁烧和综合利用"), tuple("ZQ004", "不可移动文物安全巡查"));
    assertThat(imported.catalog().item("ZQ002").orElseThrow().townshipPrimary()).isTrue();
    assertThat(imported.similar()).isEmpty();
  }

  @Test
  void everyProblemOfEverySheetIsReportedInOneRunAndNothingIsWritten() throws IOException {
    Path target = folder.resolve("catalog.csv");
    byte[] before = TestData.valid().getBytes(StandardCharsets.UTF_8);
    Files.write(target, before);
    PublishedWorkbook workbook = new PublishedWorkbook();
    PublishedWorkbook.SheetSpec first = workbook.sheet("清单", TITLE_ROWS, HEADER)
        .row(1, "应急管理", "烟花爆竹经营安全监管", "", "检查零售点的许可和储存条件", "", "", "《烟花爆竹安全管理条例》")
        .row(2, "应急管理", "烟花爆竹经营安全监管", "区应急局", "检查零售点", "", "", "《烟花爆竹安全管理条例》");
    PublishedWorkbook.SheetSpec second = workbook.sheet("续表", List.of("续表"), HEADER)
        .row(3, "应急管理", "危险化学品经营安全监管", "区危化局", "检查企业的经营许可", "", "", "");
    workbook.sheet("说明", List.of(), "填表说明").row("本表由区委编办汇总");
    Path xlsx = workbook.write(folder.resolve("several.xlsx"));

    InvalidDataException e = catchThrowableOfType(InvalidDataException.class,
        () -> importer().importFile(request(xlsx, TestData.load(TestData.valid()), false, Map.of()), rows -> { }));

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).startsWith("导入 several.xlsx 失败（共 4 处错误，未写入任何内容）");
    assertThat(e.problems()).extracting(DataProblem::file, DataProblem::line, DataProblem::column).containsExactly(
        tuple("several.xlsx 工作表「清单」", (long) first.excelRow(0), "牵头单位（D列）"),
        tuple("several.xlsx 工作表「清单」", (long) first.excelRow(1), "事项（C列）"),
        tuple("several.xlsx 工作表「续表」", (long) second.excelRow(0), "牵头单位（D列）"),
        tuple("several.xlsx 工作表「续表」", (long) second.excelRow(0), "法律法规及文件依据（H列）"));
    assertThat(e.problems().get(0).message()).startsWith("缺少主体责任单位");
    assertThat(e.problems().get(1).message()).contains("事项名称「烟花爆竹经营安全监管」重复（第4行已有）");
    assertThat(e.problems().get(2).message()).contains("单位「区危化局」不在章丘区的单位表").contains("应为其中单位的简称");
    assertThat(e.problems().get(0).toString()).startsWith("several.xlsx 工作表「清单」 第4行 列「牵头单位（D列）」：");
    assertThat(Files.readAllBytes(target)).as("nothing written").isEqualTo(before);
  }

  @Test
  void theExportIsTheOfficialLayoutAndImportsBackAsTheSameList() throws IOException {
    Catalog shipped = TestData.loadShipped("zhangqiu");
    Path xlsx = folder.resolve("章丘区清单.xlsx");

    XlsxExporter.write(shipped, xlsx);

    try (var workbook = org.apache.poi.ss.usermodel.WorkbookFactory.create(xlsx.toFile())) {
      var sheet = workbook.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo(shipped.title());
      List<String> header = new java.util.ArrayList<>();
      sheet.getRow(2).forEach(c -> header.add(c.getStringCellValue()));
      assertThat(header).containsExactly("序号", "领域", "事项名称", "主体责任单位", "主体责任", "配合责任单位", "配合责任",
          "法律法规及文件依据", "办结时限", "呼叫响应时限");
      assertThat(sheet.getMergedRegions()).as("领域 merged over each domain's rows")
          .anyMatch(r -> r.getFirstColumn() == 1 && r.getFirstRow() == 3 && r.getLastRow() > 3);
    }
    XlsxImporter.Imported back = importer().read(new XlsxImporter.Request(xlsx, zhangqiu(), "ZQ", shipped.title(),
        shipped.version(), shipped.effectiveDate(), folder.resolve("catalog.csv"), shipped, false, Map.of(),
        HeaderVariants.builtIn()), rows -> { });

    assertThat(back.catalog()).isEqualTo(shipped);
    assertThat(back.pending()).isEmpty();
  }

  @Test
  void countiesAddTheirOwnColumnTitles() throws IOException {
    Files.writeString(folder.resolve(HeaderVariants.FILE), "列,写法\n事项名称,属地事项名称\n");
    HeaderVariants headers = HeaderVariants.load(folder);

    assertThat(headers.column("属地事项\n名称")).isEqualTo("事项名称");
    assertThat(headers.column("牵头单位")).isEqualTo("主体责任单位");

    Files.writeString(folder.resolve(HeaderVariants.FILE), "列,写法\n事项,牵头单位\n主体责任单位,事项\n");
    InvalidDataException e = catchThrowableOfType(InvalidDataException.class, () -> HeaderVariants.load(folder));
    assertThat(e.problems()).extracting(DataProblem::line, DataProblem::column).containsExactly(tuple(2L, "列"),
        tuple(3L, "写法"));
    assertThat(e.problems().get(1).message()).isEqualTo("写法「事项」已指列「事项名称」：一个写法只能指一列");
  }

  @Test
  void nearDuplicateNamesAreAlikeAndDifferentItemsAreNot() {
    assertThat(NameSimilarity.of("营业性演出活动安全监管", "营业性演出活动监管")).isGreaterThan(0.75);
    assertThat(NameSimilarity.of("互联网上网服务营业场所违规接纳未成年人查处", "互联网上网服务营业场所经营监管"))
        .isGreaterThanOrEqualTo(NameSimilarity.NEAR).isLessThan(0.6);
    assertThat(NameSimilarity.of("秸秆禁烧专项整治", "食品生产经营企业日常安全监管")).isLessThan(0.1);
    assertThat(NameSimilarity.of("同名", "同名")).isEqualTo(1.0);
  }
}
