package cn.shudi.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogCliTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Path folder, String... args) {
    return new CatalogCli(folder, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void summaryOfZhangqiu() {
    assertThat(run(TestData.JURISDICTIONS, "summary", "zhangqiu")).isZero();

    assertThat(out())
        .contains("清单：济南市章丘区县乡“属地管理”事项主体责任和配合责任清单")
        .contains("版本：2024.1")
        .contains("生效日期：2024-01-01")
        .contains("事项数：81")
        .contains("按领域（11 个领域）")
        .contains("  市场监管：9 项")
        .contains("镇街主体事项：3 项")
        .contains("ZQ016 秸秆禁烧专项整治")
        .contains("配合责任：");
    assertThat(out().indexOf("区市场监管局：9 项")).as("units sorted by count, most first")
        .isLessThan(out().indexOf("区园林绿化局：1 项"));
  }

  @Test
  void validate() {
    assertThat(run(TestData.JURISDICTIONS, "validate", "zhangqiu")).isZero();
    assertThat(out()).contains("校验通过：81 项");
  }

  @Test
  void validateReportsEveryProblem(@TempDir Path folder) throws IOException {
    copyOrganization(folder);
    Files.writeString(folder.resolve("zhangqiu/catalog.csv"), TestData.resource("several-errors.csv"));

    assertThat(run(folder, "validate", "zhangqiu")).isEqualTo(CatalogCli.INVALID);
    assertThat(err()).contains("发现 8 处错误").contains("第9行 列「来源」");
  }

  @Test
  void usage() {
    assertThat(run(TestData.JURISDICTIONS)).isEqualTo(CatalogCli.USAGE);
    assertThat(err()).contains("用法");
    assertThat(run(TestData.JURISDICTIONS, "summary")).isEqualTo(CatalogCli.USAGE);
    assertThat(run(TestData.JURISDICTIONS, "frobnicate")).isEqualTo(CatalogCli.USAGE);
    assertThat(run(TestData.JURISDICTIONS, "summary", "atlantis")).isEqualTo(CatalogCli.USAGE);
    assertThat(err()).contains("未知辖区「atlantis」：应为 zhangqiu、yunxi 之一");
    assertThat(run(TestData.JURISDICTIONS, "import", "x.xlsx", "zhangqiu", "--version", "1")).isEqualTo(CatalogCli.USAGE);
    assertThat(run(TestData.JURISDICTIONS, "import", "x.xlsx", "zhangqiu", "--version", "1", "--effective", "2024/1/1"))
        .isEqualTo(CatalogCli.USAGE);
    assertThat(err()).contains("应为 yyyy-MM-dd");
  }

  @Test
  void importPrintsProgressAndTheResult(@TempDir Path folder) throws IOException {
    copyOrganization(folder);
    Path xlsx = XlsxImporterTest.manyRows(120).write(folder.resolve("county.xlsx"));

    int code = run(folder, "import", xlsx.toString(), "zhangqiu", "--version", "2025.1", "--effective", "2025-01-01",
        "--prefix", "ZQ");

    assertThat(code).as(err()).isZero();
    Path target = folder.resolve("zhangqiu/catalog.csv");
    assertThat(out()).contains("已读取 50 行…").contains("已读取 100 行…").contains("已导入 120 项（完整清单，版本 2025.1）→ " + target);
    assertThat(Files.readString(target)).startsWith("# 清单: 济南市章丘区县乡“属地管理”事项主体责任和配合责任清单\n# 版本: 2025.1\n");
  }

  @Test
  void importTakesThePrefixOfTheExistingListAndNoCodeOfItsItems(@TempDir Path folder) throws IOException {
    copyOrganization(folder);
    Path target = folder.resolve("zhangqiu/catalog.csv");
    Files.writeString(target, TestData.valid());
    Path xlsx = XlsxImporterTest.manyRows(3).write(folder.resolve("county.xlsx"));

    assertThat(run(folder, "import", xlsx.toString(), "zhangqiu", "--version", "2025.1", "--effective", "2025-01-01"))
        .as(err()).isZero();
    assertThat(Files.readString(target)).contains("\nZQ004,1,领域1,事项1,")
        .contains("\nZQ006,3,").doesNotContain("\nZQ001,").startsWith("# 清单: 测试区");
    assertThat(out()).contains("原清单 3 项 → 新清单 3 项").contains("删除的 3 项将不再在清单中；如表格只含新增或修改的事项，请加 --merge");
  }

  @Test
  void aFailedImportPrintsEveryProblemAndExitsWithOne(@TempDir Path folder) throws IOException {
    copyOrganization(folder);
    Path target = folder.resolve("zhangqiu/catalog.csv");
    Files.writeString(target, TestData.valid());
    Path xlsx = new OfficialWorkbook("序号", "领域", "事项名称", "主体责任单位", "主体责任", "配合责任单位", "配合责任", "依据",
        "办结时限", "呼叫响应时限")
        .row(1, "应急管理", "甲", "区危化局", "检查企业：检查经营许可（10个工作日）", "", "", "", "20个工作日", "2个工作日")
        .write(folder.resolve("county.xlsx"));

    assertThat(run(folder, "import", xlsx.toString(), "zhangqiu", "--version", "2025.1", "--effective", "2025-01-01"))
        .isEqualTo(CatalogCli.INVALID);
    assertThat(err()).contains("发现 2 处错误").contains("county.xlsx 工作表「清单」 第4行 列「主体责任单位（D列）」")
        .contains("第4行 列「依据（H列）」");
    assertThat(Files.readString(target)).isEqualTo(TestData.valid());
  }

  private static void copyOrganization(Path folder) throws IOException {
    Files.copy(TestData.JURISDICTIONS.resolve("jurisdictions.csv"), folder.resolve("jurisdictions.csv"));
    for (String code : new String[] {"zhangqiu", "yunxi"}) {
      Files.createDirectories(folder.resolve(code));
      Files.copy(TestData.JURISDICTIONS.resolve(code + "/units.csv"), folder.resolve(code + "/units.csv"));
    }
  }
}
