package cn.shudi.casework;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The rules a Camunda form (form-js) states for its input fields, read from the deployed form: required,
 * minimum and maximum, length, pattern, and the choices of a select or radio group. The server checks them
 * again, because form-js checks only in the browser and the REST API takes any value. A field shown only
 * under a condition is not required here (the condition is FEEL, which only the browser evaluates).
 */
final class StatedRules {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final StatedRules NONE = new StatedRules(List.of());

  /** One input field of a form and what it states. */
  record Field(String key, String label, boolean required, Double min, Double max, Integer minLength,
      Integer maxLength, Pattern pattern, Set<String> choices) {
  }

  private final List<Field> fields;

  private StatedRules(List<Field> fields) {
    this.fields = List.copyOf(fields);
  }

  static StatedRules parse(byte[] form) {
    try {
      List<Field> fields = new ArrayList<>();
      collect(JSON.readTree(form), fields);
      return new StatedRules(fields);
    } catch (IOException e) {
      return NONE;
    }
  }

  Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    fields.forEach(f -> keys.add(f.key()));
    return keys;
  }

  List<Field> fields() {
    return fields;
  }

  /** What the values break, one Chinese sentence per rule. */
  List<String> breaches(Function<String, Object> values) {
    List<String> breaches = new ArrayList<>();
    for (Field field : fields) {
      Object value = values.apply(field.key());
      String name = "「" + field.label() + "」";
      boolean empty = value == null || value.toString().isBlank();
      if (empty) {
        if (field.required()) {
          breaches.add(name + "为必填项");
        }
        continue;
      }
      if (field.min() != null || field.max() != null) {
        Double number = number(value);
        if (number == null) {
          breaches.add(name + "应为数字");
        } else if (field.min() != null && number < field.min()) {
          breaches.add(name + "不能小于 " + plain(field.min()));
        } else if (field.max() != null && number > field.max()) {
          breaches.add(name + "不能大于 " + plain(field.max()));
        }
      }
      String text = value.toString();
      int length = text.trim().codePointCount(0, text.trim().length());
      if (field.minLength() != null && length < field.minLength()) {
        breaches.add(name + "至少应填 " + field.minLength() + " 个字");
      }
      if (field.maxLength() != null && length > field.maxLength()) {
        breaches.add(name + "最多 " + field.maxLength() + " 个字（填写了 " + length + " 个）");
      }
      if (field.pattern() != null && !field.pattern().matcher(text).find()) {
        breaches.add(name + "的格式不符合要求");
      }
      if (!field.choices().isEmpty() && !field.choices().contains(text)) {
        breaches.add(name + "只能从表单给出的选项中选择");
      }
    }
    return breaches;
  }

  private static void collect(JsonNode component, List<Field> fields) {
    String key = component.path("key").asText("");
    if (!key.isEmpty() && component.has("type") && !"text".equals(component.path("type").asText())) {
      JsonNode validate = component.path("validate");
      boolean conditional = component.has("conditional");
      fields.add(new Field(key, component.path("label").asText(key),
          validate.path("required").asBoolean(false) && !conditional, decimal(validate, "min"),
          decimal(validate, "max"), integer(validate, "minLength"), integer(validate, "maxLength"),
          pattern(validate.path("pattern").asText("")), choices(component)));
    }
    for (JsonNode child : component.path("components")) {
      collect(child, fields);
    }
  }

  private static Set<String> choices(JsonNode component) {
    String type = component.path("type").asText();
    Set<String> choices = new LinkedHashSet<>();
    if ("select".equals(type) || "radio".equals(type)) {
      component.path("values").forEach(v -> choices.add(v.path("value").asText()));
    }
    return choices;
  }

  private static Double decimal(JsonNode validate, String name) {
    return validate.path(name).isNumber() ? validate.path(name).asDouble() : null;
  }

  private static Integer integer(JsonNode validate, String name) {
    return validate.path(name).isNumber() ? validate.path(name).asInt() : null;
  }

  private static Pattern pattern(String regex) {
    if (regex.isEmpty()) {
      return null;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      return null;
    }
  }

  private static Double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.valueOf(value.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String plain(double number) {
    return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
  }
}
