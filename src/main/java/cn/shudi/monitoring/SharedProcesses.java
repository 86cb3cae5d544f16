package cn.shudi.monitoring;

import java.util.Map;

/** The hand-modelled processes every jurisdiction shares ({@code processes/shared/}), as the plugin names them. */
final class SharedProcesses {

  static final String CALL = "shared_call";
  /** The department's task of a call: while it is open, the call waits for a response. */
  static final String CALL_ACCEPT = "shared_call_accept";
  static final String SUPERVISION = "shared_supervision";
  static final String JOINT_MEETING = "shared_joint_meeting";
  static final String EVALUATION = "shared_evaluation";

  static final String DOMAIN = "共用流程";

  static final Map<String, String> NAMES = Map.of(CALL, "乡呼县应", SUPERVISION, "督办超期事项", JOINT_MEETING, "联席会议",
      EVALUATION, "评价部门履职");

  private SharedProcesses() {
  }
}
