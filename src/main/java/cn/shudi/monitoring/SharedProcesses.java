package cn.shudi.monitoring;

import java.util.Map;

import cn.shudi.call.CallProcess;
import cn.shudi.call.JointMeetingProcess;
import cn.shudi.call.SupervisionProcess;
import cn.shudi.evaluation.EvaluationProcess;
import cn.shudi.intake.IntakeProcess;

/** The hand-modelled processes every jurisdiction shares ({@code processes/shared/}), as the plugin names them. */
final class SharedProcesses {

  static final String CALL = CallProcess.KEY;
  /** The department's task of a call: while it is open, the call waits for a response. */
  static final String CALL_ACCEPT = CallProcess.Element.ACCEPT.id();
  static final String SUPERVISION = SupervisionProcess.KEY;
  static final String JOINT_MEETING = JointMeetingProcess.KEY;
  static final String EVALUATION = EvaluationProcess.KEY;
  /** A request (诉求): not a case itself; the case it leads to is an instance of its item. */
  static final String INTAKE = IntakeProcess.KEY;

  static final String DOMAIN = "共用流程";

  static final Map<String, String> NAMES = Map.of(CALL, "乡呼县应", SUPERVISION, "督办超期事项", JOINT_MEETING, "联席会议",
      EVALUATION, "评价部门履职", INTAKE, "诉求受理·研判派单");

  private SharedProcesses() {
  }
}
