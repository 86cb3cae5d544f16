package cn.shudi.credit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import cn.shudi.credit.CreditFile.Contribution;
import cn.shudi.credit.CreditFile.Entry;
import cn.shudi.credit.CreditFileAccess.Viewer;

/**
 * Read access to an enterprise's credit file (信用档案), one JSON document per unified social credit code.
 *
 * <ul>
 * <li>{@code GET /api/credit-files/{creditCode}}: for clients, HTTP basic login (the engine's
 * {@code ProcessEngineAuthenticationFilter} in front of {@code /api/*} puts the user on the identity service).</li>
 * <li>{@code GET /camunda/api/shudi/credit-files/{creditCode}}: the same for the webapps (the Tasklist plugin
 * 信用档案): the Camunda webapps' session login, whose filter puts the session's user into
 * {@link Authentications#getCurrent()} for every request under {@code /camunda/api/*}. Not logged in: 401.</li>
 * </ul>
 *
 * <p>Who sees what (the rule of {@link CreditFileAccess}): only entries of the user's own jurisdictions
 * (tenants); there, supervisors, dispatchers and analysts see all entries; a unit's staff see the entries
 * their unit contributed to, of cases in their township (townships), and of list items that name their unit
 * (departments); administrators see everything.
 *
 * <p>Answers: 200 with {@code {creditCode, entries: [...]}}, oldest first, each entry with its units'
 * contributions and the ids of entries correcting it ({@code correctedBy}), who recorded each as a login id
 * ({@code recordedBy}) and as staff read it ({@code recordedByName}: name and unit); 400 {@code {"error": …}} naming
 * what is wrong with a code that is not valid (GB 32100-2015); 404 when the file has no entry the user may
 * see (whether others exist is not told).
 */
@RestController
class CreditFileController {

  static final String REST_PATH = "/api/credit-files/{creditCode}";
  static final String WEBAPP_PATH = "${camunda.bpm.webapp.application-path:/camunda}/api/shudi/credit-files/{creditCode}";

  private final CreditFile creditFile;
  private final CreditFileAccess access;
  private final ProcessEngine engine;
  private final PersonNames people;

  CreditFileController(CreditFile creditFile, CreditFileAccess access, ProcessEngine engine, PersonNames people) {
    this.creditFile = creditFile;
    this.access = access;
    this.engine = engine;
    this.people = people;
  }

  /** The file as JSON: the code and the visible entries. */
  record FileView(String creditCode, List<EntryView> entries) {
  }

  record EntryView(String id, String creditCode, String jurisdiction, String caseId, String stepId, String itemCode,
      String itemName, String subject, String townshipGroup, String inspection, String findings,
      String rectification, String result, Integer hazardCount, String correctsEntryId, List<String> correctedBy,
      String recordedBy, String recordedByName, OffsetDateTime recordedAt, List<ContributionView> contributions) {
  }

  record ContributionView(String stepId, String stepName, String unitGroup, String unitName, String findings,
      String result, Integer hazardCount, String hazardLevel, String rectification, String recordedBy,
      String recordedByName, OffsetDateTime recordedAt) {
  }

  @GetMapping(value = {REST_PATH, WEBAPP_PATH}, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> file(@PathVariable String creditCode) {
    Viewer viewer = viewer();
    if (viewer == null) {
      return error(HttpStatus.UNAUTHORIZED, "请先登录");
    }
    CreditCode code;
    try {
      code = CreditCode.parse(creditCode);
    } catch (InvalidCreditCodeException e) {
      return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    List<Entry> visible = access.visible(viewer, creditFile.entriesOf(code.value()));
    if (visible.isEmpty()) {
      return error(HttpStatus.NOT_FOUND, "统一社会信用代码「" + code.value() + "」的信用档案中没有您可以查看的记录");
    }
    Map<String, List<String>> corrections = creditFile.correctionsOf(visible.stream().map(Entry::id).toList());
    List<String> visibleIds = visible.stream().map(Entry::id).toList();
    List<String> who = new java.util.ArrayList<>();
    visible.forEach(e -> {
      who.add(e.recordedBy());
      e.contributions().forEach(c -> who.add(c.recordedBy()));
    });
    Map<String, String> names = people.of(who);
    List<EntryView> entries = visible.stream().map(e -> view(e, corrections.getOrDefault(e.id(), List.of()).stream()
        .filter(visibleIds::contains).toList(), names)).toList();
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new FileView(code.value(), entries));
  }

  /**
   * The logged-in user: from HTTP basic ({@code /api/*}: the engine's filter has set the identity service's
   * authentication) or from the webapp session ({@code /camunda/api/*}: the webapp's filter has set
   * {@link Authentications#getCurrent()}); null when neither.
   */
  private Viewer viewer() {
    Authentication basic = engine.getIdentityService().getCurrentAuthentication();
    if (basic != null && basic.getUserId() != null) {
      return Viewer.of(basic.getUserId(), basic.getGroupIds(), basic.getTenantIds());
    }
    Authentications session = Authentications.getCurrent();
    if (session != null && session.getAuthenticationForProcessEngine(engine.getName()) instanceof UserAuthentication user
        && user.getIdentityId() != null) {
      return Viewer.of(user.getIdentityId(), user.getGroupIds(), user.getTenantIds());
    }
    return null;
  }

  private EntryView view(Entry e, List<String> correctedBy, Map<String, String> names) {
    ZoneId zone = creditFile.zone(e);
    return new EntryView(e.id(), e.creditCode(), e.jurisdiction(), e.caseId(), e.stepId(), e.itemCode(), e.itemName(),
        e.subject(), e.townshipGroup(), e.inspection(), e.findings(), e.rectification(), e.result(), e.hazardCount(),
        e.correctsEntryId(), correctedBy, e.recordedBy(), names.get(e.recordedBy()), local(e.recordedAt(), zone),
        e.contributions().stream().map(c -> view(c, zone, names)).toList());
  }

  private static ContributionView view(Contribution c, ZoneId zone, Map<String, String> names) {
    return new ContributionView(c.stepId(), c.stepName(), c.unitGroup(), c.unitName(), c.findings(), c.result(),
        c.hazardCount(), c.hazardLevel(), c.rectification(), c.recordedBy(), names.get(c.recordedBy()),
        local(c.recordedAt(), zone));
  }

  /** A time as the county's local time with its offset (the entry's jurisdiction's zone). */
  private static OffsetDateTime local(Instant instant, ZoneId zone) {
    return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
  }

  private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.value());
    body.put("error", message);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
        .body(body);
  }
}
