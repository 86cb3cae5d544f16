package cn.shudi.call;

import java.util.Locale;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.process.BpmnElement;
import cn.shudi.process.Variable;

/**
 * shared_joint_meeting (联席会议), {@code processes/shared/shared_joint_meeting.bpmn}: the command centre
 * organises a meeting, every department of the item implements its decision. Called by
 * {@link SupervisionProcess} when several departments are involved; the caller passes all its variables.
 */
public final class JointMeetingProcess {

  public static final String KEY = "shared_joint_meeting";

  /** The model's elements; an element's id is the key, "_" and its name in lower case. */
  public enum Element implements BpmnElement {
    START,
    ORGANISE,
    IMPLEMENT,
    END;

    @Override
    public String id() {
      return KEY + "_" + name().toLowerCase(Locale.ROOT);
    }
  }

  // --- received from the caller ---
  /** The command centre's group: candidate group of 组织召开联席会议 (and of the shared escalations). */
  public static final Variable<String> COMMAND_CENTRE_GROUP = ItemProcess.COMMAND_CENTRE_GROUP;
  /** The list item of the case (e.g. {@code ZQ054}). */
  public static final Variable<String> ITEM_CODE = ItemProcess.ITEM_CODE;

  /** The multi-instance element of 落实会议议定事项 (and of shared_evaluation): one department's group. */
  public static final Variable<String> DEPARTMENT_GROUP = Variable.string("departmentGroup");

  // --- form joint-meeting ---
  public static final Variable<String> MEETING_PARTICIPANTS = Variable.string("meetingParticipants");
  public static final Variable<String> MEETING_MINUTES = Variable.string("meetingMinutes");
  public static final Variable<String> MEETING_DECISION = Variable.string("meetingDecision");

  // --- form duty-step (local to each department's task) ---
  public static final Variable<String> DUTY_RESULT = ItemProcess.DUTY_RESULT;
  public static final Variable<String> DUTY_FINDINGS = ItemProcess.DUTY_FINDINGS;

  private JointMeetingProcess() {
  }
}
