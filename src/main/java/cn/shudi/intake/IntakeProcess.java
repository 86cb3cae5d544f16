package cn.shudi.intake;

import java.util.Locale;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.blueprint.StartForms;
import cn.shudi.process.BpmnElement;
import cn.shudi.process.Variable;

/**
 * shared_intake (诉求受理·研判派单), {@code processes/shared/shared_intake.bpmn}: the command centre's front door
 * (seed 002: 受理、研判、分流、督办、反馈、考评). A request — 执法诉求, 发展诉求 or 民生诉求, from the hotline, a grid
 * worker, an enterprise, a township or the web — is registered ({@link Intake#receive}: checked, stored, the list's
 * suggestion and possible duplicates worked out), the command centre decides it (研判派单): dispatched by the list
 * (the item's blueprint runs as the case, called by this process, so the request follows the case), linked to an
 * earlier request as its duplicate, or sent to the competent department as that department's own work when outside
 * the list. The unit a request is dispatched to signs it within three working days or returns it with reason and
 * evidence (退单), which the command centre decides. Once closed, the command centre calls the requester back (回访);
 * a 不满意 sends the work back once.
 */
public final class IntakeProcess {

  public static final String KEY = "shared_intake";

  /** The bean of {@code ${intake.receive(execution)}} and the other adapters (docs/security.md). */
  public static final String BEAN = "intake";

  /** The model's elements; an element's id is the key, "_" and its name in lower case. */
  public enum Element implements BpmnElement {
    START,
    /** 登记诉求: checked and stored, the suggestion and the possible duplicates worked out. */
    RECEIVE,
    /** 研判派单: the command centre decides the request. */
    DISPATCH,
    /** 是重复诉求？ */
    DECISION_GATEWAY,
    /** 属于清单事项？ (not a duplicate: by the list, or outside it) */
    LIST_GATEWAY,
    /** 已并入原诉求: a duplicate, linked to the earlier request. */
    MERGED,
    /** 办理职责内事项: outside the list, the competent department's own work. */
    OWN_WORK,
    /** 签收派单: the unit signs the dispatch or returns it (退单). */
    SIGN,
    /** 签收已超时: three working days passed; the work stays the unit's. */
    SIGN_DEADLINE,
    /** 是否签收？ */
    SIGN_GATEWAY,
    /** 复核退单: the command centre decides a return. */
    REVIEW,
    /** 退单理由成立？ */
    REVIEW_GATEWAY,
    /** Before the case: signed, return not upheld, or lapsed. */
    CASE_MERGE,
    /** 办理案件: the item's blueprint, called with the request's township and text. */
    CASE,
    /** 记录办理结果. */
    CLOSE,
    /** Before the callback: from the case or the department's own work. */
    CALLBACK_MERGE,
    /** 回访诉求人. */
    CALLBACK,
    /** 不满意需重办？ once per request. */
    REWORK_GATEWAY,
    /** 重新办理: the unit works the request again after a 不满意. */
    REWORK,
    /** 诉求已办结. */
    END;

    @Override
    public String id() {
      return KEY + "_" + name().toLowerCase(Locale.ROOT);
    }
  }

  // --- start form intake-start (written per county by blueprint's StartForms; the intake API starts the process
  // with the same variables) ---
  /** {@link RequestKind} value: enforcement, development, livelihood. */
  public static final Variable<String> KIND = StartForms.INTAKE_KIND;
  /** {@link RequestSource} value: hotline, grid, enterprise, township, web. */
  public static final Variable<String> SOURCE = StartForms.INTAKE_SOURCE;
  /** The sender's own id of the request (hotline work-order number); replays are refused. */
  public static final Variable<String> EXTERNAL_ID = StartForms.INTAKE_EXTERNAL_ID;
  public static final Variable<String> TEXT = StartForms.INTAKE_TEXT;
  /** The township's unit code. */
  public static final Variable<String> TOWNSHIP = ItemProcess.TOWNSHIP;
  public static final Variable<String> GRID = StartForms.INTAKE_GRID;
  /** Latitude and longitude as text (a form's field), e.g. {@code 36.7121}; both or neither. */
  public static final Variable<String> LATITUDE = StartForms.INTAKE_LATITUDE;
  public static final Variable<String> LONGITUDE = StartForms.INTAKE_LONGITUDE;
  /**
   * The requester's name and phone: personal data, moved into the intake table by 登记诉求 and removed from the
   * process (no history: reliability's lean history writes none for variables named {@code private…}).
   */
  public static final Variable<String> CONTACT_NAME = StartForms.INTAKE_CONTACT_NAME;
  public static final Variable<String> CONTACT_PHONE = StartForms.INTAKE_CONTACT_PHONE;

