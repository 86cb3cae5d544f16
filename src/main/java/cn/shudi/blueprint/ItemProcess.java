package cn.shudi.blueprint;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import cn.shudi.process.BpmnElement;
import cn.shudi.process.Variable;

/**
 * The blueprint family: every list item's process, generated ({@link BlueprintGenerator}) or hand-modelled
 * (ZQ054, ZQ016, ZQ024, ZQ025), in one class. It declares what every item shares: the variables of a case
 * (start form, case opening, the duty forms' fields), the element-id scheme ({@link Ids}) and the beans the
 * models call. The generator writes models with it; casework and the credit file read cases through it.
 *
 * <p>It lives in {@code blueprint} (which knows the list and the organization, not the runtime), so
 * {@code casework} and {@code credit} depend on it and nothing here depends on them.
 */
public final class ItemProcess {

  // the start form (Tasklist's "case-start")
  /** The key of the start form every blueprint's case starts from. */
  public static final String START_FORM = "case-start";
  /** The unit code of the township where the case happens. */
  public static final Variable<String> TOWNSHIP = Variable.string("township");
  /** The enterprise, place or building the case is about. */
  public static final Variable<String> CASE_SUBJECT = Variable.string("caseSubject");
  /** Optional: the subject's unified social credit code (enterprises). */
  public static final Variable<String> CREDIT_CODE = Variable.string("creditCode");
  public static final Variable<String> CASE_DESCRIPTION = Variable.string("caseDescription");

  // set when the case opens (caseOpening)
  /** The candidate group of the case's township, e.g. {@code zhangqiu_mingshui}. */
  public static final Variable<String> TOWNSHIP_GROUP = Variable.string("townshipGroup");
  public static final Variable<String> COMMAND_CENTRE_GROUP = Variable.string("commandCentreGroup");
  public static final Variable<String> JURISDICTION = Variable.string("jurisdiction");
  public static final Variable<String> ITEM_CODE = Variable.string("itemCode");
  public static final Variable<String> ITEM_NAME = Variable.string("itemName");
  public static final Variable<Boolean> SEVERAL_DEPARTMENTS = Variable.bool("severalDepartments");
  /** The login of the person who started the case (not set when the platform starts it). */
  public static final Variable<String> CASE_STARTER = Variable.string("caseStarter");
  /** The starter's unit group: its staff read the case's tasks in their filter 我发起的案件. */
  public static final Variable<String> CASE_STARTER_GROUP = Variable.string("caseStarterGroup");

  // local to every task of a case (casework's CaseCard), for Tasklist's task cards: unit staff may read their
  // tasks, not the case's variables, and Tasklist reads card variables with the staff member's grants
  /**
   * One line that tells this case's task from another's: the case's subject, its township, the unit the task is
   * for and the list item, each after its label (对象：…　镇街：…　办理单位：…　事项：…). One variable, not four:
   * every task of every case writes it.
   */
  public static final Variable<String> CARD = Variable.string("card");

  // the shared processes every item calls (call activities); their classes take the keys and variables from here,
  // since the caller declares what it passes and blueprint does not depend on call or evaluation
  /** Called after the case's record: the township rates the departments (evaluation's EvaluationProcess). */
  public static final String EVALUATION_KEY = "shared_evaluation";
  /**
   * The one call of an item's blueprint by another process: the intake's 办理案件 (intake's IntakeProcess), whose bean
   * names the blueprint of the item the request was dispatched by, as stored, and which takes the county's latest
   * version of it (a blueprint admitted or adjusted later is deployed on its own).
   */
  public static final String ITEM_CASE_CALL = "${intake.caseKey(execution)}";
  /** Called at a step's deadline (call's SupervisionProcess), with the two variables below and all the case's. */
  public static final String SUPERVISION_KEY = "shared_supervision";
  /** The name of the overdue step (超期环节), passed to {@link #SUPERVISION_KEY}. */
  public static final Variable<String> OVERDUE_STEP = Variable.string("overdueStep");
  /** The group of the overdue unit (超期单位), passed to {@link #SUPERVISION_KEY}. */
  public static final Variable<String> OVERDUE_GROUP = Variable.string("overdueGroup");

  /** The summary written when all parallel paths are done (caseRecords). */
  public static final Variable<String> CASE_RESULT = Variable.string("caseResult");

  // the fields of a step's form, local to the step (its input mapping); the step's outcome records them
  public static final Variable<String> DUTY_RESULT = Variable.string("dutyResult");
  public static final Variable<String> DUTY_FINDINGS = Variable.string("dutyFindings");
  /** Inspection form: hazards found. */
  public static final Variable<Long> HAZARD_COUNT = Variable.longValue("hazardCount");
  /** Inspection form: {@code none} / {@code general} / {@code major}. */
  public static final Variable<String> HAZARD_LEVEL = Variable.string("hazardLevel");
  /** Rectification-order form. */
  public static final Variable<Long> RECTIFICATION_DAYS = Variable.longValue("rectificationDays");
  public static final Variable<String> RECTIFICATION_REQUIREMENTS = Variable.string("rectificationRequirements");
  /** Re-inspection form: {@code yes} / {@code no}. */
  public static final Variable<String> RECTIFIED = Variable.string("rectified");

