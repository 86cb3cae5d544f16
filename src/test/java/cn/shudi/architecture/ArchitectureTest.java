package cn.shudi.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

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
  static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("src/test/java"));
  static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  /** An import of a type of the platform, static or not: {@code import static cn.shudi.casework.Reminders.X;}. */
  static final Pattern IMPORT = Pattern.compile("^import (?:static )?(" + Pattern.quote(ROOT)
      + "(?:\\.[a-z]\\w*)*\\.[A-Z]\\w*)", Pattern.MULTILINE);
  static final Path APPLICATION = Path.of("src/main/resources/application.yaml");

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
  void aTypeIsPublicOnlyWhenUsedOutsideItsPackage() throws IOException {
    Map<String, Set<String>> usersByType = new java.util.HashMap<>();
    for (JavaClass other : all) {
      for (Dependency d : other.getDirectDependenciesFromSelf()) {
        JavaClass target = d.getTargetClass();
        JavaClass topLevel = target.getEnclosingClass().orElse(target);
        usersByType.computeIfAbsent(topLevel.getName(), t -> new TreeSet<>()).add(other.getPackageName());
      }
    }
    importsInSources(usersByType);
    Set<String> expressionBeans = expressionBeansCallingMethods();
    Set<String> needless = new TreeSet<>();
    for (JavaClass type : main) {
      if (!type.isTopLevelClass() || !type.getModifiers().contains(JavaModifier.PUBLIC)
          || type.getSimpleName().equals("package-info") || isEntryPoint(type)
          || isExpressionBean(type, expressionBeans) || isJaxRsResource(type)) {
        continue;
      }
      Set<String> users = usersByType.getOrDefault(type.getName(), Set.of());
      if (users.stream().allMatch(type.getPackageName()::equals)) {
        needless.add(type.getName());
      }
    }
    assertThat(needless).as("public types no other package uses (make them package-private)").isEmpty();
  }

  /**
   * Adds the packages whose sources import a type. A constant ({@code static final String}) is copied into the
   * class that reads it, so the class files show no dependency on the type that declares it; the import does.
   */
  static void importsInSources(Map<String, Set<String>> usersByType) throws IOException {
    for (Path root : SOURCES) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(f -> f.toString().endsWith(".java")).toList();
      }
      for (Path file : files) {
        String source = Files.readString(file, StandardCharsets.UTF_8);
        Matcher pkg = PACKAGE.matcher(source);
        if (!pkg.find()) {
          continue;
        }
        Matcher imported = IMPORT.matcher(source);
        while (imported.find()) {
          usersByType.computeIfAbsent(imported.group(1), t -> new TreeSet<>()).add(pkg.group(1));
        }
      }
    }
  }

  /**
   * The beans on the expression allow-list ({@code shudi.security.expressions.beans} in application.yaml) whose
   * methods models call ({@code ${deadlines.after('3天')}}): the engine's EL resolver invokes a bean's method
   * reflectively and finds only methods of public classes, so their classes stay public. A bean with no methods
   * ({@code ${caseOpening}}) is called through its listener interface and needs nothing.
   */
  @SuppressWarnings("unchecked")
  static Set<String> expressionBeansCallingMethods() throws IOException {
    Map<String, Object> yaml;
    try (var in = Files.newInputStream(APPLICATION)) {
      yaml = new Yaml().load(in);
    }
    Object node = yaml;
    for (String key : List.of("shudi", "security", "expressions", "beans")) {
      node = ((Map<String, Object>) node).get(key);
    }
    Map<String, List<String>> beans = (Map<String, List<String>>) node;
    assertThat(beans).as("shudi.security.expressions.beans in %s", APPLICATION).isNotEmpty();
    return beans.entrySet().stream().filter(b -> !b.getValue().isEmpty()).map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static boolean isExpressionBean(JavaClass type, Set<String> expressionBeans) {
    Component component = type.reflect().getAnnotation(Component.class);
    return component != null && expressionBeans.contains(component.value());
  }

  /**
   * A JAX-RS resource of the Cockpit plugin, root ({@code @Path} on the class) or sub-resource ({@code @Path} on a
   * method): Jersey invokes its methods by reflection and cannot reach them in a class that is not public.
   */
  static boolean isJaxRsResource(JavaClass type) {
    return type.isAnnotatedWith(jakarta.ws.rs.Path.class)
        || type.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(jakarta.ws.rs.Path.class));
  }

  /**
   * Types the framework needs public: the application class, and a command line's main class (exec:java invokes the
   * {@code main} of a public class only).
   */
  static boolean isEntryPoint(JavaClass type) {
    return Arrays.stream(type.reflect().getAnnotations()).anyMatch(a -> a.annotationType().getSimpleName()
        .equals("SpringBootApplication"))
        || type.getMethods().stream().anyMatch(m -> m.getName().equals("main")
            && m.getModifiers().containsAll(Set.of(JavaModifier.PUBLIC, JavaModifier.STATIC))
            && m.getRawParameterTypes().size() == 1 && m.getRawParameterTypes().get(0).getName().equals("[Ljava.lang.String;"));
  }
}
