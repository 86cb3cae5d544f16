package cn.shudi.accountability;

import java.time.LocalDateTime;

/**
 * One refused attempt to put work on someone outside the list (清单之外无属地管理事项): a township's call
 * about an item the list does not have or to a department the item does not name, or a blueprint task
 * that would give a township an item the list does not give it. One row of {@code shudi_refusal}.
 *
 * @param id stable per attempt (see {@link Refusals#record})
 * @param jurisdiction the county (tenant id)
 * @param caseId the process instance of the attempt; when the refusal rolled the whole start back, the
 *        instance never came to exist and the id is only a trace for the logs
 * @param itemCode the list item concerned, as given (may be a code the list does not have)
 * @param unitCode the department concerned: the called department of a refused call, the item's primary
 *        unit of a refused township task (the unit that would have pushed the item down)
 * @param reason why, in the words the users see
 * @param refusedAt the county's local time (Asia/Shanghai) by the engine clock
 */
record Refusal(String id, String jurisdiction, String caseId, String itemCode, String unitCode, String reason,
    LocalDateTime refusedAt) {
}
