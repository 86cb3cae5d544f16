package cn.shudi.call;

import java.util.Locale;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.process.BpmnElement;
import cn.shudi.process.Variable;

/**
 * shared_supervision (督办超期事项), {@code processes/shared/shared_supervision.bpmn}: a step is overdue, the
 * command centre urges the unit; when several departments are involved it calls
 * {@link JointMeetingProcess}. Called by the blueprints and by {@link CallProcess}, which pass all their
 * variables and the three below.
 */
public final class SupervisionProcess {

  public static final String KEY = ItemProcess.SUPERVISION_KEY;

  /** The model's elements; an element's id is the key, "_" and its name in lower case. */
  public enum Element implements BpmnElement {
    START,
    TASK,
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
  /** Whether the item involves several departments: then a joint meeting follows. */
  public static final Variable<Boolean> SEVERAL_DEPARTMENTS = ItemProcess.SEVERAL_DEPARTMENTS;

  // --- form supervision (also the call's 复核不受理理由) ---
  public static final Variable<String> SUPERVISION_OPINION = Variable.string("supervisionOpinion");
  public static final Variable<String> SUPERVISION_OUTCOME = Variable.string("supervisionOutcome");

  private SupervisionProcess() {
  }
}
