package cn.shudi.evaluation;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * The two-way evaluation (双向互评) as the processes call it:
 * <ul>
 * <li>{@code ${evaluations.record(execution)}}: the township's rating of a department that served a case
 * (shared_evaluation, after the form {@code evaluation});</li>
 * <li>{@code ${evaluations.recordCallRating(execution)}}: the department's rating of a township's call
 * (form {@code call-rating}: justified, complete, within the list);</li>
 * <li>{@link #openAppeal} (start listener of shared_appeal, through {@link AppealOpening}) and
 * {@code ${evaluations.decideAppeal(execution)}}: the rated unit appeals a rating once, the command centre
 * decides; an upheld appeal takes the rating out of the ranking.</li>
 * </ul>
 * Everything is stored in the platform's tables ({@link EvaluationStore}) in the engine's transaction.
 */
@Component("evaluations")
public class Evaluations {

  /** The counties' time zone: stored times are local time in it. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  public static final String RATING = "rating";
  public static final String RATING_COMMENT = "ratingComment";
  /** The multi-instance element: the department being rated. */
  public static final String DEPARTMENT_GROUP = "departmentGroup";
  /** The department a call went to (shared_call); rated by or rating the township. */
  public static final String CALLED_DEPARTMENT_GROUP = "calledDepartmentGroup";
  public static final String TOWNSHIP_GROUP = "townshipGroup";
  public static final String ITEM_CODE = "itemCode";
  public static final String CALL_ITEM_CODE = "callItemCode";
  /** Value → label of the rating scale, in the order of the form. */
  public static final Map<String, String> RATINGS = ratingLabels();

  /** Form call-rating: yes/no answers. */
  public static final String CALL_JUSTIFIED = "callJustified";
  public static final String CALL_COMPLETE = "callComplete";
  public static final String CALL_WITHIN_LIST = "callWithinList";
  public static final String CALL_RATING_COMMENT = "callRatingComment";
  /** Set after the call rating: its id. */
  public static final String CALL_RATING_ID = "callRatingId";

  /** Form appeal (start of shared_appeal). */
  public static final String RATING_ID = "ratingId";
  public static final String APPEAL_REASON = "appealReason";
  /** Set at the start of shared_appeal. */
  public static final String APPEAL_ID = "appealId";
  public static final String COMMAND_CENTRE_GROUP = "commandCentreGroup";
  /** Form appeal-decision. */
  public static final String APPEAL_DECISION = "appealDecision";
  public static final String APPEAL_DECISION_NOTE = "appealDecisionNote";

  static final int COMMENT_LENGTH = 1000;
  static final int REASON_LENGTH = 2000;

  private static final Logger LOG = LoggerFactory.getLogger(Evaluations.class);

  private final EvaluationStore store;
  private final Organization organization;
  private final IdentityService identity;

  Evaluations(EvaluationStore store, Organization organization, @Lazy IdentityService identity) {
    this.store = store;
    this.organization = organization;
    this.identity = identity;
  }

  // --- the township rates a department -----------------------------------------------------------

  /**
   * Stores the township's rating of the department {@code departmentGroup} (or, in a call,
   * {@code calledDepartmentGroup}) for the case: once per case and department, a repeated call returns the
   * rating already stored. Also keeps {@code evaluation_<group>} (the rating) and {@code evaluation_<group>_id}
   * (the id an appeal names) on the process instance.
   */
  public void record(DelegateExecution execution) {
    Object value = execution.getVariable(RATING);
    Rating rating = Rating.of(value).orElseThrow(() -> new NotValidException(
        "评价结果应为 " + String.join(" / ", RATINGS.values()) + "，收到：" + value));
    Jurisdiction jurisdiction = jurisdiction(execution);
    String departmentGroup = firstString(execution, DEPARTMENT_GROUP, CALLED_DEPARTMENT_GROUP);
    if (departmentGroup == null) {
      throw new NotValidException("未指明被评价的部门（变量 departmentGroup）");
    }
    Unit department = unitOfGroup(jurisdiction, departmentGroup).filter(Unit::isDepartment)
        .orElseThrow(() -> new NotValidException("「" + departmentGroup + "」不是" + jurisdiction.shortName() + "的部门"));
    StoredRating candidate = new StoredRating(UUID.randomUUID().toString(), jurisdiction.code(), caseId(execution),
        execution.getProcessInstanceId(), cut(firstString(execution, ITEM_CODE, CALL_ITEM_CODE), 16),
        firstString(execution, TOWNSHIP_GROUP), department.groupId(), department.code(), rating,
        text(execution, RATING_COMMENT, COMMENT_LENGTH), currentUser(), now(), false);
    StoredRating stored = store.saveRating(candidate);
    if (stored != candidate) {
      LOG.info("案件 {} 已评价过{}（{}），保留原评价", stored.caseId(), department.shortName(), stored.rating().label());
    }
    execution.getProcessInstance().setVariable("evaluation_" + department.groupId(), stored.rating().value());
    execution.getProcessInstance().setVariable("evaluation_" + department.groupId() + "_id", stored.id());
  }

  // --- the department rates the township's call --------------------------------------------------

  /**
   * Stores the called department's rating of the township's call: {@code callJustified},
   * {@code callComplete}, {@code callWithinList} (yes/no), {@code callRatingComment}. Once per call and
   * department; sets {@code callRatingId}.
   */
  public void recordCallRating(DelegateExecution execution) {
    Jurisdiction jurisdiction = jurisdiction(execution);
    boolean justified = yesNo(execution, CALL_JUSTIFIED, "呼叫是否确有必要");
    boolean complete = yesNo(execution, CALL_COMPLETE, "呼叫信息是否完整");
    boolean withinList = yesNo(execution, CALL_WITHIN_LIST, "呼叫事项是否属于清单内事项");
    String raterGroup = firstString(execution, CALLED_DEPARTMENT_GROUP, DEPARTMENT_GROUP);
    Unit department = unitOfGroup(jurisdiction, raterGroup).filter(Unit::isDepartment)
        .orElseThrow(() -> new NotValidException("未指明评价呼叫的部门（变量 calledDepartmentGroup），收到：" + raterGroup));
    String townshipGroup = firstString(execution, TOWNSHIP_GROUP);
    Unit township = unitOfGroup(jurisdiction, townshipGroup).filter(Unit::isTownship)
        .orElseThrow(() -> new NotValidException("未指明发起呼叫的镇街（变量 townshipGroup），收到：" + townshipGroup));
    CallRating candidate = new CallRating(UUID.randomUUID().toString(), jurisdiction.code(), caseId(execution),
        execution.getProcessInstanceId(), cut(firstString(execution, CALL_ITEM_CODE, ITEM_CODE), 16),
        department.groupId(), township.groupId(), township.code(), justified, complete, withinList,
        text(execution, CALL_RATING_COMMENT, COMMENT_LENGTH), currentUser(), now());
    CallRating stored = store.saveCallRating(candidate);
    execution.setVariable(CALL_RATING_ID, stored.id());
  }

  // --- appeals -------------------------------------------------------------------------------------

  /**
   * Start listener of shared_appeal: the rating {@code ratingId} exists in the county, the user starting
   * the appeal belongs to the rated unit, and the rating was never appealed before. Files the appeal and
   * sets what the command centre's task shows. Refuses with {@link NotValidException} (the start fails,
   * nothing is stored).
   */
  public void openAppeal(DelegateExecution execution) {
    Jurisdiction jurisdiction = jurisdiction(execution);
    String ratingId = Optional.ofNullable(firstString(execution, RATING_ID)).map(String::trim).orElse("");
    if (ratingId.isEmpty()) {
      throw new NotValidException("请填写要申诉的评价编号（ratingId）");
    }
    String reason = text(execution, APPEAL_REASON, REASON_LENGTH);
    if (reason == null || reason.isBlank()) {
      throw new NotValidException("请填写申诉理由（appealReason）");
    }
    StoredRating rating = store.rating(ratingId).filter(r -> r.jurisdiction().equals(jurisdiction.code()))
        .orElseThrow(() -> new NotValidException("评价「" + ratingId + "」不存在"));
    Authentication user = identity.getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null || !user.getGroupIds().contains(rating.ratedGroup())) {
      throw new NotValidException("只有被评价单位（" + unitName(jurisdiction, rating.ratedGroup())
          + "）的工作人员可以对该评价提出申诉");
    }
    Optional<Appeal> earlier = store.appealOf(rating.id());
    if (earlier.isPresent()) {
      throw new NotValidException("该评价已于 " + earlier.get().appealedAt().toLocalDate() + " 申诉过一次（"
          + earlier.get().stateLabel() + "），每条评价只能申诉一次，不能再次申诉");
    }
    Appeal appeal = new Appeal(UUID.randomUUID().toString(), rating.id(), jurisdiction.code(),
        execution.getProcessInstanceId(), rating.ratedGroup(), user.getUserId(), reason, now(), null, null, null,
        null);
    store.insertAppeal(appeal);
    execution.setVariable(RATING_ID, rating.id());
    execution.setVariable(APPEAL_ID, appeal.id());
    execution.setVariable("jurisdiction", jurisdiction.code());
    execution.setVariable(COMMAND_CENTRE_GROUP, jurisdiction.commandCentre().groupId());
    execution.setVariable("ratedGroup", rating.ratedGroup());
    execution.setVariable("ratedUnitName", unitName(jurisdiction, rating.ratedGroup()));
    execution.setVariable("raterUnitName", unitName(jurisdiction, rating.raterGroup()));
    execution.setVariable("ratedCaseId", rating.caseId());
    execution.setVariable(ITEM_CODE, rating.itemCode());
    execution.setVariable("originalRating", rating.rating().label());
    execution.setVariable("originalRatingComment", rating.comment());
  }

  /**
   * After the command centre's task 裁决申诉: {@code appealDecision} upheld (申诉成立: the rating no longer
   * counts) or rejected (申诉不成立), with {@code appealDecisionNote}. The first decision stands.
   */
  public void decideAppeal(DelegateExecution execution) {
    String appealId = firstString(execution, APPEAL_ID);
    Appeal appeal = Optional.ofNullable(appealId).flatMap(store::appeal)
        .orElseThrow(() -> new IllegalStateException("申诉「" + appealId + "」不存在"));
    String decision = firstString(execution, APPEAL_DECISION);
    if (!Appeal.UPHELD.equals(decision) && !Appeal.REJECTED.equals(decision)) {
      throw new NotValidException("裁决结果应为 申诉成立（upheld）或 申诉不成立（rejected），收到：" + decision);
    }
    String note = text(execution, APPEAL_DECISION_NOTE, REASON_LENGTH);
    if (note == null || note.isBlank()) {
      throw new NotValidException("请填写裁决意见（appealDecisionNote）");
    }
    boolean decided = store.decide(appeal.id(), decision, note, currentUser(), now());
    if (decided && Appeal.UPHELD.equals(decision)) {
      store.annul(appeal.ratingId());
    }
  }

  // --- helpers -------------------------------------------------------------------------------------

  static LocalDateTime now() {
    return LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZONE).withNano(0);
  }

  private Jurisdiction jurisdiction(DelegateExecution execution) {
    String code = execution.getTenantId() != null ? execution.getTenantId() : firstString(execution, "jurisdiction");
    return Optional.ofNullable(code).flatMap(organization::find).orElseThrow(() -> new NotValidException(
        "流程「" + execution.getProcessDefinitionId() + "」未部署在任何辖区（租户）下，不能评价"));
  }

  private static Optional<Unit> unitOfGroup(Jurisdiction jurisdiction, String group) {
    if (group == null) {
      return Optional.empty();
    }
    return jurisdiction.units().stream().filter(u -> u.groupId().equals(group)).findFirst();
  }

  private static String unitName(Jurisdiction jurisdiction, String group) {
    return unitOfGroup(jurisdiction, group).map(Unit::shortName).orElse(group);
  }

  /** The case: the process instance at the top of the call chain (the blueprint or the call). */
  private static String caseId(DelegateExecution execution) {
    if (execution instanceof ExecutionEntity entity && entity.getRootProcessInstanceId() != null) {
      return entity.getRootProcessInstanceId();
    }
    return execution.getProcessInstanceId();
  }

  private String currentUser() {
    Authentication user = identity.getCurrentAuthentication();
    return user == null ? null : user.getUserId();
  }

  private static String firstString(DelegateExecution execution, String... names) {
    for (String name : names) {
      Object value = execution.getVariable(name);
      if (value != null && !value.toString().isBlank()) {
        return value.toString();
      }
    }
    return null;
  }

  private static String text(DelegateExecution execution, String name, int length) {
    String value = firstString(execution, name);
    return value == null ? null : cut(value.trim(), length);
  }

  private static String cut(String value, int length) {
    return value == null || value.length() <= length ? value : value.substring(0, length);
  }

  private static boolean yesNo(DelegateExecution execution, String name, String question) {
    Object value = execution.getVariable(name);
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "yes", "true" -> true;
      case "no", "false" -> false;
      default -> throw new NotValidException("请回答：" + question + "（" + name + "，是/否），收到：" + value);
    };
  }

  private static Map<String, String> ratingLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    Arrays.stream(Rating.values()).forEach(r -> labels.put(r.value(), r.label()));
    return java.util.Collections.unmodifiableMap(labels);
  }
}
