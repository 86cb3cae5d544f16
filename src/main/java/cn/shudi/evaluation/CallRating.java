package cn.shudi.evaluation;

import java.time.LocalDateTime;

/**
 * A department's rating of a township's call (乡呼县应), the departments' side of the two-way evaluation,
 * as stored in {@code shudi_call_rating}: three yes/no answers.
 *
 * @param callId the call: the root process instance
 * @param raterGroup the called department's group
 * @param ratedGroup the calling township's group
 * @param ratedUnit the township's unit code
 * @param justified the call was justified (确有必要)
 * @param complete the call's information was complete (信息完整)
 * @param withinList the call was about a duty the list gives the department (属于清单内事项)
 * @param ratedAt the county's local time (Asia/Shanghai) by the engine clock
 */
public record CallRating(String id, String jurisdiction, String callId, String processInstanceId, String itemCode,
    String raterGroup, String ratedGroup, String ratedUnit, boolean justified, boolean complete, boolean withinList,
    String comment, String ratedBy, LocalDateTime ratedAt) {

  /**
   * Share of yes among 确有必要 and 信息完整: 0, 1/2 or 1 (formula 2026.2). 属于清单内事项 is the department's
   * view, kept but not scored: 清单之外无属地管理事项 protects townships, so a call about a matter outside the
   * list is never held against the township that made it.
   */
  public double points() {
    return ((justified ? 1 : 0) + (complete ? 1 : 0)) / 2.0;
  }
}
