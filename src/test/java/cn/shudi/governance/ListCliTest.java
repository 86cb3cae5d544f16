package cn.shudi.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.shudi.catalog.CatalogCli;

/**
 * The analysts' import with list versions, on a copy of the repository's jurisdictions: an amendment of Zhangqiu's
 * list prints governance's diff, stops at near-duplicates until confirmed, and needs a later 版本.
 */
class ListCliTest {

  private static final Path JURISDICTIONS = Path.of("jurisdictions");

  @TempDir
  Path folder;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void copyJurisdictions() throws IOException {
    Files.copy(JURISDICTIONS.resolve("jurisdictions.csv"), folder.resolve("jurisdictions.csv"));
    for (String code : List.of("zhangqiu", "yunxi")) {
      Files.createDirectories(folder.resolve(code));
      for (String file : List.of("units.csv", "catalog.csv")) {
        Files.copy(JURISDICTIONS.resolve(code).resolve(file), folder.resolve(code).resolve(file));
      }
    }
  }

  private int run(String... args) {
    return new CatalogCli(folder, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), ListCli.VERSIONS).run(args);
  }

  /** Three culture items as published: title row, 事项 / 牵头单位, prose duties, no time limits. */
  private Path amendment() throws IOException {
    Path file = folder.resolve("文旅新增.xlsx");
    String[] header = {"序号", "领域", "事项", "牵头单位", "主体责任", "配合单位", "配合责任", "依据"};
    String[][] rows = {
        {"1", "文化旅游", "不可移动文物安全巡查", "区文化和旅游局", "组织开展文物安全巡查；督促整改安全隐患", "镇（街道）",
            "组织网格员开展日常巡查", "《中华人民共和国文物保护法》"},
        {"2", "文化旅游", "营业性演出活动安全监管", "区文化和旅游局", "审核演出安全方案；检查演出现场", "区公安分局",
            "对大型群众性活动实施安全许可", "《营业性演出管理条例》"},
        {"3", "文化旅游", "乡村非遗传承活动安全保障", "区文旅局", "指导主办方落实安全措施", "镇街", "组织网格员现场巡查",
            "《中华人民共和国非物质文化遗产法》"}};
    try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream stream = Files.newOutputStream(file)) {
      Sheet sheet = workbook.createSheet("文旅");
      sheet.createRow(0).createCell(0).setCellValue("章丘区文化和旅游领域“属地管理”事项（拟新增）");
      for (int r = 0; r <= rows.length; r++) {
        Row row = sheet.createRow(r + 1);
        String[] cells = r == 0 ? header : rows[r - 1];
        for (int c = 0; c < cells.length; c++) {
          row.createCell(c).setCellValue(cells[c]);
        }
      }
      workbook.write(stream);
    }
    return file;
  }

  @Test
  void anAmendmentPrintsGovernancesDiffAndWaitsForNearDuplicatesToBeConfirmed() throws IOException {
    Path catalog = folder.resolve("zhangqiu/catalog.csv");
    byte[] before = Files.readAllBytes(catalog);
    Path xlsx = amendment();

    int refused = run("import", xlsx.toString(), "zhangqiu", "--merge", "--version", "2024.2", "--effective",
        "2025-01-01");

    assertThat(refused).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("清单版本对比（zhangqiu）：清单 （2024.1，2024-01-01 生效） → 清单 （2024.2，2025-01-01 生效）")
        .contains("新增事项 2 项：").contains("  + ZQ082 营业性演出活动安全监管").contains("  + ZQ083 乡村非遗传承活动安全保障")
        .contains("删除事项 0 项").contains("变更事项 1 项：").contains("  * ZQ079 不可移动文物安全巡查")
        .contains("「营业性演出活动安全监管」与现有事项 ZQ081「营业性演出活动监管」相似");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("未写入").contains("--confirm-similar")
        .contains("renames.csv");
    assertThat(Files.readAllBytes(catalog)).as("nothing written").isEqualTo(before);

    int confirmed = run("import", xlsx.toString(), "zhangqiu", "--merge", "--confirm-similar", "--version", "2024.2",
        "--effective", "2025-01-01");

    assertThat(confirmed).as(err.toString(StandardCharsets.UTF_8)).isZero();
    String written = Files.readString(catalog);
    assertThat(written).startsWith("# 清单: 济南市章丘区县乡“属地管理”事项主体责任和配合责任清单\n# 版本: 2024.2\n")
        .contains("\nZQ001,1,").contains("\nZQ083,83,文化旅游,乡村非遗传承活动安全保障,否,区文旅局,");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("已导入 83 项（修订，版本 2024.2）")
        .contains("时限待定的事项 2 项").contains("  ZQ083 乡村非遗传承活动安全保障：办结时限 30个工作日（待定）、呼叫响应时限 24小时（待定）");
  }

  @Test
  void aRecordedRenameKeepsTheItemsCode() throws IOException {
    Files.writeString(folder.resolve("zhangqiu/renames.csv"), "原名称,新名称\n营业性演出活动监管,营业性演出活动安全监管\n");

    assertThat(run("import", amendment().toString(), "zhangqiu", "--merge", "--version", "2024.2", "--effective",
        "2025-01-01")).as(err.toString(StandardCharsets.UTF_8)).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("新增事项 1 项").contains("  * ZQ081 营业性演出活动安全监管")
        .contains("    事项名称：营业性演出活动监管 → 营业性演出活动安全监管").doesNotContain("相似");
  }

  @Test
  void theVersionMustBeLaterThanTheLists() throws IOException {
    Path catalog = folder.resolve("zhangqiu/catalog.csv");
    byte[] before = Files.readAllBytes(catalog);

    assertThat(run("import", amendment().toString(), "zhangqiu", "--merge", "--version", "2023.9", "--effective",
        "2025-01-01")).isEqualTo(2);

    assertThat(err.toString(StandardCharsets.UTF_8)).contains("版本「2023.9」不比现有清单的版本「2024.1」新");
    assertThat(Files.readAllBytes(catalog)).isEqualTo(before);
  }

  @Test
  void theListInForceExportsAndImportsBackUnchanged() throws IOException {
    Path xlsx = folder.resolve("章丘区清单.xlsx");
    assertThat(run("export", "zhangqiu", xlsx.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("已导出 81 项（版本 2024.1）→ " + xlsx);

    assertThat(run("import", xlsx.toString(), "zhangqiu", "--version", "2024.2", "--effective", "2024-01-01"))
        .as(err.toString(StandardCharsets.UTF_8)).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("两个版本的事项没有差别。");
    assertThat(Files.readString(folder.resolve("zhangqiu/catalog.csv")))
        .isEqualTo(Files.readString(JURISDICTIONS.resolve("zhangqiu/catalog.csv")).replace("# 版本: 2024.1",
            "# 版本: 2024.2"));
  }
}
