package cn.shudi.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.CatalogLoader;
import cn.shudi.catalog.Catalogs;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.OrganizationLoader;

class BlueprintFilesTest {

  static final Organization ORGANIZATION =
      new OrganizationLoader(new DefaultResourceLoader(), "file:jurisdictions/").load();
  static final Catalogs CATALOGS = Catalogs.load(new DefaultResourceLoader(), "file:jurisdictions/", ORGANIZATION,
      new CatalogLoader());

  @TempDir
  Path processes;

  @Test
  void missingFilesAreWrittenExistingOnesKeptUnlessForced() throws IOException {
    Jurisdiction zhangqiu = ORGANIZATION.jurisdiction("zhangqiu");
    Catalog catalog = CATALOGS.of("zhangqiu");
    BlueprintFiles files = new BlueprintFiles(processes);
    List<String> progress = new ArrayList<>();

    BlueprintFiles.Outcome first = files.generate(zhangqiu, catalog, false, progress::add);
    assertThat(first.written()).isEqualTo(81);
    assertThat(progress).contains("章丘区：50/81 项", "章丘区：81/81 项");

    Path edited = files.fileOf(zhangqiu, catalog.items().get(0));
    Files.writeString(edited, Files.readString(edited).replace("动物疫病", "分析员改过"));
    BlueprintFiles.Outcome second = files.generate(zhangqiu, catalog, false, p -> { });
    assertThat(second.written()).isZero();
    assertThat(second.kept()).isEqualTo(81);
    assertThat(Files.readString(edited)).contains("分析员改过");

    BlueprintFiles.Outcome forced = files.generate(zhangqiu, catalog, true, p -> { });
    assertThat(forced.written()).isEqualTo(81);
    assertThat(Files.readString(edited)).doesNotContain("分析员改过");
  }

  @Test
  void evenForcedAFileSavedInModelerIsKept() throws IOException {
    Jurisdiction zhangqiu = ORGANIZATION.jurisdiction("zhangqiu");
    Catalog catalog = CATALOGS.of("zhangqiu");
    BlueprintFiles files = new BlueprintFiles(processes);
    files.generate(zhangqiu, catalog, false, p -> { });
    Path saved = files.fileOf(zhangqiu, catalog.items().get(1));
    Files.writeString(saved, Files.readString(saved).replace("exporter=\"shudi-blueprint-generator\"",
        "exporter=\"Camunda Modeler\"").replace("</process>", "<!-- 分析员的修改 --></process>"));
    BlueprintFiles.Outcome forced = files.generate(zhangqiu, catalog, true, p -> { });
    assertThat(forced.kept()).isEqualTo(1);
    assertThat(forced.written()).isEqualTo(80);
    assertThat(Files.readString(saved)).contains("分析员的修改");
  }

  @Test
  void generationIsStableSoFilesDiffCleanly() throws IOException {
    Jurisdiction zhangqiu = ORGANIZATION.jurisdiction("zhangqiu");
    BlueprintFiles files = new BlueprintFiles(processes);
    files.generate(zhangqiu, CATALOGS.of("zhangqiu"), true, p -> { });
    Path file = files.fileOf(zhangqiu, CATALOGS.of("zhangqiu").items().get(3));
    String once = Files.readString(file);
    files.generate(zhangqiu, CATALOGS.of("zhangqiu"), true, p -> { });
    assertThat(Files.readString(file)).isEqualTo(once);
    // the committed, generated file is what the generator writes today
    assertThat(Files.readString(Path.of("processes/zhangqiu").resolve(file.getFileName()))).isEqualTo(once);
  }
}
