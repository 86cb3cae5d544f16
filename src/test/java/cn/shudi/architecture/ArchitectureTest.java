package cn.shudi.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The rules of docs/architecture.md, checked on the compiled classes (ArchUnit): a feature uses only the
 * features its row in the table «who may use whom» names, every package has a row, and a type is public
 * only when something outside its package uses it.
 */
class ArchitectureTest {

  static final String ROOT = "cn.shudi";
  static final Path DOC = Path.of("docs/architecture.md");
  /** A row of the table: | `feature` | room | `used`, `used` | */
  static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z]+)`\\s*\\|[^|]*\\|([^|]*)\\|\\s*$");
  static final Pattern NAME = Pattern.compile("`([a-z]+)`");

  static JavaClasses main;
  static JavaClasses all;

  @BeforeAll
  static void importClasses() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    all = new ClassFileImporter().importPackages(ROOT);
  }

  /** Feature → the features it may use, as the document's table says. */
  static Map<String, Set<String>> allowed() throws IOException {
    Map<String, Set<String>> allowed = new LinkedHashMap<>();
    for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        Set<String> uses = new TreeSet<>();
        Matcher name = NAME.matcher(row.group(2));
        while (name.find()) {
          uses.add(name.group(1));
        }
        allowed.put(row.group(1), uses);
      }
    }
    assertThat(allowed).as("the table «who may use whom» in %s", DOC).isNotEmpty();
    return allowed;
  }

  static String feature(JavaClass type) {
    String rest = type.getPackageName().substring(ROOT.length());
    if (rest.isEmpty()) {
      return "";
    }
    return rest.substring(1).split("\\.")[0];
  }

  @Test
  void everyPackageHasARowAndEveryRowAPackage() throws IOException {
    Set<String> packages = main.stream().map(ArchitectureTest::feature).filter(f -> !f.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(new TreeSet<>(allowed().keySet())).as("rows of the table in %s", DOC).isEqualTo(packages);
  }

  @Test
  void aFeatureUsesOnlyWhatItsRowNames() throws IOException {
    Map<String, Set<String>> allowed = allowed();
    Map<String, String> violations = new java.util.TreeMap<>();
    for (JavaClass type : main) {
      String from = feature(type);
      for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
        JavaClass target = dependency.getTargetClass();
        if (!target.getPackageName().startsWith(ROOT)) {
          continue;
        }
        String to = feature(target);
        if (!to.equals(from) && !allowed.getOrDefault(from, Set.of()).contains(to)) {
          violations.putIfAbsent(from + " → " + to, dependency.getDescription());
        }
      }
    }
    assertThat(violations).as("dependencies the table in %s does not allow (one example each)", DOC).isEmpty();
  }

  @Test
  void aTypeIsPublicOnlyWhenUsedOutsideItsPackage() {
    Map<String, Set<String>> usersByType = new java.util.HashMap<>();
    for (JavaClass other : all) {
      for (Dependency d : other.getDirectDependenciesFromSelf()) {
        JavaClass target = d.getTargetClass();
        JavaClass topLevel = target.getEnclosingClass().orElse(target);
        usersByType.computeIfAbsent(topLevel.getName(), t -> new TreeSet<>()).add(other.getPackageName());
      }
    }
    Set<String> needless = new TreeSet<>();
    for (JavaClass type : main) {
      if (!type.isTopLevelClass() || !type.getModifiers().contains(JavaModifier.PUBLIC)
          || type.getSimpleName().equals("package-info") || isEntryPoint(type)) {
        continue;
      }
      Set<String> users = usersByType.getOrDefault(type.getName(), Set.of());
      if (users.stream().allMatch(type.getPackageName()::equals)) {
        needless.add(type.getName());
      }
    }
    assertThat(needless).as("public types no other package uses (make them package-private)").isEmpty();
  }

  /** Types the framework needs public: the application class. */
  static boolean isEntryPoint(JavaClass type) {
    return Arrays.stream(type.reflect().getAnnotations()).anyMatch(a -> a.annotationType().getSimpleName()
        .equals("SpringBootApplication"));
  }
}
