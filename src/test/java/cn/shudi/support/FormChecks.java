package cn.shudi.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What every shared Camunda Form ({@code forms/common/<id>.form}) must have: its id, form-js 1.8's schema
 * (Tasklist 7.24), texts that say something, a Chinese label on every input and a length cap on text inputs.
 */
public final class FormChecks {

  public static final Path COMMON_FORMS = Path.of("forms/common");
  static final Pattern CJK = Pattern.compile("\\p{IsHan}");
  static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private FormChecks() {
  }

  /**
   * Checks the form and returns its inputs (key → required), in order; {@code eachInput} gets every input
   * component with its key for the caller's own checks.
   */
  public static Map<String, Boolean> inputs(String id, BiConsumer<String, JsonNode> eachInput) throws IOException {
    JsonNode form = JSON.readTree(Files.readString(COMMON_FORMS.resolve(id + ".form")));
    assertThat(form.path("id").asText()).isEqualTo(id);
    assertThat(form.path("type").asText()).isEqualTo("default");
    assertThat(form.path("schemaVersion").asInt()).as("form-js 1.8 (Tasklist 7.24)").isEqualTo(16);
    Map<String, Boolean> inputs = new LinkedHashMap<>();
    for (JsonNode c : form.path("components")) {
      String type = c.path("type").asText();
      if (type.equals("text")) {
        assertThat(c.path("text").asText()).isNotBlank();
        continue;
      }
      String key = c.path("key").asText();
      inputs.put(key, c.path("validate").path("required").asBoolean(false));
      assertThat(CJK.matcher(c.path("label").asText()).find()).as("%s.%s has a Chinese label", id, key).isTrue();
      if (type.equals("textfield") || type.equals("textarea")) {
        assertThat(c.path("validate").path("maxLength").asInt()).as("%s.%s maxLength", id, key).isBetween(1, 4000);
      }
      eachInput.accept(key, c);
    }
    return inputs;
  }

  /** Whether the text has Chinese characters. */
  public static boolean isChinese(String text) {
    return CJK.matcher(text).find();
  }
}
