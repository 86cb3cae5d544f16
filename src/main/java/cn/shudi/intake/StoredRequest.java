package cn.shudi.intake;

import java.time.LocalDateTime;

/**
 * One row of {@code shudi_intake_request}: a request as received and as decided so far. {@code state} is one of
 * {@link RequestState}'s values; the contact is personal data (the command centre only).
 */
record StoredRequest(String id, String jurisdiction, String processInstanceId, RequestKind kind, RequestSource source,
    String externalId, String text, String contactName, String contactPhone, String township, String grid,
    Double latitude, Double longitude, LocalDateTime receivedAt, String receivedBy, String suggestedItem,
    RequestState state, String itemCode, String primaryUnit, String cooperatingUnits, LocalDateTime dueAt,
    String duplicateOf, LocalDateTime dispatchedAt, String caseInstanceId, String outcome, LocalDateTime closedAt) {

  boolean located() {
    return latitude != null && longitude != null;
  }
}
