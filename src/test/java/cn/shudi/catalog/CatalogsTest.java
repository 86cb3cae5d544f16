package cn.shudi.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import cn.shudi.organization.Organization;
import cn.shudi.organization.OrganizationLoader;
import cn.shudi.organization.OrganizationProperties;

/** The start-up wiring, in a bare context: no engine, no web server. */
class CatalogsTest {

  private static ApplicationContextRunner context(String location) {
    return new ApplicationContextRunner()
        .withUserConfiguration(CatalogConfiguration.class)
        .withBean(OrganizationProperties.class, () -> new OrganizationProperties(location,
            new OrganizationProperties.Demo(false, null)))
        .withBean(Organization.class, () -> new OrganizationLoader(
            new org.springframework.core.io.DefaultResourceLoader(), location).load());
  }

  @Test
  void loadsTheListOfEveryJurisdictionFromTheOrganizationsLocation() {
    context("file:jurisdictions/").run(context -> {
      assertThat(context).hasNotFailed();
      Catalogs catalogs = context.getBean(Catalogs.class);
      assertThat(catalogs.all()).extracting(Catalog::jurisdiction).containsExactly("zhangqiu", "yunxi");
      assertThat(catalogs.of("zhangqiu").items()).hasSize(81);
      assertThatThrownBy(() -> catalogs.of("nowhere")).isInstanceOf(NoSuchElementException.class)
          .hasMessageContaining("nowhere");
    });
  }

  @Test
  void aMissingListStopsStartUpNamingTheFile(@TempDir Path folder) throws IOException {
    Files.writeString(folder.resolve("jurisdictions.csv"), "code,name,short_name,prefecture,time_zone\nzhangqiu,济南市章丘区,章丘区,济南市,Asia/Shanghai\n");
    Files.createDirectories(folder.resolve("zhangqiu"));
    Files.copy(Path.of("jurisdictions/zhangqiu/units.csv"), folder.resolve("zhangqiu/units.csv"));

    context(folder.toUri().toString()).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause()
          .hasMessageContaining("zhangqiu/catalog.csv")
          .hasMessageContaining("文件不存在");
    });
  }

  @Test
  void aBadListStopsStartUpWithEveryProblem(@TempDir Path folder) throws IOException {
    Files.writeString(folder.resolve("jurisdictions.csv"), "code,name,short_name,prefecture,time_zone\nzhangqiu,济南市章丘区,章丘区,济南市,Asia/Shanghai\n");
    Files.createDirectories(folder.resolve("zhangqiu"));
    Files.copy(Path.of("jurisdictions/zhangqiu/units.csv"), folder.resolve("zhangqiu/units.csv"));
    Files.writeString(folder.resolve("zhangqiu/catalog.csv"), TestData.resource("several-errors.csv"));

    context(folder.toUri().toString()).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause()
          .hasMessageContaining("发现 8 处错误")
          .hasMessageContaining("第9行 列「来源」");
    });
  }
}