  /** The fields every duty step's form has (the generator's input mapping). */
  public static final List<Variable<String>> DUTY_FIELDS = List.of(DUTY_RESULT, DUTY_FINDINGS);

  /**
   * Suffixes of the per-step copies the output mappings keep in the case ({@code <step>_result},
   * {@code <step>_findings}): gateways, Cockpit and the evaluation read them.
   */
  public static final String STEP_RESULT_SUFFIX = "_result";
  public static final String STEP_FINDINGS_SUFFIX = "_findings";

  // beans the models call (names on the expression allow-list, shudi.security.expressions.beans)
  public static final String CASE_OPENING = "caseOpening";
  public static final String CASE_RECORDS = "caseRecords";
  public static final String CASEWORK = "casework";
  public static final String DEADLINES = "deadlines";
  public static final String REMINDERS = "reminders";
  public static final String CREDIT_FILE = "creditFile";

  /** The start event's listener that opens a case: what makes a process a case of the family. */
  public static final String OPENING_LISTENER = "${" + CASE_OPENING + "}";
  public static final String RECORD_RESULT = "${" + CASE_RECORDS + ".recordResult(execution)}";
  public static final String RECORD_INSPECTION = "${" + CREDIT_FILE + ".recordInspection(execution)}";
  /** The candidate group of a step the case's township does. */
  public static final String TOWNSHIP_CANDIDATE = "${" + TOWNSHIP_GROUP.name() + "}";

  /** The unit part of the id of a step the case's township does ({@code zq054_township_1}). */
  public static final String TOWNSHIP_UNIT = "township";

  private ItemProcess() {
  }

  /** The process key of a list item: its code in lower case ({@code ZQ054} → {@code zq054}). */
  public static String key(String itemCode) {
    return itemCode.toLowerCase(Locale.ROOT);
  }

  /** The ids of the item's model. */
  public static Ids ids(String itemCode) {
    return new Ids(key(itemCode));
  }

  public static String dueExpression(String timeLimit) {
    return "${" + DEADLINES + ".after('" + timeLimit + "')}";
  }

  public static String reminderExpression(String timeLimit) {
    return "${" + DEADLINES + ".reminderAt('" + timeLimit + "')}";
  }

  public static String remindExpression(Element step) {
    return "${" + REMINDERS + ".remind(execution, '" + step.id() + "')}";
  }

  /** An element of an item's model. */
  public record Element(String id) implements BpmnElement {

    /** The step's reminder timer (boundary event), before the deadline. */
    public Element reminder() {
      return part("reminder");
    }

    /** The service task the reminder runs. */
    public Element remind() {
      return part("remind");
    }

    public Element reminded() {
      return part("reminded");
    }

    /** The step's deadline timer (boundary event). */
    public Element deadline() {
      return part("deadline");
    }

    /** The call of shared_supervision at the deadline. */
    public Element supervise() {
      return part("supervise");
    }

    public Element supervised() {
      return part("supervised");
    }

    /** The step's documentation. */
    public Element doc() {
      return part("doc");
    }

    /** A case variable kept per step by an output mapping ({@code <step>_result}). */
    public String variable(String field) {
      return id + "_" + field;
    }

    public Element part(String suffix) {
      return new Element(id + "_" + suffix);
    }

    @Override
    public String toString() {
      return id;
    }
  }

  /**
   * The id scheme of one item's model: everything is {@code <key>_<part>}; a step is
   * {@code <key>_<unit>_<n>} (n from 1; a hand-modelled step may have a name instead of n, e.g.
   * {@code zq054_market_reinspect}), with {@code township} as the unit of the case's township.
   */
  public record Ids(String key) {

    public Element element(String part) {
      return new Element(key + "_" + part);
    }

    public Element start() {
      return element("start");
    }

    public Element fork() {
      return element("fork");
    }

    /** The join of the units' paths (async: its job completes it). */
    public Element join() {
      return element("join");
    }

    /** The service task that writes the case's one credit-file entry (creditFile), after the join. */
    public Element credit() {
      return element("credit");
    }

    /** The service task that records the case's result (caseRecords). */
    public Element record() {
      return element("record");
    }

    /** The call of shared_evaluation. */
    public Element evaluate() {
      return element("evaluate");
    }

    public Element end() {
      return element("end");
    }

    public Element lane(String unit) {
      return element(unit + "_lane");
    }

    /** The n-th step (from 1) of the unit. */
    public Element step(String unit, int n) {
      return element(unit + "_" + n);
    }

    /** A hand-modelled step named instead of numbered. */
    public Element step(String unit, String name) {
      return element(unit + "_" + name);
    }

    /** The township's n-th step. */
    public Element township(int n) {
      return step(TOWNSHIP_UNIT, n);
    }

    public Element flow(int n) {
      return element("flow_" + n);
    }

    /** The unit part of a step's id ({@code market} of {@code zq054_market_2}), when the id is of this item. */
    public Optional<String> unitOf(String stepId) {
      if (!stepId.startsWith(key + "_")) {
        return Optional.empty();
      }
      String rest = stepId.substring(key.length() + 1);
      int end = rest.indexOf('_');
      return Optional.of(end < 0 ? rest : rest.substring(0, end));
    }
  }
}
