package cn.shudi.security;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import jakarta.servlet.http.HttpServletResponse;

/**
 * JSON as the guards read and write it. Reading is strict (a duplicate key or anything after the value is an
 * error), so a request body and a form mean one thing only, whoever reads them after the guard; a refusal is
 * written in Camunda's error format ({@code {"type": …, "message": …}}).
 */
final class StrictJson {

  static final ObjectMapper MAPPER = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private StrictJson() {
  }

  static void writeRefusal(HttpServletResponse response, int status, String type, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    MAPPER.writeValue(response.getOutputStream(), Map.of("type", type, "message", message));
  }
}
