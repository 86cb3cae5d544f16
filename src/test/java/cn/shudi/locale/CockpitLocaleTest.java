package cn.shudi.locale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the Chinese Cockpit translation (our {@code app/cockpit/locales/zh.json}) against the
 * English file shipped in the Camunda 7.24 webjar ({@code camunda-webapp-webjar}): same keys,
 * same placeholders and HTML tags, same leading/trailing spaces, Chinese text in every value.
 *
 * <p>Both files sit in the same classpath folder; ours adds {@code zh.json} next to the webjar's
 * {@code en.json} and {@code de.json} and overrides nothing. When Camunda is upgraded and its
 * {@code en.json} gains keys, {@link #everyEnglishKeyIsTranslatedAndNoOtherKey()} names them.
 */
class CockpitLocaleTest {

  private static final String FOLDER = "/META-INF/resources/webjars/camunda/app/cockpit/locales/";

  /** {{ expr }}, {0}, {} (ng-pluralize), %s / %d, and real HTML tags. */
  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "\\{\\{[^}]*}}|\\{\\d*}|%[sd]|</?(?:a|b|br|strong|em|i|p|span|code|ul|li|div)\\b[^>]*>");

  private static final Pattern CJK = Pattern.compile("\\p{IsHan}");

  /**
   * Values that stay without Chinese on purpose: identifiers and formats users know as they are,
   * literal {@code <null>}/{@code <undefined>} variable values, the REST field name
   * {@code requestPayload}, file formats, comparison operators, the vendor name, and a
   * "x / y" separator.
   */
  private static final Set<String> NON_CHINESE_VALUES =
      Set.of(
          "ID",
          "Camunda",
          "<null>",
          "<undefined>",
          "requestPayload",
          "YYYY-MM-DDTHH:mm:ss",
          "CSV",
          "JSON",
          " / ",
          "<",
          "<=",
          ">",
          ">=");

  /** English plural suffix "s" appended after a count: Chinese needs none. */
  private static final Set<String> EMPTY_ON_PURPOSE =
      Set.of("PLGN_BATCH_S", "PLGN_MIG_S", "PLGN_MOD_DIALOG_S", "PLGN_MOD_RESTART_DIALOG_S");

  /** Camunda terms and the one Chinese form used for each throughout the file. */
  private static final Map<Pattern, String> GLOSSARY = new LinkedHashMap<>();

  static {
    GLOSSARY.put(Pattern.compile("(?i)\\bincidents?\\b"), "事故");
    GLOSSARY.put(Pattern.compile("(?i)\\bbatch(es)?\\b"), "批量操作");
    GLOSSARY.put(Pattern.compile("(?i)\\bjobs?\\b"), "作业");
    GLOSSARY.put(Pattern.compile("(?i)\\bdeployments?\\b"), "部署");
    GLOSSARY.put(Pattern.compile("(?i)\\btenant"), "租户");
    GLOSSARY.put(Pattern.compile("(?i)\\bvariables?\\b"), "变量");
    GLOSSARY.put(Pattern.compile("(?i)\\bprocess definitions?\\b"), "流程定义");
    GLOSSARY.put(Pattern.compile("(?i)\\bprocess instances?\\b"), "流程实例");
    GLOSSARY.put(Pattern.compile("(?i)\\bdecision definitions?\\b"), "决策定义");
    GLOSSARY.put(Pattern.compile("(?i)\\bexternal tasks?\\b"), "外部任务");
    GLOSSARY.put(Pattern.compile("(?i)\\bsuspend"), "挂起");
    GLOSSARY.put(Pattern.compile("(?i)\\bmigrat"), "迁移");
  }

  private static JsonNode en;
  private static JsonNode zh;

  @BeforeAll
  static void load() throws IOException {
    ObjectMapper mapper = new ObjectMapper(); // detects and skips the BOM of the webjar's en.json
    en = read(mapper, FOLDER + "en.json");
    zh = read(mapper, FOLDER + "zh.json");
  }

  private static JsonNode read(ObjectMapper mapper, String path) throws IOException {
    try (InputStream in = CockpitLocaleTest.class.getResourceAsStream(path)) {
      assertThat(in).as("classpath resource %s", path).isNotNull();
      return mapper.readTree(in);
    }
  }

  @Test
  void fileHasLabelsAndDateLocalesOnly() {
    assertThat(fieldNames(zh)).containsExactlyInAnyOrder("labels", "dateLocales");
    assertThat(en.get("labels").size())
        .as("webjar en.json labels (Cockpit 7.24 has 2460)")
        .isGreaterThan(2000);
  }

  @Test
  void everyEnglishKeyIsTranslatedAndNoOtherKey() {
    Set<String> enKeys = fieldNames(en.get("labels"));
    Set<String> zhKeys = fieldNames(zh.get("labels"));
    Set<String> missing = new LinkedHashSet<>(enKeys);
    missing.removeAll(zhKeys);
    Set<String> extra = new LinkedHashSet<>(zhKeys);
    extra.removeAll(enKeys);
    assertThat(missing).as("keys of en.json missing in zh.json").isEmpty();
    assertThat(extra).as("keys of zh.json unknown to en.json").isEmpty();
  }

  @Test
  void placeholdersTagsAndOuterSpacesArePreserved() {
    SoftAssertions soft = new SoftAssertions();
    en.get("labels")
        .fields()
        .forEachRemaining(
            e -> {
              String key = e.getKey();
              String english = e.getValue().asText();
              JsonNode node = zh.get("labels").get(key);
              if (node == null) {
                return; // reported by everyEnglishKeyIsTranslatedAndNoOtherKey
              }
              soft.assertThat(node.isTextual()).as("%s is a string", key).isTrue();
              String chinese = node.asText();
              soft.assertThat(placeholders(chinese))
                  .as("placeholders of %s", key)
                  .containsExactlyInAnyOrderElementsOf(placeholders(english));
              soft.assertThat(leading(chinese)).as("leading spaces of %s", key).isEqualTo(leading(english));
              soft.assertThat(trailing(chinese))
                  .as("trailing spaces of %s", key)
                  .isEqualTo(trailing(english));
            });
    soft.assertAll();
  }

  @Test
  void everyValueIsChineseUnlessListedAsException() {
    SoftAssertions soft = new SoftAssertions();
    zh.get("labels")
        .fields()
        .forEachRemaining(
            e -> {
              String key = e.getKey();
              String value = e.getValue().asText();
              if (value.isBlank()) {
                soft.assertThat(EMPTY_ON_PURPOSE).as("%s is empty", key).contains(key);
              } else if (!CJK.matcher(value).find()) {
                soft.assertThat(NON_CHINESE_VALUES)
                    .as("%s has no Chinese: '%s'", key, value)
                    .contains(value);
              }
            });
    soft.assertAll();
  }

  @Test
  void camundaTermsHaveOneChineseForm() {
    SoftAssertions soft = new SoftAssertions();
    en.get("labels")
        .fields()
        .forEachRemaining(
            e -> {
              String english = PLACEHOLDER.matcher(e.getValue().asText()).replaceAll(" ");
              JsonNode node = zh.get("labels").get(e.getKey());
              if (node == null) {
                return;
              }
              GLOSSARY.forEach(
                  (term, chinese) -> {
                    if (term.matcher(english).find()) {
                      soft.assertThat(node.asText())
                          .as("%s ('%s') uses %s", e.getKey(), english, chinese)
                          .contains(chinese);
                    }
                  });
            });
    soft.assertAll();
  }

  @Test
  void dateLocalesAreChineseMomentSettings() {
    JsonNode enDates = en.get("dateLocales");
    JsonNode zhDates = zh.get("dateLocales");
    assertThat(fieldNames(zhDates)).containsAll(fieldNames(enDates));

    assertThat(texts(zhDates.get("months"))).hasSize(12).allMatch(CockpitLocaleTest::hasChinese);
    assertThat(texts(zhDates.get("monthsShort"))).hasSize(12).allMatch(CockpitLocaleTest::hasChinese);
    assertThat(texts(zhDates.get("weekdays")))
        .containsExactly("星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六");
    assertThat(texts(zhDates.get("weekdaysShort"))).hasSize(7).allMatch(CockpitLocaleTest::hasChinese);
    assertThat(texts(zhDates.get("weekdaysMin"))).hasSize(7).allMatch(CockpitLocaleTest::hasChinese);

    for (String part : List.of("longDateFormat", "calendar", "relativeTime", "week")) {
      assertThat(fieldNames(zhDates.get(part)))
          .as("dateLocales.%s", part)
          .containsAll(fieldNames(enDates.get(part)));
    }
    JsonNode relative = zhDates.get("relativeTime");
    enDates
        .get("relativeTime")
        .fields()
        .forEachRemaining(
            e ->
                assertThat(placeholders(relative.get(e.getKey()).asText()))
                    .as("relativeTime.%s", e.getKey())
                    .containsExactlyInAnyOrderElementsOf(placeholders(e.getValue().asText())));
    assertThat(zhDates.get("longDateFormat").get("LL").asText()).contains("年", "月", "日");
    assertThat(zhDates.get("calendar").get("sameDay").asText()).contains("今天");
    assertThat(zhDates.get("week").get("dow").asInt()).as("weeks start on Monday").isEqualTo(1);
  }

  private static boolean hasChinese(String s) {
    return CJK.matcher(s).find();
  }

  private static List<String> placeholders(String s) {
    List<String> found = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(s);
    while (m.find()) {
      found.add(m.group().replace(" ", ""));
    }
    return found;
  }

  private static String leading(String s) {
    return s.substring(0, s.length() - s.stripLeading().length());
  }

  private static String trailing(String s) {
    return s.substring(s.stripTrailing().length());
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new LinkedHashSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
