package cn.shudi.evaluation;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.exception.NotValidException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.shudi.call.CallProcess;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * The two-way evaluation (双向互评) itself, in typed values: the township rates a department that served a
 * case, the department rates the township's call, the rated unit appeals a rating once and the command
 * centre decides (an upheld appeal takes the rating out of the ranking). The process adapters
 * ({@link Evaluations}, {@link AppealOpening}) read the variables and call these. Everything is stored in the
 * platform's tables ({@link EvaluationStore}) in the caller's transaction; times are the county's
 * ({@link Jurisdiction#zone()}) by the engine clock.
 */
@Component
class Ratings {

  /** Value → label of the rating scale, in the order of the form. */
  static final Map<String, String> RATINGS = ratingLabels();

  static final int COMMENT_LENGTH = 1000;
  static final int REASON_LENGTH = 2000;
  private static final int ITEM_CODE_LENGTH = 16;

  private static final Logger LOG = LoggerFactory.getLogger(Ratings.class);

  private final EvaluationStore store;
  private final Organization organization;

  Ratings(EvaluationStore store, Organization organization) {
    this.store = store;
    this.organization = organization;
  }

  /** Where a rating is given: the county, the case (root process instance) and the process instance. */
  record Occasion(Jurisdiction jurisdiction, String caseId, String processInstanceId, String itemCode, String user) {
  }

  /**
   * Stores the township's rating of the department: once per case and department; a repeated call returns
   * the rating already stored.
   */
  StoredRating rateDepartment(Occasion occasion, String townshipGroup, String departmentGroup, Rating rating,
      String comment) {
    Jurisdiction jurisdiction = occasion.jurisdiction();
    if (departmentGroup == null) {
      throw new NotValidException("未指明被评价的部门（变量 " + EvaluationProcess.DEPARTMENT_GROUP.name() + "）");
    }
    Unit department = jurisdiction.unitOfGroup(departmentGroup).filter(Unit::isDepartment)
        .orElseThrow(() -> new NotValidException("「" + departmentGroup + "」不是" + jurisdiction.shortName() + "的部门"));
    StoredRating candidate = new StoredRating(UUID.randomUUID().toString(), jurisdiction.code(), occasion.caseId(),
        occasion.processInstanceId(), cut(occasion.itemCode(), ITEM_CODE_LENGTH), townshipGroup, department.groupId(),
        department.code(), rating, text(comment, COMMENT_LENGTH), occasion.user(), jurisdiction.now(), false);
    StoredRating stored = store.saveRating(candidate);
    if (stored != candidate) {
      LOG.info("案件 {} 已评价过{}（{}），保留原评价", stored.caseId(), department.shortName(), stored.rating().label());
    }
    return stored;
  }

  /** The department's answers about a township's call (form call-rating). */
  record CallAnswers(boolean justified, boolean complete, boolean withinList, String comment) {
  }

  /** Stores the called department's rating of the township's call: once per call and department. */
  CallRating rateCall(Occasion occasion, String raterGroup, String townshipGroup, CallAnswers answers) {
    Jurisdiction jurisdiction = occasion.jurisdiction();
    Unit department = jurisdiction.unitOfGroup(raterGroup).filter(Unit::isDepartment)
        .orElseThrow(() -> new NotValidException("未指明评价呼叫的部门（变量 " + CallProcess.CALLED_DEPARTMENT_GROUP.name()
            + "），收到：" + raterGroup));
    Unit township = jurisdiction.unitOfGroup(townshipGroup).filter(Unit::isTownship)
        .orElseThrow(() -> new NotValidException("未指明发起呼叫的镇街（变量 " + CallProcess.TOWNSHIP_GROUP.name()
            + "），收到：" + townshipGroup));
    CallRating candidate = new CallRating(UUID.randomUUID().toString(), jurisdiction.code(), occasion.caseId(),
        occasion.processInstanceId(), cut(occasion.itemCode(), ITEM_CODE_LENGTH), department.groupId(),
        township.groupId(), township.code(), answers.justified(), answers.complete(), answers.withinList(),
        text(answers.comment(), COMMENT_LENGTH), occasion.user(), jurisdiction.now());
    return store.saveCallRating(candidate);
  }

  /** Who starts an appeal: the user and the groups they belong to. */
  record Appellant(String userId, List<String> groupIds) {
  }

  /** A filed appeal with the rating it is against. */
  record OpenedAppeal(Appeal appeal, StoredRating rating) {
  }

  /**
   * Files an appeal: the rating exists in the county, the appellant belongs to the rated unit, and the
   * rating was never appealed before. Refuses with {@link NotValidException} (nothing is stored).
   */
  OpenedAppeal openAppeal(Jurisdiction jurisdiction, String processInstanceId, String ratingId, String reason,
      Appellant appellant) {
    String id = ratingId == null ? "" : ratingId.trim();
    if (id.isEmpty()) {
      throw new NotValidException("请填写要申诉的评价编号（" + AppealProcess.RATING_ID.name() + "）");
    }
    String why = text(reason, REASON_LENGTH);
    if (why == null || why.isBlank()) {
      throw new NotValidException("请填写申诉理由（" + AppealProcess.APPEAL_REASON.name() + "）");
    }
    StoredRating rating = store.rating(id).filter(r -> r.jurisdiction().equals(jurisdiction.code()))
        .orElseThrow(() -> new NotValidException("评价「" + id + "」不存在"));
    if (appellant == null || appellant.groupIds() == null || !appellant.groupIds().contains(rating.ratedGroup())) {
      throw new NotValidException("只有被评价单位（" + unitName(jurisdiction, rating.ratedGroup())
          + "）的工作人员可以对该评价提出申诉");
    }
    Optional<Appeal> earlier = store.appealOf(rating.id());
    if (earlier.isPresent()) {
      throw new NotValidException("该评价已于 " + earlier.get().appealedAt().toLocalDate() + " 申诉过一次（"
          + earlier.get().stateLabel() + "），每条评价只能申诉一次，不能再次申诉");
    }
    Appeal appeal = new Appeal(UUID.randomUUID().toString(), rating.id(), jurisdiction.code(), processInstanceId,
        rating.ratedGroup(), appellant.userId(), why, jurisdiction.now(), null, null, null, null);
    store.insertAppeal(appeal);
    return new OpenedAppeal(appeal, rating);
  }

  /**
   * Decides an appeal: upheld (申诉成立: the rating no longer counts) or rejected (申诉不成立), with a note.
   * The first decision stands.
   */
  void decideAppeal(String appealId, String decision, String note, String decidedBy) {
    Appeal appeal = Optional.ofNullable(appealId).flatMap(store::appeal)
        .orElseThrow(() -> new IllegalStateException("申诉「" + appealId + "」不存在"));
    if (!Appeal.UPHELD.equals(decision) && !Appeal.REJECTED.equals(decision)) {
      throw new NotValidException("裁决结果应为 申诉成立（upheld）或 申诉不成立（rejected），收到：" + decision);
    }
    String why = text(note, REASON_LENGTH);
    if (why == null || why.isBlank()) {
      throw new NotValidException("请填写裁决意见（" + AppealProcess.APPEAL_DECISION_NOTE.name() + "）");
    }
    Jurisdiction jurisdiction = organization.find(appeal.jurisdiction())
        .orElseThrow(() -> new IllegalStateException("申诉「" + appealId + "」的辖区「" + appeal.jurisdiction() + "」不存在"));
    boolean decided = store.decide(appeal.id(), decision, why, decidedBy, jurisdiction.now());
    if (decided && Appeal.UPHELD.equals(decision)) {
      store.annul(appeal.ratingId());
    }
  }

  // --- helpers -------------------------------------------------------------------------------------

  static String unitName(Jurisdiction jurisdiction, String group) {
    return jurisdiction.unitOfGroup(group).map(Unit::shortName).orElse(group);
  }

  /** A text answer: null when blank, else trimmed and cut to the column's length. */
  private static String text(String value, int length) {
    return value == null || value.isBlank() ? null : cut(value.trim(), length);
  }

  private static String cut(String value, int length) {
    return value == null || value.length() <= length ? value : value.substring(0, length);
  }

  private static Map<String, String> ratingLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    Arrays.stream(Rating.values()).forEach(r -> labels.put(r.value(), r.label()));
    return Collections.unmodifiableMap(labels);
  }
}
