package cn.shudi.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.CatalogLoader;
import cn.shudi.organization.Jurisdiction;

/** {@code check} lists every item whose time limits are still the county's default (待定), and only those. */
class PendingLimitsCheckTest {

  @Test
  void checkListsTheItemsWithPendingLimits() throws Exception {
    Jurisdiction zhangqiu = DriftCheckTest.ORGANIZATION.jurisdiction("zhangqiu");
    String csv = Files.readString(Path.of("jurisdictions/zhangqiu/catalog.csv"), StandardCharsets.UTF_8)
        .replace(",30个工作日,24小时,", ",30个工作日（待定）,24小时（待定）,");
    byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
    Catalog catalog = new CatalogLoader().load("catalog.csv", () -> new ByteArrayInputStream(bytes), zhangqiu);
    long pending = catalog.items().stream().filter(i -> i.hasPendingTimeLimit()).count();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    BlueprintCli.printPending(catalog, zhangqiu, new PrintStream(out, true, StandardCharsets.UTF_8));

    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(pending).isPositive().isLessThan(catalog.items().size());
    assertThat(text).contains("时限待定的事项 " + pending + " 项");
    assertThat(text.lines().filter(l -> l.startsWith("  ZQ"))).hasSize((int) pending)
        .allMatch(l -> l.endsWith("办结时限 30个工作日（待定）、呼叫响应时限 24小时（待定）"));

    ByteArrayOutputStream none = new ByteArrayOutputStream();
    BlueprintCli.printPending(DriftCheckTest.CATALOGS.of("zhangqiu"), zhangqiu, new PrintStream(none, true,
        StandardCharsets.UTF_8));
    assertThat(none.toString(StandardCharsets.UTF_8)).as("the shipped list sets every limit").isEmpty();
  }
}
