package cn.shudi.evaluation;

import java.time.LocalDateTime;

/**
 * The rated unit's appeal against a rating, decided by the command centre ({@code shudi_appeal}).
 *
 * @param decision null while pending, else {@link #UPHELD} or {@link #REJECTED}
 */
public record Appeal(String id, String ratingId, String jurisdiction, String processInstanceId,
    String appellantGroup, String appellantUser, String reason, LocalDateTime appealedAt, String decision,
    String decisionNote, String decidedBy, LocalDateTime decidedAt) {

  /** 申诉成立: the rating is annulled. */
  public static final String UPHELD = "upheld";
  /** 申诉不成立: the rating stands. */
  public static final String REJECTED = "rejected";

  public boolean pending() {
    return decision == null;
  }

  /** 待裁决 / 申诉成立 / 申诉不成立. */
  public String stateLabel() {
    if (decision == null) {
      return "待裁决";
    }
    return UPHELD.equals(decision) ? "申诉成立" : "申诉不成立";
  }
}
