package cn.shudi.intake;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.shudi.organization.Jurisdiction;

/**
 * Requests that come through the intake API (and the hotline import): checked first, then carried by a new
 * {@code shared_intake} process that registers them (登记诉求, the same step a dispatcher's start form runs), then
 * their photos stored — all in one transaction, so a refusal at any point leaves no request, no process and no photo.
 */
@Component
class IntakeRequests {

  private final IntakeDesk desk;
  private final IntakeStore store;
  private final RuntimeService runtime;

  IntakeRequests(IntakeDesk desk, IntakeStore store, @Lazy RuntimeService runtime) {
    this.desk = desk;
    this.store = store;
    this.runtime = runtime;
  }

  /**
   * Receives one request with its photos, as the calling user (the engine checks they may start the intake).
   *
   * @return the stored request
   * @throws IntakeRefusal when the request or a photo is refused (nothing stored)
   */
  @Transactional
  StoredRequest submit(Jurisdiction county, IntakeDesk.NewRequest request, List<Photo> photos) {
    return submitAll(county, List.of(new Submission(request, photos))).get(0);
  }

  /** One request and its photos. */
  record Submission(IntakeDesk.NewRequest request, List<Photo> photos) {
  }

  /**
   * Receives several requests at once (a hotline file): all or none.
   *
   * @throws IntakeRefusal when one is refused (nothing stored)
   */
  @Transactional
  List<StoredRequest> submitAll(Jurisdiction county, List<Submission> submissions) {
    return submitAll(county, submissions, started -> {
    });
  }

  /**
   * Receives several requests at once, all or none, telling {@code started} how many are started so far after each.
   *
   * @throws IntakeRefusal when one is refused (nothing stored)
   */
  @Transactional
  List<StoredRequest> submitAll(Jurisdiction county, List<Submission> submissions, IntConsumer started) {
    List<StoredRequest> stored = new java.util.ArrayList<>();
    for (Submission submission : submissions) {
      Photo.requireCount(submission.photos());
      desk.check(county, submission.request());
      ProcessInstance instance;
      try {
        instance = runtime.createProcessInstanceByKey(IntakeProcess.KEY)
            .processDefinitionTenantId(county.tenantId()).setVariables(variables(submission.request())).execute();
      } catch (DuplicateKeyException e) {
        throw new IntakeRefusal("工单「" + submission.request().externalId() + "」已经受理过，不重复登记");
      } catch (RuntimeException e) {
        throw refusalIn(e);
      }
      StoredRequest request = store.request(instance.getBusinessKey()).orElseThrow();
      int position = 0;
      for (Photo photo : submission.photos()) {
        store.insertPhoto(request.id(), position++, photo);
      }
      stored.add(request);
      started.accept(stored.size());
    }
    return stored;
  }

  private static Map<String, Object> variables(IntakeDesk.NewRequest r) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(IntakeProcess.KIND.name(), r.kind());
    variables.put(IntakeProcess.SOURCE.name(), r.source());
    variables.put(IntakeProcess.EXTERNAL_ID.name(), r.externalId());
    variables.put(IntakeProcess.TEXT.name(), r.text());
    variables.put(IntakeProcess.TOWNSHIP.name(), r.township());
    variables.put(IntakeProcess.GRID.name(), r.grid());
    variables.put(IntakeProcess.LATITUDE.name(), r.latitude());
    variables.put(IntakeProcess.LONGITUDE.name(), r.longitude());
    variables.put(IntakeProcess.CONTACT_NAME.name(), r.contactName());
    variables.put(IntakeProcess.CONTACT_PHONE.name(), r.contactPhone());
    return variables;
  }

  /** The refusal a failed start carries (the engine wraps what an expression throws), or the failure itself. */
  static RuntimeException refusalIn(RuntimeException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IntakeRefusal refusal) {
        return refusal;
      }
      if (cause instanceof DuplicateKeyException) {
        return new IntakeRefusal("这件诉求的工单编号已经受理过，不重复登记");
      }
    }
    return failure;
  }
}
