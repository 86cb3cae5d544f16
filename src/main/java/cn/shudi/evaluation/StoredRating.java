package cn.shudi.evaluation;

import java.time.LocalDateTime;

/**
 * A township's rating of a department for one case, as stored in {@code shudi_rating}.
 *
 * @param caseId the case: the root process instance (the blueprint that called the evaluation)
 * @param processInstanceId the process instance that recorded it (the evaluation itself)
 * @param raterGroup the township's group
 * @param ratedGroup the department's group, e.g. {@code zhangqiu_market}
 * @param ratedUnit the department's unit code, e.g. {@code market}
 * @param ratedBy the user who completed the rating task, if known
 * @param ratedAt the county's local time (Asia/Shanghai) by the engine clock
 * @param annulled an appeal against it was upheld: it no longer counts
 */
public record StoredRating(String id, String jurisdiction, String caseId, String processInstanceId, String itemCode,
    String raterGroup, String ratedGroup, String ratedUnit, Rating rating, String comment, String ratedBy,
    LocalDateTime ratedAt, boolean annulled) {
}
