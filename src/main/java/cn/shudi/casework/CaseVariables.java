package cn.shudi.casework;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The process variables every case of a blueprint carries, in one place: names and typed access.
 * Forms use the same names as field keys.
 */
public final class CaseVariables {

  /** Chosen on the start form: the unit code of the township where the case happens. */
  public static final String TOWNSHIP = "township";
  /** Chosen on the start form: the enterprise, place or building the case is about. */
  public static final String CASE_SUBJECT = "caseSubject";
  /** Optional on the start form: the subject's unified social credit code (enterprises). */
  public static final String CREDIT_CODE = "creditCode";
  public static final String CASE_DESCRIPTION = "caseDescription";

  /** Set at case start: the candidate group of the case's township, e.g. {@code zhangqiu_mingshui}. */
  public static final String TOWNSHIP_GROUP = "townshipGroup";
  public static final String COMMAND_CENTRE_GROUP = "commandCentreGroup";
  public static final String JURISDICTION = "jurisdiction";
  public static final String ITEM_CODE = "itemCode";
  public static final String ITEM_NAME = "itemName";
  public static final String SEVERAL_DEPARTMENTS = "severalDepartments";

  /** The summary written when all parallel paths are done. */
  public static final String CASE_RESULT = "caseResult";

  /** Local to a duty task (input mapping); the form writes into it, the output mapping keeps it per step. */
  public static final String DUTY_RESULT = "dutyResult";
  public static final String DUTY_FINDINGS = "dutyFindings";
  /** Suffix of the per-step copies of the above: {@code <taskId>_result}, {@code <taskId>_findings}. */
  public static final String STEP_RESULT_SUFFIX = "_result";
  public static final String STEP_FINDINGS_SUFFIX = "_findings";

  private CaseVariables() {
  }

  public static String string(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString();
  }

  public static String township(VariableScope scope) {
    return string(scope, TOWNSHIP);
  }

  public static String townshipGroup(VariableScope scope) {
    return string(scope, TOWNSHIP_GROUP);
  }

  public static String caseSubject(VariableScope scope) {
    return string(scope, CASE_SUBJECT);
  }

  public static String creditCode(VariableScope scope) {
    return string(scope, CREDIT_CODE);
  }

  public static String itemCode(VariableScope scope) {
    return string(scope, ITEM_CODE);
  }
}
