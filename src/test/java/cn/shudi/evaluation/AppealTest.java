package cn.shudi.evaluation;

import static cn.shudi.support.EngineClock.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import cn.shudi.evaluation.AppealProcess;
import cn.shudi.call.JointMeetingProcess;

/**
 * shared_appeal 评价申诉: the rated department appeals a rating once; the command centre decides. March 2025
 * belongs to this test.
 */
class AppealTest extends PlatformTestBase {

  static final String KEY = AppealProcess.KEY;
  /** Monday 3 March 2025, 09:00. */
  static final LocalDateTime MONDAY = LocalDateTime.of(2025, 3, 3, 9, 0);
  static final List<String> MARKET_STAFF = List.of(MARKET);
  static final List<String> DISPATCHER = List.of(COMMAND, DISPATCHERS);

  ProcessInstance appeal(String user, List<String> groups, String ratingId, String reason) {
    return startAs(user, groups, KEY, Map.of(AppealProcess.RATING_ID.name(), ratingId, AppealProcess.APPEAL_REASON.name(), reason));
  }

  @Test
  void modelFollowsTheModellingRules() throws IOException {
    ModelRules.assertWellModelled(KEY, "评价申诉");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().list())
        .extracting(d -> d.getTenantId()).contains("zhangqiu", "yunxi");
  }

  @Test
  void theRatedDepartmentAppealsOnceAndTheCommandCentreUpholdsIt() {
    clock(MONDAY);
    StoredRating rating = rate(MINGSHUI, MARKET, "dissatisfied", "未按时到场");

    ProcessInstance appeal = appeal("zhangqiu_market_staff", MARKET_STAFF, rating.id(), "当日已派员到场，有现场记录");
    assertThat(startFormOf(appeal)).isEqualTo("appeal");
    assertThat(appeal).isWaitingAt(AppealProcess.Element.DECIDE.id());
    assertThat(runtime.getVariables(appeal.getId())).containsEntry(JointMeetingProcess.COMMAND_CENTRE_GROUP.name(), COMMAND)
        .containsEntry(AppealProcess.RATED_UNIT_NAME.name(), "区市场监管局").containsEntry(AppealProcess.RATER_UNIT_NAME.name(), "明水街道")
        .containsEntry(AppealProcess.ORIGINAL_RATING.name(), "不满意").containsEntry(AppealProcess.ORIGINAL_RATING_COMMENT.name(), "未按时到场")
        .containsEntry(AppealProcess.RATING_ID.name(), rating.id());
    Appeal filed = evaluations.appealOf(rating.id()).orElseThrow();
    assertThat(filed.pending()).isTrue();
    assertThat(filed.appellantUser()).isEqualTo("zhangqiu_market_staff");
    assertThat(filed.appellantGroup()).isEqualTo(MARKET);
    assertThat(filed.reason()).isEqualTo("当日已派员到场，有现场记录");
    assertThat(filed.processInstanceId()).isEqualTo(appeal.getId());

    Task decide = task(appeal, AppealProcess.Element.DECIDE.id());
    assertThat(decide.getName()).isEqualTo("裁决申诉");
    assertThat(candidateGroups(decide)).containsExactly(COMMAND);
    assertThat(formOf(decide)).isEqualTo("appeal-decision");
    assertThat(decide.getDueDate()).as("5个工作日").isEqualTo(at(MONDAY.plusDays(7)));

    assertThatThrownBy(() -> completeAsStaff(MARKET, decide, Map.of(AppealProcess.APPEAL_DECISION.name(), "upheld",
        AppealProcess.APPEAL_DECISION_NOTE.name(), "自己裁决自己"))).as("the appellant cannot decide").isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> completeAs("zhangqiu_dispatcher", DISPATCHER, decide, Map.of(AppealProcess.APPEAL_DECISION.name(), "upheld")))
        .as("a decision needs a note").hasStackTraceContaining("请填写裁决意见");
    assertThat(appeal).isWaitingAt(AppealProcess.Element.DECIDE.id());

    clock(MONDAY.plusDays(1));
    completeAs("zhangqiu_dispatcher", DISPATCHER, decide,
        Map.of(AppealProcess.APPEAL_DECISION.name(), "upheld", AppealProcess.APPEAL_DECISION_NOTE.name(), "现场记录属实，原评价撤销"));

    assertThat(appeal).isEnded().hasPassed(AppealProcess.Element.RECORD.id(), AppealProcess.Element.ANNULLED.id());
    Appeal decided = evaluations.appeal(filed.id()).orElseThrow();
    assertThat(decided.decision()).isEqualTo(Appeal.UPHELD);
    assertThat(decided.decisionNote()).isEqualTo("现场记录属实，原评价撤销");
    assertThat(decided.decidedBy()).isEqualTo("zhangqiu_dispatcher");
    assertThat(decided.decidedAt()).isEqualTo(MONDAY.plusDays(1));
    assertThat(evaluations.rating(rating.id()).orElseThrow().annulled()).as("no longer counts").isTrue();

    // once only: a second appeal of the same rating is refused at the start, nothing is stored
    long instances = runtime.createProcessInstanceQuery().processDefinitionKey(KEY).count();
    assertThatThrownBy(() -> appeal("zhangqiu_market_lead", List.of(MARKET, "zhangqiu_unit_leads"), rating.id(),
        "再申诉一次")).isInstanceOf(NotValidException.class)
        .hasMessageContaining("申诉过一次").hasMessageContaining("只能申诉一次").hasMessageContaining("申诉成立");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(KEY).count()).isEqualTo(instances);
    assertThat(evaluations.appealOf(rating.id()).orElseThrow().id()).isEqualTo(filed.id());
  }

  @Test
  void aRejectedAppealKeepsTheRatingAndCannotBeFiledAgainEither() {
    clock(MONDAY.plusDays(2));
    StoredRating rating = rate(MINGSHUI, MARKET, "basically_satisfied", "反馈稍慢");
    ProcessInstance appeal = appeal("zhangqiu_market_staff", MARKET_STAFF, " " + rating.id() + " ", "已按时反馈");
    completeAs("zhangqiu_dispatcher", DISPATCHER, task(appeal, AppealProcess.Element.DECIDE.id()),
        Map.of(AppealProcess.APPEAL_DECISION.name(), "rejected", AppealProcess.APPEAL_DECISION_NOTE.name(), "反馈时间晚于约定"));

    assertThat(appeal).isEnded().hasPassed(AppealProcess.Element.KEPT.id()).hasNotPassed(AppealProcess.Element.ANNULLED.id());
    assertThat(evaluations.rating(rating.id()).orElseThrow().annulled()).isFalse();
    assertThat(evaluations.appealOf(rating.id()).orElseThrow().decision()).isEqualTo(Appeal.REJECTED);
    assertThatThrownBy(() -> appeal("zhangqiu_market_staff", MARKET_STAFF, rating.id(), "仍有异议"))
        .isInstanceOf(NotValidException.class).hasMessageContaining("只能申诉一次").hasMessageContaining("申诉不成立");
  }

  @Test
  void aPendingAppealAlsoBlocksASecondOne() {
    clock(MONDAY.plusDays(3));
    StoredRating rating = rate(MINGSHUI, MARKET, "dissatisfied", null);
    appeal("zhangqiu_market_staff", MARKET_STAFF, rating.id(), "有异议");
    assertThatThrownBy(() -> appeal("zhangqiu_market_staff", MARKET_STAFF, rating.id(), "还有异议"))
        .isInstanceOf(NotValidException.class).hasMessageContaining("只能申诉一次").hasMessageContaining("待裁决");
  }

  @Test
  void onlyTheRatedUnitAppealsAnExistingRatingOfItsCounty() {
    clock(MONDAY.plusDays(4));
    StoredRating rating = rate(MINGSHUI, MARKET, "dissatisfied", null);
    assertThatThrownBy(() -> appeal("zhangqiu_agriculture_staff", List.of("zhangqiu_agriculture"), rating.id(), "代为申诉"))
        .isInstanceOf(NotValidException.class).hasMessageContaining("只有被评价单位（区市场监管局）");
    assertThatThrownBy(() -> appeal("zhangqiu_mingshui_staff", List.of(MINGSHUI), rating.id(), "评错了"))
        .as("the rater is not the rated unit").isInstanceOf(NotValidException.class);
    assertThatThrownBy(() -> start(KEY, Map.of(AppealProcess.RATING_ID.name(), rating.id(), AppealProcess.APPEAL_REASON.name(), "无人登录")))
        .isInstanceOf(NotValidException.class);
    assertThatThrownBy(() -> appeal("zhangqiu_market_staff", MARKET_STAFF, "no-such-rating", "不存在"))
        .isInstanceOf(NotValidException.class).hasMessageContaining("评价「no-such-rating」不存在");
    assertThatThrownBy(() -> appeal("zhangqiu_market_staff", MARKET_STAFF, rating.id(), "  "))
        .isInstanceOf(NotValidException.class).hasMessageContaining("申诉理由");
    // the same rating seen from the other county does not exist
    identity.setAuthentication("yunxi_market_staff", List.of("yunxi_market"), List.of("yunxi"));
    try {
      assertThatThrownBy(() -> runtime.createProcessInstanceByKey(KEY).processDefinitionTenantId("yunxi")
          .setVariables(Map.of(AppealProcess.RATING_ID.name(), rating.id(), AppealProcess.APPEAL_REASON.name(), "跨县")).execute())
          .isInstanceOf(NotValidException.class).hasMessageContaining("不存在");
    } finally {
      identity.clearAuthentication();
    }
    assertThat(evaluations.appealOf(rating.id())).isEmpty();
  }
}
