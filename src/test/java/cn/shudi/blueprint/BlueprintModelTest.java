package cn.shudi.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import cn.shudi.support.ModelRuleSet;

/**
 * Every BPMN file under processes/ passes the platform's rule set ({@link ModelCheck}): it opens in Modeler
 * with its whole, readable diagram, names what users see in Chinese, calls beans only, and its groups,
 * deadlines, forms and called processes resolve.
 */
class BlueprintModelTest {

  static ModelCheck check;
  static Set<String> shared;

  @BeforeAll
  static void setUp() throws IOException {
    check = ModelRuleSet.check();
    shared = check.sharedProcessIds();
  }

  static Stream<Path> files() throws IOException {
    setUp();
    var files = check.files();
    assertThat(files).hasSizeGreaterThanOrEqualTo(324 + 4);
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void passesTheModelCheck(Path file) throws IOException {
    assertThat(check.check(file, shared)).isEmpty();
  }
}
