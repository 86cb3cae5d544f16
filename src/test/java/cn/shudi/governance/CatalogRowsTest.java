package cn.shudi.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.DefaultResourceLoader;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.CatalogLoader;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.OrganizationLoader;

/** A list written back as catalog.csv is the file analysts keep in git, byte for byte. */
class CatalogRowsTest {

  static final Organization ORGANIZATION =
      new OrganizationLoader(new DefaultResourceLoader(), "file:jurisdictions/").load();

  @ParameterizedTest
  @ValueSource(strings = {"zhangqiu", "yunxi"})
  void theShippedListWrittenBackIsTheShippedFile(String code) throws IOException {
    Path file = Path.of("jurisdictions", code, "catalog.csv");
    Jurisdiction jurisdiction = ORGANIZATION.jurisdiction(code);
    Catalog catalog = new CatalogLoader().load(file.toString(), () -> Files.newInputStream(file), jurisdiction);

    String csv = CatalogRows.csv(catalog);

    assertThat(csv).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    Catalog again = new CatalogLoader().load("again", () -> new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
        jurisdiction);
    assertThat(again).isEqualTo(catalog);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024.1>2024.2", "2023.9>2023.10", "2024.09>2024.10", "v1>v2", "2024>2025", "alpha>alpha.1"})
  void versionLabelsCountTheLastNumberUp(String pair) {
    String[] parts = pair.split(">");
    assertThat(VersionLabels.next(parts[0], List.of())).isEqualTo(parts[1]);
    assertThat(VersionLabels.compare(parts[1], parts[0])).isPositive();
    assertThat(VersionLabels.compare(parts[0], parts[1])).isNegative();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024.1"})
  void aTakenLabelIsSkipped(String label) {
    assertThat(VersionLabels.next(label, List.of("2024.2", "2024.3"))).isEqualTo("2024.4");
    assertThat(VersionLabels.compare("2024.10", "2024.9")).isPositive();
    assertThat(VersionLabels.compare("2024.1", "2024.1")).isZero();
  }
}
