package cn.shudi.call;

import java.util.Locale;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.blueprint.StartForms;
import cn.shudi.process.BpmnElement;
import cn.shudi.process.Variable;

/**
 * shared_call (乡呼县应), {@code processes/shared/shared_call.bpmn}: a township calls about a matter and proposes a
 * department; {@link Calls} reads the call against the list (a matter outside the list is the department's own job,
 * never refused) and proposes the primary and cooperating departments and the time limits, which the command centre
 * confirms or changes (研判派单, seed 002); the primary department accepts, or returns the call with reason and
 * evidence for the command centre to decide within two working days; it handles and rates the call while each
 * cooperating department does its part; the township rates the result, and a 不满意 sends the work back once
 * (重办); an overdue step calls {@link SupervisionProcess}.
 */
public final class CallProcess {

  public static final String KEY = "shared_call";

  /** The bean of {@code ${calls.open(execution)}} (核对清单事项). */
  public static final String CALLS_BEAN = "calls";
  /** The error {@link Calls} throws for a call outside the list (boundary event 事项不在清单内). */
  public static final String OUTSIDE_LIST = "OUTSIDE_LIST";

  /** The model's elements; an element's id is the key, "_" and its name in lower case. */
  public enum Element implements BpmnElement {
    START,
    CHECK,
    OUTSIDE_LIST,
    REFUSED,
    /** 研判派单: the command centre names the primary and cooperating departments and the time limits. */
    DISPATCH,
    /** 受理呼叫: the primary department accepts the call; monitored and ranked as the call's response. */
    ACCEPT,
    ACCEPT_DEADLINE,
    ACCEPT_SUPERVISE,
    ACCEPT_SUPERVISED,
    GATEWAY,
    /** 复核退回理由: the command centre decides a returned call. */
    REVIEW,
    /** 复核已超时: undecided in time, the call stays the department's. */
    REVIEW_DEADLINE,
    /** 退回理由成立？ */
    REVIEW_GATEWAY,
    /** 呼叫已退回. */
    REVIEWED,
    HANDLE_MERGE,
    /** The primary department handles the call while the cooperating departments do their part. */
    FORK,
    HANDLE,
    HANDLE_DEADLINE,
    HANDLE_SUPERVISE,
    HANDLE_SUPERVISED,
    /** 配合部门协办: one instance per cooperating department (multi-instance sub-process). */
    COOPERATE,
    COOPERATE_START,
    /** 协办呼叫事项: a cooperating department's task. */
    COOPERATE_TASK,
    COOPERATE_DEADLINE,
    COOPERATE_SUPERVISE,
    COOPERATE_SUPERVISED,
    COOPERATE_DONE,
    /** Both sides have done their part (asynchronous). */
    JOIN,
    EVALUATE,
    /** 不满意需重办？ once per call. */
    REWORK_GATEWAY,
    END;

    @Override
    public String id() {
      return KEY + "_" + name().toLowerCase(Locale.ROOT);
    }
  }

  // --- set when the call is opened (case opening) ---
  /** The calling township's group: candidate group of 评价办理结果. */
  public static final Variable<String> TOWNSHIP_GROUP = ItemProcess.TOWNSHIP_GROUP;
  public static final Variable<String> COMMAND_CENTRE_GROUP = ItemProcess.COMMAND_CENTRE_GROUP;

  // --- form call-start ---
  /** The calling township's unit code. */
  public static final Variable<String> TOWNSHIP = ItemProcess.TOWNSHIP;
  /** The list item called about (e.g. {@code ZQ054}, case-insensitive). */
  public static final Variable<String> CALL_ITEM_CODE = StartForms.CALL_ITEM_CODE;
  /** The called department's unit code (e.g. {@code market}). */
  public static final Variable<String> CALLED_DEPARTMENT = StartForms.CALLED_DEPARTMENT;
  public static final Variable<String> CALL_PROBLEM = StartForms.CALL_PROBLEM;
  public static final Variable<String> CALL_PLACE = StartForms.CALL_PLACE;
  public static final Variable<String> CALL_URGENCY = StartForms.CALL_URGENCY;

