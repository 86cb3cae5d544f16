package cn.shudi.catalog;

import java.util.Objects;

/**
 * One line of a unit's duties. Its kind says what the blueprint makes of it (docs/catalog-format.md, 步骤类型): a
 * case step becomes a user task — behind a gateway when it is done only if a fact holds ({@link #condition()}),
 * and waited for by another unit when it hands the case over ({@link #handOverTo()}); the report that starts a
 * case is the case's start, not a task; work outside a case is a note of the item; the credit-file entry is written
 * by the platform.
 *
 * @param name what staff see in Tasklist, verb + object, 2–10 characters
 * @param description one sentence of what the person does
 * @param timeLimit how long the step may take
 * @param kind what the step is in a case
 * @param condition the fact the step depends on ({@code 〔条件：发现隐患〕}), null for a step done in every case
 * @param handOverTo the short name of the unit this step hands the case to ({@code 〔移交：区公安分局〕}), or null:
 *     that unit's first step waits for this one
 * @param pattern the case pattern the step follows in place of its one task (column 案件模式), or null
 */
public record Step(String name, String description, TimeLimit timeLimit, Kind kind, CaseFact condition,
    String handOverTo, CasePattern pattern) {

  /** What a step is in a case; each but {@link #CASE} has its marker at the start of the step line. */
  public enum Kind {
    /** A step of every case (or of the cases where its condition holds): a user task. */
    CASE(""),
    /** What starts a case (a report, a patrol finding, a call, a dispatch): the start event's meaning. */
    START("启动"),
    /** Routine work outside a case (plans, censuses, name lists, licences): a note of the item. */
    OUTSIDE("非案件"),
    /** The one credit-file entry of the case, written by the platform after the units' paths. */
    CREDIT("信用档案");

    private final String marker;

    Kind(String marker) {
      this.marker = marker;
    }

    /** The word in {@code 〔…〕}, empty for {@link #CASE}. */
    public String marker() {
      return marker;
    }
  }

  public Step {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(timeLimit, "timeLimit");
    Objects.requireNonNull(kind, "kind");
    if (kind != Kind.CASE && (condition != null || handOverTo != null)) {
      throw new IllegalArgumentException("只有案件步骤可以带条件或移交：「" + name + "」是" + kind.marker());
    }
    if (kind != Kind.CASE && pattern != null) {
      throw new IllegalArgumentException("只有案件步骤可以按案件模式办理：「" + name + "」是" + kind.marker());
    }
  }

  /** A step as its line writes it, without a case pattern (the column 案件模式 adds one). */
  public Step(String name, String description, TimeLimit timeLimit, Kind kind, CaseFact condition,
      String handOverTo) {
    this(name, description, timeLimit, kind, condition, handOverTo, null);
  }

  /** A step of every case. */
  public Step(String name, String description, TimeLimit timeLimit) {
    this(name, description, timeLimit, Kind.CASE, null, null, null);
  }

  /** The same step, following the pattern. */
  public Step following(CasePattern casePattern) {
    return new Step(name, description, timeLimit, kind, condition, handOverTo, casePattern);
  }

  public boolean followsPattern() {
    return pattern != null;
  }

  /** Whether the step is a task of the case: a case step, conditional or not. */
  public boolean isTask() {
    return kind == Kind.CASE;
  }

  public boolean isConditional() {
    return condition != null;
  }

  public boolean handsOver() {
    return handOverTo != null;
  }
}
