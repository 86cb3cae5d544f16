package cn.shudi.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import cn.shudi.catalog.Catalogs;
import cn.shudi.organization.OrganizationProperties;

/**
 * The suggestion over the lists in force, with the synonyms beside the jurisdictions' data and each county's 样例诉求
 * ({@code <county>/examples.tsv}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
class IntakeConfiguration {

  static final String SYNONYMS_FILE = "synonyms.txt";

  @Bean
  ItemSuggester itemSuggester(Catalogs catalogs, ResourceLoader resources, OrganizationProperties properties) {
    String folder = properties.location().endsWith("/") ? properties.location() : properties.location() + "/";
    Resource synonyms = resources.getResource(folder + SYNONYMS_FILE);
    String text = "";
    if (synonyms.exists()) {
      try (InputStream in = synonyms.getInputStream()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("读取同义词文件 " + folder + SYNONYMS_FILE + " 失败：" + e.getMessage(), e);
      }
    }
    return new ItemSuggester(catalogs, text, ExampleRequests.load(resources, folder, catalogs));
  }
}
