package cn.shudi.casework;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.organization.Organization;

/**
 * The outcome of every completed step of every case (table {@code shudi_step_outcome}, Flyway V6): who did
 * it, for which unit, when, and what the form recorded. A step records its outcome as it completes
 * ({@link StepRecorder}, in the engine's transaction of the completion: if the completion rolls back, so
 * does the row); the credit file and the case's result read it here. This is casework's public API for
 * what happened in a case; nothing else reads the table.
 */
@Component
public class StepOutcomes {

  /** Each text of the facts is cut to this many characters, so a long free text cannot fail a completion. */
  static final int FACT_SIZE = 2000;
  /** The size of the facts column (V6). */
  static final int FACTS_SIZE = 16000;
  /** The fact listing the fields left out when all of them would not fit. */
  static final String OMITTED = "_omitted";

  /**
   * One completed step.
   *
   * @param caseId the process instance
   * @param jurisdiction the case's tenant
   * @param unitGroup the unit that did it: the task's candidate group ({@code zhangqiu_market})
   * @param unitName the unit's short name, else its group
   * @param completedBy the logged-in user who completed the task, else its assignee; null for the platform
   * @param facts the fields of the step's form (its local variables), by name; values are text, numbers,
   *     booleans or null (a date as its ISO instant)
   */
  public record Outcome(String caseId, String jurisdiction, String stepId, String stepName, String taskId,
      String unitGroup, String unitName, String completedBy, Instant completedAt, Map<String, Object> facts) {

    public Outcome {
      facts = facts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }
  }

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Organization organization;

  StepOutcomes(JdbcClient jdbc, ObjectMapper json, Organization organization) {
    this.jdbc = jdbc;
    // the facts keep a field left empty (null): the platform's mapper leaves nulls out (spring.jackson)
    this.json = json.copy().setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS);
    this.organization = organization;
  }

  /** The case's completed steps in the order they completed (a repeated step once per round). */
  public List<Outcome> ofCase(String caseId) {
    return jdbc.sql("""
        select case_id, jurisdiction, step_id, step_name, task_id, unit_group, unit_name, completed_by, completed_at,
          facts
        from shudi_step_outcome where case_id = :caseId order by seq
        """)
        .param("caseId", caseId)
        .query((rs, n) -> new Outcome(rs.getString("case_id"), rs.getString("jurisdiction"), rs.getString("step_id"),
            rs.getString("step_name"), rs.getString("task_id"), rs.getString("unit_group"), rs.getString("unit_name"),
            rs.getString("completed_by"), organization.instant(rs.getObject("completed_at", java.time.LocalDateTime.class),
                rs.getString("jurisdiction")), facts(rs.getString("facts"))))
        .list();
  }

  /** Records a completed step: one insert, in the caller's (the engine's) transaction. */
  void record(Outcome outcome) {
    jdbc.sql("""
        insert into shudi_step_outcome (case_id, jurisdiction, step_id, step_name, task_id, unit_group, unit_name,
          completed_by, completed_at, facts)
        values (:caseId, :jurisdiction, :stepId, :stepName, :taskId, :unitGroup, :unitName, :by, :at, :facts)
        """)
        .param("caseId", outcome.caseId()).param("jurisdiction", outcome.jurisdiction())
        .param("stepId", outcome.stepId()).param("stepName", cut(outcome.stepName(), 255))
        .param("taskId", outcome.taskId()).param("unitGroup", outcome.unitGroup())
        .param("unitName", cut(outcome.unitName(), 200)).param("by", outcome.completedBy())
        .param("at", organization.local(outcome.completedAt(), outcome.jurisdiction()))
        .param("facts", json(outcome.facts()))
        .update();
  }

  /** The facts as JSON within {@value #FACTS_SIZE} characters: texts cut, fields that do not fit left out. */
  String json(Map<String, Object> facts) {
    Map<String, Object> kept = new LinkedHashMap<>();
    facts.forEach((name, value) -> kept.put(name, plain(value)));
    String all = write(kept);
    if (all.length() <= FACTS_SIZE) {
      return all;
    }
    kept.clear();
    List<String> omitted = new ArrayList<>();
    for (Map.Entry<String, Object> fact : facts.entrySet()) {
      kept.put(fact.getKey(), plain(fact.getValue()));
      if (write(kept).length() > FACTS_SIZE - 1000) {
        kept.remove(fact.getKey());
        omitted.add(fact.getKey());
      }
    }
    if (!omitted.isEmpty()) {
      kept.put(OMITTED, cut(String.join(",", omitted), 900));
    }
    return write(kept);
  }

  private String write(Map<String, Object> facts) {
    try {
      return json.writeValueAsString(facts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> facts(String text) {
    if (text == null || text.isBlank()) {
      return Map.of();
    }
    try {
      return json.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
      });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("环节记录的内容不是合法的 JSON：" + e.getOriginalMessage(), e);
    }
  }

  /** A value as the table keeps it: text (cut), number, boolean or null. */
  private static Object plain(Object value) {
    if (value == null || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    return cut(value.toString(), FACT_SIZE);
  }

  static String cut(String text, int size) {
    if (text == null || text.length() <= size) {
      return text;
    }
    String mark = "…（超长，已截断）";
    return text.substring(0, size - mark.length()) + mark;
  }
}
