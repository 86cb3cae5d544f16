package cn.shudi.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The team's Chinese for Tasklist, Admin and Welcome against Camunda 7.24's own English: every key of the
 * webjar's {@code en.json} is in our {@code zh.json}, with the same placeholders and HTML tags, in Chinese;
 * and each app's {@code config.js} offers zh first, en too, and keeps the defaults of Camunda's file.
 * Both files are read from the classpath as the running app serves them (ours override the webjar's).
 */
class WebappLocalesTest {

  static final String APP = "META-INF/resources/webjars/camunda/app/";
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*\\}\\}");
  static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^>]*>");
  static final Pattern CHINESE = Pattern.compile("[\\u4e00-\\u9fff]");
  /** An English text worth translating: a word of three letters or more outside placeholders and tags. */
  static final Pattern WORD = Pattern.compile("[A-Za-z]{3,}");

  final ObjectMapper json = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "admin", "welcome"})
  void zhHasEveryKeyOfCamundasEnglishAndNoOther(String app) throws IOException {
    JsonNode en = labels(app, "en");
    JsonNode zh = labels(app, "zh");
    assertThat(en.size()).as("Camunda 7.24 %s en.json", app).isGreaterThan(100);
    assertThat(names(zh)).as("%s zh.json keys", app).containsExactlyInAnyOrderElementsOf(names(en));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "admin", "welcome"})
  void placeholdersAndTagsArePreservedAndTheTextIsChinese(String app) throws IOException {
    JsonNode en = labels(app, "en");
    JsonNode zh = labels(app, "zh");
    List<String> problems = new ArrayList<>();
    for (String key : names(en)) {
      String english = en.get(key).asText();
      String chinese = zh.path(key).asText(null);
      if (chinese == null) {
        problems.add(key + ": missing");
        continue;
      }
      if (!sorted(PLACEHOLDER, english).equals(sorted(PLACEHOLDER, chinese))) {
        problems.add(key + ": placeholders " + sorted(PLACEHOLDER, english) + " ≠ " + sorted(PLACEHOLDER, chinese));
      }
      if (!sorted(TAG, english).equals(sorted(TAG, chinese))) {
        problems.add(key + ": tags " + sorted(TAG, english) + " ≠ " + sorted(TAG, chinese));
      }
      String words = TAG.matcher(PLACEHOLDER.matcher(english).replaceAll("")).replaceAll("");
      if (WORD.matcher(words).find() && !CHINESE.matcher(chinese).find()) {
        problems.add(key + ": not translated: " + chinese);
      }
    }
    assertThat(problems).as("%s zh.json", app).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "admin", "welcome"})
  void chineseDatesForMoment(String app) throws IOException {
    JsonNode dates = read(APP + app + "/locales/zh.json").get("dateLocales");
    assertThat(dates).as("%s dateLocales", app).isNotNull();
    assertThat(texts(dates.get("months"))).hasSize(12).allMatch(m -> m.endsWith("月")).contains("一月", "十二月");
    assertThat(texts(dates.get("monthsShort"))).hasSize(12).allMatch(m -> m.endsWith("月"));
    assertThat(texts(dates.get("weekdays"))).containsExactly("星期日", "星期一", "星期二", "星期三", "星期四", "星期五",
        "星期六");
    assertThat(texts(dates.get("weekdaysShort"))).hasSize(7).allMatch(d -> d.startsWith("周"));
    assertThat(texts(dates.get("weekdaysMin"))).hasSize(7);
    JsonNode english = read(APP + "tasklist/locales/en.json").get("dateLocales");
    for (String part : List.of("longDateFormat", "calendar", "relativeTime")) {
      assertThat(names(dates.get(part))).as(part).containsAll(names(english.get(part)));
    }
    assertThat(dates.at("/longDateFormat/LL").asText()).isEqualTo("YYYY年M月D日");
    assertThat(dates.at("/week/dow").asInt()).as("weeks start on Monday").isEqualTo(1);
    assertThat(dates.at("/relativeTime/future").asText()).contains("%s");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "admin", "welcome", "cockpit"})
  void configOffersChineseFirstAndEnglishToo(String app) throws IOException {
    String config = text(APP + app + "/scripts/config.js");
    assertThat(config).as("an ES module, as in 7.24").contains("export default {");
    assertThat(config.replaceAll("\\s", "")).contains("locales:{availableLocales:['zh','en'],fallbackLocale:'zh'}")
        .contains("vendor:'属地管理清单平台'");
  }

  @org.junit.jupiter.api.Test
  void tasklistConfigKeepsCamundasKeyboardShortcuts() throws IOException {
    String ours = text(APP + "tasklist/scripts/config.js");
    String camundas = null;
    for (URL url : Collections.list(getClass().getClassLoader().getResources(APP + "tasklist/scripts/config.js"))) {
      if (url.toString().contains("camunda-webapp-webjar")) {
        try (InputStream in = url.openStream()) {
          camundas = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    assertThat(camundas).as("the webjar's default config.js").isNotNull().contains("shortcuts");
    Matcher key = Pattern.compile("key: '([^']+)'").matcher(camundas);
    int shortcuts = 0;
    while (key.find()) {
      assertThat(ours).contains("key: '" + key.group(1) + "'");
      shortcuts++;
    }
    assertThat(shortcuts).isEqualTo(5);
    for (String name : List.of("claimTask", "focusFilter", "focusList", "focusForm", "startProcess")) {
      assertThat(ours).contains(name + ": {");
    }
  }

  JsonNode labels(String app, String language) throws IOException {
    JsonNode labels = read(APP + app + "/locales/" + language + ".json").get("labels");
    assertThat(labels).as("%s %s.json labels", app, language).isNotNull();
    return labels;
  }

  /** Exactly one file on the classpath: ours for zh, the webjar's for en. */
  JsonNode read(String path) throws IOException {
    List<URL> found = Collections.list(getClass().getClassLoader().getResources(path));
    assertThat(found).as(path).hasSize(1);
    try (InputStream in = found.get(0).openStream()) {
      return json.readTree(in); // Camunda's en.json starts with a BOM; Jackson skips it
    }
  }

  /** Our file, not the webjar's default of the same name. */
  String text(String path) throws IOException {
    List<URL> ours = Collections.list(getClass().getClassLoader().getResources(path)).stream()
        .filter(url -> !url.toString().contains("camunda-webapp-webjar")).toList();
    assertThat(ours).as(path).hasSize(1);
    try (InputStream in = ours.get(0).openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Set<String> names(JsonNode node) {
    Set<String> names = new LinkedHashSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
      names.add(it.next());
    }
    return names;
  }

  static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  static List<String> sorted(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    Collections.sort(found);
    return found;
  }
}