  // --- set by calls.open: the list's proposal for 研判派单; by calls.dispatch: the command centre's decision ---
  /** The primary department's group: candidate group of 受理呼叫 and 办理呼叫事项. */
  public static final Variable<String> CALLED_DEPARTMENT_GROUP = Variable.string("calledDepartmentGroup");
  /** The primary department by name (form call-dispatch). */
  public static final Variable<String> CALL_PRIMARY_DEPARTMENT = Variable.string("callPrimaryDepartment");
  /** The cooperating departments by name, separated by 、 (form call-dispatch; may be empty). */
  public static final Variable<String> CALL_COOPERATING_DEPARTMENTS = Variable.string("callCooperatingDepartments");
  /** The cooperating departments' groups, separated by commas: the collection of 配合部门协办. */
  public static final Variable<String> CALL_COOPERATING_GROUPS = Variable.string("callCooperatingGroups");
  /** The element of 配合部门协办: one cooperating department's group. */
  public static final Variable<String> COOPERATING_GROUP = Variable.string("cooperatingGroup");
  /** The command centre's note on its dispatch (form call-dispatch). */
  public static final Variable<String> CALL_DISPATCH_NOTE = Variable.string("callDispatchNote");
  /** The item's 呼叫响应时限 (e.g. 24小时). */
  public static final Variable<String> CALL_RESPONSE_LIMIT = Variable.string("callResponseLimit");
  /** The item's 办结时限. */
  public static final Variable<String> CALL_TIME_LIMIT = Variable.string("callTimeLimit");
  public static final Variable<String> ITEM_NAME = ItemProcess.ITEM_NAME;
  /** Why the call was refused: it names no department of the county. */
  public static final Variable<String> REFUSAL_REASON = Variable.string("refusalReason");
  /** The call's matter is outside the list: the department's own job (清单之外无属地管理事项). */
  public static final Variable<Boolean> CALL_OFF_LIST = Variable.bool("callOffList");
  public static final Variable<String> CALL_OFF_LIST_NOTE = Variable.string("callOffListNote");
  /** The work went back once after a 不满意 rating. */
  public static final Variable<Boolean> CALL_REWORKED = Variable.bool("callReworked");

  // --- form call-accept ---
  /** {@code yes} or {@code no}. */
  public static final Variable<String> CALL_ACCEPTED = Variable.string("callAccepted");
  public static final Variable<String> CALL_ACCEPT_NOTE = Variable.string("callAcceptNote");
  /** When not accepted: why, and the evidence (law, list, facts); both required. */
  public static final Variable<String> CALL_RETURN_REASON = Variable.string("callReturnReason");
  public static final Variable<String> CALL_RETURN_EVIDENCE = Variable.string("callReturnEvidence");
  public static final String YES = "yes";
  public static final String NO = "no";

  // --- form call-return-review (复核退回理由) ---
  /** {@code yes}: the return stands, the call ends; {@code no}: the department handles it. */
  public static final Variable<String> CALL_RETURN_UPHELD = Variable.string("callReturnUpheld");
  public static final Variable<String> CALL_RETURN_DECISION = Variable.string("callReturnDecision");
  /** Whom the command centre finds at fault for the returned call: township, department or none. */
  public static final Variable<String> CALL_RETURN_FAULT = Variable.string("callReturnFault");

  // --- form call-feedback: the result (local to the task, mapped out) and the department's rating of the call ---
  public static final Variable<String> DUTY_RESULT = ItemProcess.DUTY_RESULT;
  public static final Variable<String> DUTY_FINDINGS = ItemProcess.DUTY_FINDINGS;
  /** The result of 办理呼叫事项, mapped out of the task. */
  public static final Variable<String> HANDLE_RESULT = Variable.string(Element.HANDLE.id() + "_result");
  public static final Variable<String> HANDLE_FINDINGS = Variable.string(Element.HANDLE.id() + "_findings");
  /** Yes/no answers: the call was justified, complete, within the list. */
  public static final Variable<String> CALL_JUSTIFIED = Variable.string("callJustified");
  public static final Variable<String> CALL_COMPLETE = Variable.string("callComplete");
  public static final Variable<String> CALL_WITHIN_LIST = Variable.string("callWithinList");
  public static final Variable<String> CALL_RATING_COMMENT = Variable.string("callRatingComment");
  /** Set after the call rating: its id. */
  public static final Variable<String> CALL_RATING_ID = Variable.string("callRatingId");

  // --- form evaluation (评价办理结果; also shared_evaluation's) ---
  /** A {@code Rating} value: satisfied, basically_satisfied, dissatisfied. */
  public static final Variable<String> RATING = Variable.string("rating");
  public static final Variable<String> RATING_COMMENT = Variable.string("ratingComment");

  private CallProcess() {
  }
}
