package cn.shudi.call;

import java.util.Locale;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.process.BpmnElement;
import cn.shudi.process.Variable;

/**
 * shared_supervision (督办超期事项), {@code processes/shared/shared_supervision.bpmn}: the escalation ladder of
 * seed 000 for an overdue step. A township's step goes first to the township's centre (镇街中心催办, one
 * working day); what the centre cannot solve, or leaves past its deadline, goes up to the district command
 * centre (督办超期事项, two working days), where a department's overdue step starts. The dispatcher there
 * decides whether the matter needs the joint meeting ({@link JointMeetingProcess}). Called by the blueprints
 * and by {@link CallProcess}, which pass all their variables, among them the ones below.
 */
public final class SupervisionProcess {

  public static final String KEY = ItemProcess.SUPERVISION_KEY;

  /** The model's elements; an element's id is the key, "_" and its name in lower case. */
  public enum Element implements BpmnElement {
    START,
    /** 超期单位是镇街？ the overdue unit is the case's township. */
    LEVEL,
    /** 镇街中心催办: the township's centre, the ladder's first rung. */
    TOWNSHIP,
    /** 镇街催办已超时: the first rung's deadline; the matter goes up. */
    TOWNSHIP_DEADLINE,
    /** 镇街能否解决？ */
    TOWNSHIP_GATEWAY,
    /** 督办超期事项: the district command centre's rung. */
    TASK,
    /** 提请联席会议？ the dispatcher's choice on the supervision form. */
    GATEWAY,
    JOINT_MEETING,
    MERGE,
    END;

    @Override
    public String id() {
      return KEY + "_" + name().toLowerCase(Locale.ROOT);
    }
  }

  // --- received from the caller ---
  public static final Variable<String> COMMAND_CENTRE_GROUP = ItemProcess.COMMAND_CENTRE_GROUP;
  /** The name of the overdue step (超期环节). */
  public static final Variable<String> OVERDUE_STEP = ItemProcess.OVERDUE_STEP;
  /** The group of the overdue unit (超期单位). */
  public static final Variable<String> OVERDUE_GROUP = ItemProcess.OVERDUE_GROUP;
  /** The case's township: its group is the first rung's candidate group when the overdue unit is the township. */
  public static final Variable<String> TOWNSHIP_GROUP = ItemProcess.TOWNSHIP_GROUP;

  // --- form township-supervision (镇街中心催办) ---
  public static final Variable<String> TOWNSHIP_SUPERVISION_OPINION = Variable.string("townshipSupervisionOpinion");
  /** {@link #URGED} (solved in the township) or {@link #REFER} (up to the command centre). */
  public static final Variable<String> TOWNSHIP_SUPERVISION_OUTCOME = Variable.string("townshipSupervisionOutcome");

  // --- form supervision (督办超期事项; also the call's 复核不受理理由) ---
  public static final Variable<String> SUPERVISION_OPINION = Variable.string("supervisionOpinion");
  /** {@link #URGED} or {@link #ESCALATE} (the joint meeting). */
  public static final Variable<String> SUPERVISION_OUTCOME = Variable.string("supervisionOutcome");

  /** Urged: the unit promised to finish; the supervision ends. */
  public static final String URGED = "urged";
  /** The township's centre cannot solve it: up to the district command centre. */
  public static final String REFER = "refer";
  /** The dispatcher puts the matter before the joint meeting. */
  public static final String ESCALATE = "escalate";

  private SupervisionProcess() {
  }
}
