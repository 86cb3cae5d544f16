package cn.shudi.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.core.io.DefaultResourceLoader;

import cn.shudi.datafile.DataProblem;
import cn.shudi.datafile.InvalidDataException;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.OrganizationLoader;

/** The shipped organization data (Maven runs tests in the repository root) and small helpers. */
final class TestData {

  static final Path JURISDICTIONS = Path.of("jurisdictions");
  static final String TEST_FILE = "test.csv";

  private static Organization organization;

  private TestData() {
  }

  static synchronized Organization organization() {
    if (organization == null) {
      organization = new OrganizationLoader(new DefaultResourceLoader(), "file:jurisdictions/").load();
    }
    return organization;
  }

  static Jurisdiction zhangqiu() {
    return organization().jurisdiction("zhangqiu");
  }

  static String resource(String name) {
    try (InputStream in = TestData.class.getResourceAsStream("/catalog/" + name)) {
      assertThat(in).as("test resource catalog/" + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The small valid list all rule tests break in one place. */
  static String valid() {
    return resource("valid.csv");
  }

  /** Replaces text that must occur exactly once, so a test cannot silently break the wrong row. */
  static String replaceOnce(String text, String from, String to) {
    int first = text.indexOf(from);
    assertThat(first).as("「" + from + "」 occurs").isNotNegative();
    assertThat(text.indexOf(from, first + 1)).as("「" + from + "」 occurs only once").isNegative();
    return text.substring(0, first) + to + text.substring(first + from.length());
  }

  static Catalog load(String csv) {
    return load(csv, zhangqiu());
  }

  static Catalog load(String csv, Jurisdiction jurisdiction) {
    byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
    return new CatalogLoader().load(TEST_FILE, () -> new ByteArrayInputStream(bytes), jurisdiction);
  }

  static Catalog loadShipped(String jurisdiction) {
    Path file = JURISDICTIONS.resolve(jurisdiction).resolve("catalog.csv");
    return new CatalogLoader().load(file.toString(), () -> Files.newInputStream(file),
        organization().jurisdiction(jurisdiction));
  }

  /** Loads a list that must be rejected, and returns every problem found. */
  static List<DataProblem> problems(String csv) {
    InvalidDataException e = catchThrowableOfType(InvalidDataException.class, () -> load(csv));
    assertThat(e).as("the list is rejected").isNotNull();
    assertThat(e.getMessage()).startsWith("清单 " + TEST_FILE + " 有误");
    return e.problems();
  }

  static void assertProblem(DataProblem p, long line, String column, String message) {
    assertThat(p.file()).isEqualTo(TEST_FILE);
    assertThat(p.line()).as("line of " + p).isEqualTo(line);
    assertThat(p.column()).as("column of " + p).isEqualTo(column);
    assertThat(p.message()).contains(message);
  }

  /** The only problem of a list with one thing wrong. */
  static DataProblem onlyProblem(String csv) {
    List<DataProblem> problems = problems(csv);
    assertThat(problems).as("problems").hasSize(1);
    return problems.get(0);
  }
}