  // --- set by 登记诉求 ---
  /** The request's id (also the process's business key). */
  public static final Variable<String> REQUEST_ID = Variable.string("intakeRequestId");
  public static final Variable<String> COMMAND_CENTRE_GROUP = ItemProcess.COMMAND_CENTRE_GROUP;
  public static final Variable<String> JURISDICTION = ItemProcess.JURISDICTION;
  /** The township by name, for the forms. */
  public static final Variable<String> TOWNSHIP_NAME = Variable.string("intakeTownshipName");
  /** The list's suggestion as the dispatcher reads it: up to three items, each with why. */
  public static final Variable<String> SUGGESTION_TEXT = Variable.string("intakeSuggestionText");
  /** A warning when nothing on the list fits (empty otherwise). */
  public static final Variable<String> WARNING = Variable.string("intakeWarning");
  /** Earlier requests that may be the same (empty when none), as the dispatcher reads them. */
  public static final Variable<String> DUPLICATES_TEXT = Variable.string("intakeDuplicatesText");
  /** Json: the radio options of the item (the suggestion's candidates), {@code [{label, value}]}. */
  public static final String ITEM_OPTIONS = "intakeItemOptions";
  /** Json: the radio options of the earlier request a duplicate is linked to. */
  public static final String DUPLICATE_OPTIONS = "intakeDuplicateOptions";

  // --- form intake-dispatch (研判派单) ---
  /** {@link #DISPATCH}, {@link #DUPLICATE} or {@link #OFF_LIST}. */
  public static final Variable<String> DECISION = Variable.string("intakeDecision");
  public static final String DISPATCH = "dispatch";
  public static final String DUPLICATE = "duplicate";
  public static final String OFF_LIST = "off_list";
  /** The item chosen among the suggestion's candidates. */
  public static final Variable<String> ITEM_CHOICE = Variable.string("intakeItemChoice");
  /** Another item's code, when none of the candidates is right (it wins over the choice). */
  public static final Variable<String> ITEM_CORRECTION = Variable.string("intakeItemCorrection");
  /** The earlier request a duplicate is linked to. */
  public static final Variable<String> DUPLICATE_OF = Variable.string("intakeDuplicateOf");
  /** Outside the list: the competent department by name. */
  public static final Variable<String> COMPETENT_DEPARTMENT = Variable.string("intakeCompetentDepartment");
  public static final Variable<String> DISPATCH_NOTE = Variable.string("intakeDispatchNote");

  // --- set by 研判派单 ---
  /** The item's code (e.g. {@code ZQ054}) and name. */
  public static final Variable<String> ITEM_CODE = ItemProcess.ITEM_CODE;
  public static final Variable<String> ITEM_NAME = ItemProcess.ITEM_NAME;
  /** The unit that signs, handles outside the list or works again: the item's primary unit. */
  public static final Variable<String> PRIMARY_GROUP = Variable.string("intakePrimaryGroup");
  public static final Variable<String> PRIMARY_NAME = Variable.string("intakePrimaryName");
  public static final Variable<String> COOPERATING_NAMES = Variable.string("intakeCooperatingNames");
  /** The item's 办结时限 (e.g. {@code 15个工作日}). */
  public static final Variable<String> TIME_LIMIT = Variable.string("intakeTimeLimit");
  /** The case's variables: the blueprint reads them (township above). */
  public static final Variable<String> CASE_SUBJECT = ItemProcess.CASE_SUBJECT;
  public static final Variable<String> CASE_DESCRIPTION = ItemProcess.CASE_DESCRIPTION;

  // --- form intake-sign (签收派单) ---
  /** {@code yes}: signed; {@code no}: returned. */
  public static final Variable<String> SIGNED = Variable.string("intakeSigned");
  public static final Variable<String> RETURN_REASON = Variable.string("intakeReturnReason");
  public static final Variable<String> RETURN_EVIDENCE = Variable.string("intakeReturnEvidence");
  public static final String YES = "yes";
  public static final String NO = "no";

  // --- form intake-return-review (复核退单) ---
  /** {@code yes}: the return stands, the request goes back to 研判派单. */
  public static final Variable<String> RETURN_UPHELD = Variable.string("intakeReturnUpheld");
  public static final Variable<String> RETURN_DECISION = Variable.string("intakeReturnDecision");

  // --- the result: the case's (mapped out of the blueprint's caseResult), or form intake-work's ---
  /** What was done, as the requester is told at the callback. */
  public static final Variable<String> WORK_RESULT = Variable.string("intakeWorkResult");
  /** The blueprint's variable mapped out into {@link #WORK_RESULT}. */
  public static final Variable<String> CASE_RESULT = ItemProcess.CASE_RESULT;

  // --- form intake-callback (回访诉求人) ---
  /** {@code yes} / {@code no}. */
  public static final Variable<String> REACHED = Variable.string("intakeReached");
  public static final Variable<String> SOLVED = Variable.string("intakeSolved");
  /** satisfied, basically_satisfied, dissatisfied. */
  public static final Variable<String> RATING = Variable.string("intakeRating");
  public static final Variable<String> CALLBACK_COMMENT = Variable.string("intakeCallbackComment");
  /** Set by the callback: the work goes back (a 不满意, the first time). */
  public static final Variable<Boolean> REWORK_NEEDED = Variable.bool("intakeReworkNeeded");
  /** The work went back once. */
  public static final Variable<Boolean> REWORKED = Variable.bool("intakeReworked");

  private IntakeProcess() {
  }
}
