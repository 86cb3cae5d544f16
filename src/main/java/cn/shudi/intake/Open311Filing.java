package cn.shudi.intake;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.shudi.organization.Jurisdiction;

/**
 * A request a client system files through the Open311 API: a replay of its own request id answers the request filed
 * the first time; otherwise the request goes through {@link IntakeRequests#submit} and the client's id is recorded in
 * the same transaction, so a refusal leaves neither request nor record.
 */
@Component
class Open311Filing {

  /** The request filed, and whether this was a replay of an earlier filing. */
  record Filed(StoredRequest request, boolean replayed) {
  }

  /** The client's id was used before for another body. */
  static final class Conflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Conflict(String message) {
      super(message);
    }
  }

  private final IntakeRequests requests;
  private final IntakeStore store;
  private final Open311Clients clients;

  Open311Filing(IntakeRequests requests, IntakeStore store, Open311Clients clients) {
    this.requests = requests;
    this.store = store;
    this.clients = clients;
  }

  /**
   * @param clientRequestId the client's own id, or null (then the record is keyed by the new request's id)
   * @throws IntakeRefusal when the intake refuses the request (nothing stored)
   * @throws Conflict when the client's id was used for another body (nothing stored)
   */
  @Transactional
  Filed file(Jurisdiction county, Open311Clients.Client client, String clientRequestId, String fingerprint,
      IntakeDesk.NewRequest request, List<Photo> photos) {
    if (clientRequestId != null) {
      Optional<Open311Clients.Submission> earlier = clients.submission(client.id(), clientRequestId);
      if (earlier.isPresent()) {
        if (!earlier.get().fingerprint().equals(fingerprint)) {
          throw new Conflict("client_request_id「" + clientRequestId + "」已用于另一件内容不同的诉求，未受理：同一编号只能重发完全相同的内容");
        }
        return new Filed(store.request(earlier.get().requestId()).orElseThrow(), true);
      }
    }
    StoredRequest stored = requests.submit(county, request, photos);
    clients.insertSubmission(client.id(), clientRequestId == null ? "~" + stored.id() : clientRequestId, fingerprint,
        stored.id(), county.now());
    return new Filed(stored, false);
  }
}
