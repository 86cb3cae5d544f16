package cn.shudi.intake;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

import cn.shudi.evaluation.Readers;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Role;

/**
 * The intake API (HTTP basic, {@code /api/intake/{county}/…}):
 * <ul>
 * <li>{@code POST requests} — a request as JSON, or as {@code multipart/form-data} with the JSON in part
 * {@code request} and up to three photos in parts {@code photos}; 201 with the request as its sender sees it, 400 with
 * the reason in Chinese when refused (nothing stored). The engine decides who may (starting {@code shared_intake}).</li>
 * <li>{@code GET requests/{id}} — where it stands, its item, units, deadline, outcome; a duplicate shows its
 * original's. The contact only for the command centre (its staff and dispatchers), supervisors and administrators;
 * the unit it was dispatched to sees it without.</li>
 * <li>{@code GET requests/{id}/photos/{n}} — a photo, for the same readers.</li>
 * <li>{@code GET rates?month=yyyy-MM} — 响应率, 解决率, 满意率 per unit and township (supervisors, analysts,
 * dispatchers).</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/intake/{county}")
class IntakeController {

  /** What a sender states (JSON). */
  record RequestBodyJson(String kind, String source, String externalId, String text, String township, String grid,
      String latitude, String longitude, String contactName, String contactPhone) {

    IntakeDesk.NewRequest toRequest() {
      return new IntakeDesk.NewRequest(kind, source, externalId, text, township, grid, latitude, longitude,
          contactName, contactPhone);
    }
  }

  /** A request as the API shows it; the contact only to those who may see it. */
  record RequestView(String id, String kind, String source, String externalId, String text, String township,
      String grid, Double latitude, Double longitude, LocalDateTime receivedAt, String state, String stateLabel,
      String suggestedItem, String itemCode, String primaryUnit, List<String> cooperatingUnits, LocalDateTime dueAt,
      String duplicateOf, String outcome, LocalDateTime closedAt, int photos, List<OpenStep> openSteps,
      Contact contact) {
  }

  /** A step of the request or its case that is open now, as far as the reader may see it. */
  record OpenStep(String name, LocalDateTime due) {
  }

  record Contact(String name, String phone) {
  }

  private final Organization organization;
  private final IntakeRequests requests;
  private final IntakeStore store;
  private final IntakeRates rates;
  private final IdentityService identity;
  private final TaskService tasks;

  IntakeController(Organization organization, IntakeRequests requests, IntakeStore store, IntakeRates rates,
      @Lazy IdentityService identity, @Lazy TaskService tasks) {
    this.organization = organization;
    this.requests = requests;
    this.store = store;
    this.rates = rates;
    this.identity = identity;
    this.tasks = tasks;
  }

  @PostMapping(path = "/requests", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> submit(@PathVariable String county, @RequestBody RequestBodyJson body) {
    return submit(county, body, List.of());
  }

  @PostMapping(path = "/requests", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<?> submitWithPhotos(@PathVariable String county, @RequestPart("request") RequestBodyJson body,
      @RequestPart(name = "photos", required = false) List<MultipartFile> files) {
    List<MultipartFile> parts = files == null ? List.of() : files;
    try {
      Photo.requireCount(parts);
      List<Photo> photos = new ArrayList<>();
      for (MultipartFile file : parts) {
        photos.add(Photo.of(file.getOriginalFilename() == null ? file.getName() : file.getOriginalFilename(),
            file.getBytes()));
      }
      return submit(county, body, photos);
    } catch (IntakeRefusal refusal) {
      return IntakeCallers.problem(HttpStatus.BAD_REQUEST, refusal.getMessage());
    } catch (IOException e) {
      return IntakeCallers.problem(HttpStatus.BAD_REQUEST, "照片读取失败：" + e.getMessage());
    }
  }

  private ResponseEntity<?> submit(String county, RequestBodyJson body, List<Photo> photos) {
    Jurisdiction jurisdiction = organization.find(county).orElse(null);
    if (jurisdiction == null) {
      return IntakeCallers.problem(HttpStatus.NOT_FOUND, "未知辖区：" + county);
    }
    if (body == null) {
      return IntakeCallers.problem(HttpStatus.BAD_REQUEST, "请求体为空：请提交诉求的 JSON");
    }
    try {
      StoredRequest stored = requests.submit(jurisdiction, body.toRequest(), photos);
      return ResponseEntity.status(HttpStatus.CREATED).body(view(stored, true));
    } catch (IntakeRefusal refusal) {
      return IntakeCallers.problem(HttpStatus.BAD_REQUEST, refusal.getMessage());
    }
  }

  @GetMapping("/requests/{id}")
  ResponseEntity<?> request(@PathVariable String county, @PathVariable String id) {
    Optional<Jurisdiction> jurisdiction = organization.find(county);
    Optional<StoredRequest> found = jurisdiction.flatMap(j -> store.request(id))
        .filter(r -> r.jurisdiction().equals(county));
    if (found.isEmpty()) {
      return IntakeCallers.problem(HttpStatus.NOT_FOUND, "没有编号为「" + id + "」的诉求");
    }
    StoredRequest request = found.get();
    Access access = access(jurisdiction.get(), request);
    if (access == Access.NONE) {
      return IntakeCallers.problem(HttpStatus.FORBIDDEN, "无权查看诉求 " + id);
    }
    return ResponseEntity.ok(view(request, access == Access.FULL));
  }

  @GetMapping("/requests/{id}/photos/{position}")
  ResponseEntity<?> photo(@PathVariable String county, @PathVariable String id, @PathVariable int position) {
    Optional<Jurisdiction> jurisdiction = organization.find(county);
    Optional<StoredRequest> found = jurisdiction.flatMap(j -> store.request(id))
        .filter(r -> r.jurisdiction().equals(county));
    if (found.isEmpty() || access(jurisdiction.get(), found.get()) == Access.NONE) {
      return IntakeCallers.problem(HttpStatus.NOT_FOUND, "没有这张照片");
    }
    List<Photo> photos = store.photos(id);
    if (position < 0 || position >= photos.size()) {
      return IntakeCallers.problem(HttpStatus.NOT_FOUND, "没有这张照片");
    }
    Photo photo = photos.get(position);
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.contentType()))
        .header("X-Content-Type-Options", "nosniff").body(photo.bytes());
  }

  @GetMapping("/rates")
  ResponseEntity<?> rates(@PathVariable String county, @RequestParam String month) {
    Jurisdiction jurisdiction = organization.find(county).orElse(null);
    if (jurisdiction == null) {
      return IntakeCallers.problem(HttpStatus.NOT_FOUND, "未知辖区：" + county);
    }
    if (!Readers.mayReadCounty(identity.getCurrentAuthentication(), jurisdiction)) {
      return IntakeCallers.problem(HttpStatus.FORBIDDEN, "无权查看" + jurisdiction.shortName() + "的诉求办理率");
    }
    YearMonth period;
    try {
      period = YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      return IntakeCallers.problem(HttpStatus.BAD_REQUEST, "月份「" + month + "」应写作 yyyy-MM，如 2026-12");
    }
    return ResponseEntity.ok(rates.of(jurisdiction, period));
  }

  /** A body that is not the request's JSON (malformed, a field of the wrong type): what is wrong, nothing stored. */
  @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestPartException.class,
      MultipartException.class})
  ResponseEntity<String> unreadable(Exception e) {
    String detail = e instanceof MissingServletRequestPartException missing
        ? "缺少部分「" + missing.getRequestPartName() + "」（诉求的 JSON）"
        : e instanceof MultipartException ? "上传内容无法读取（照片每张不超过 1 MB，最多 " + Photo.MAX_PHOTOS + " 张）"
            : "不是合法的 JSON";
    return IntakeCallers.problem(HttpStatus.BAD_REQUEST, "诉求未受理：" + detail);
  }

  private enum Access {
    NONE, WITHOUT_CONTACT, FULL
  }

  private Access access(Jurisdiction county, StoredRequest request) {
    Authentication user = identity.getCurrentAuthentication();
    if (!IntakeCallers.inCounty(user, county)) {
      return Access.NONE;
    }
    List<String> groups = IntakeCallers.groups(user);
    if (IntakeCallers.commandCentre(groups, county) || groups.contains(Role.SUPERVISOR.groupId(county))) {
      return Access.FULL;
    }
    boolean ownUnit = request.primaryUnit() != null
        && county.unit(request.primaryUnit()).map(u -> groups.contains(u.groupId())).orElse(false);
    boolean sender = user.getUserId().equals(request.receivedBy());
    return ownUnit || sender ? Access.WITHOUT_CONTACT : Access.NONE;
  }

  private RequestView view(StoredRequest request, boolean withContact) {
    StoredRequest shown = request.duplicateOf() == null ? request
        : store.request(request.duplicateOf()).orElse(request);
    List<String> cooperating = shown.cooperatingUnits() == null || shown.cooperatingUnits().isBlank() ? List.of()
        : List.of(shown.cooperatingUnits().split("、"));
    return new RequestView(request.id(), request.kind().value(), request.source().value(), request.externalId(),
        request.text(), request.township(), request.grid(), request.latitude(), request.longitude(),
        request.receivedAt(), request.state().value(),
        request.duplicateOf() == null ? request.state().label()
            : request.state().label() + "（原诉求" + shown.state().label() + "）",
        request.suggestedItem(), shown.itemCode(), shown.primaryUnit(), cooperating, shown.dueAt(),
        request.duplicateOf(), shown.outcome(), shown.closedAt(), store.photos(request.id()).size(),
        openSteps(shown), withContact && (request.contactName() != null || request.contactPhone() != null)
            ? new Contact(request.contactName(), request.contactPhone())
            : null);
  }

  /**
   * Where the request and its case stand: their open tasks (the case carries the request's id as its business key),
   * as far as the reader's own grants show them.
   */
  private List<OpenStep> openSteps(StoredRequest request) {
    Jurisdiction county = organization.jurisdiction(request.jurisdiction());
    return tasks.createTaskQuery().processInstanceBusinessKey(request.id()).orderByTaskCreateTime().asc().list()
        .stream().map(t -> new OpenStep(t.getName(), t.getDueDate() == null ? null
            : LocalDateTime.ofInstant(t.getDueDate().toInstant(), county.zone())))
        .toList();
  }

}
