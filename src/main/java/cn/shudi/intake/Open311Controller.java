package cn.shudi.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;
import cn.shudi.reliability.RequestRefusedException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Open311 GeoReport v2, JSON only, under {@code /open311/v2/} (docs/open311.md): the county's list items as
 * services, a request filed by a client system with its API key (an intake request, kind 民生诉求, source web), and
 * the requests as a public status page shows them — no contact, no personal data. Errors are the specification's
 * array of {@code {"code", "description"}} with the reason in Chinese. The security module's Open311 guard runs
 * first (paths, methods, body types and sizes, an {@code api_key} on every POST).
 */
@RestController
@RequestMapping(path = "/open311/v2", produces = MediaType.APPLICATION_JSON_VALUE)
class Open311Controller {

  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 200;
  /** Without start_date, the list covers the last 90 days, as the specification says. */
  static final int DEFAULT_WINDOW_DAYS = 90;
  static final int MAX_FILTER_VALUES = 100;
  static final int MAX_CLIENT_REQUEST_ID = 64;

  /** The parameters a request may carry (the specification's and the extension {@code client_request_id}). */
  private static final Set<String> PARAMETERS = Set.of("api_key", "jurisdiction_id", "service_code", "lat", "long",
      "address_string", "address_id", "email", "device_id", "account_id", "first_name", "last_name", "phone",
      "description", "media_url", "client_request_id");
  private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([a-z_]+)\\]");
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_CLIENT_REQUEST_ID + "}");
  /** The text's prefixes this API writes: the client's item, the address it gave. */
  private static final Pattern HINT = Pattern.compile("^（来源系统建议事项：([A-Za-z0-9_-]+)）");
  private static final Pattern ADDRESS = Pattern.compile("^（地址：([^）]*)）");
  /** What a public page never shows of a request's text: phone numbers, ID numbers, e-mail addresses. */
  private static final Pattern PERSONAL = Pattern.compile("[0-9０-９](?:[\\s\\-－.·]?[0-9０-９]){6,}[0-9０-９XxＸｘ]?"
      + "|[\\w.+-]+[@＠][\\w-]+([.．][\\w-]+)+");
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(Open311Controller.class);

  private final Organization organization;
  private final Catalogs catalogs;
  private final IntakeStore store;
  private final Open311Clients clients;
  private final Open311Filing filing;
  private final IdentityService identity;

  Open311Controller(Organization organization, Catalogs catalogs, IntakeStore store, Open311Clients clients,
      Open311Filing filing, @Lazy IdentityService identity) {
    this.organization = organization;
    this.catalogs = catalogs;
    this.store = store;
    this.clients = clients;
    this.filing = filing;
    this.identity = identity;
  }

  /** An answer in the specification's error format. */
  static final class Open311Error extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    Open311Error(int status, String description) {
      super(description);
      this.status = status;
    }
  }

  // --- services ----------------------------------------------------------------------------------------------------

  @GetMapping("/services.json")
  ResponseEntity<String> services(@RequestParam(name = "jurisdiction_id", required = false) String jurisdictionId) {
    Jurisdiction county = county(jurisdictionId, null, 404);
    ArrayNode services = JSON.createArrayNode();
    for (Item item : items(county)) {
      ObjectNode service = services.addObject();
      service.put("service_code", item.code());
      service.put("service_name", item.name());
      service.put("description", description(county, item));
      service.put("metadata", true);
      service.put("type", "realtime");
      service.put("keywords", String.join(",", item.domain(), item.name()));
      service.put("group", item.domain());
    }
    return ok(services);
  }

  @GetMapping("/services/{code}.json")
  ResponseEntity<String> service(@PathVariable String code,
      @RequestParam(name = "jurisdiction_id", required = false) String jurisdictionId) {
    Jurisdiction county = county(jurisdictionId, code, 404);
    Item item = item(county, code, 404);
    ObjectNode definition = JSON.createObjectNode();
    definition.put("service_code", item.code());
    ArrayNode attributes = definition.putArray("attributes");
    ObjectNode township = attributes.addObject();
    township.put("variable", true);
    township.put("code", "township");
    township.put("datatype", "singlevaluelist");
    township.put("required", true);
    township.put("datatype_description", "诉求所在镇街：填写镇街编码（values 中的 key）");
    township.put("order", 1);
    township.put("description", "镇街");
    ArrayNode values = township.putArray("values");
    for (Unit unit : county.townships()) {
      values.addObject().put("key", unit.code()).put("name", unit.name());
    }
    ObjectNode grid = attributes.addObject();
    grid.put("variable", true);
    grid.put("code", "grid");
    grid.put("datatype", "string");
    grid.put("required", false);
    grid.put("datatype_description", "网格名称，如「明水街道第5网格」（可不填）");
    grid.put("order", 2);
    grid.put("description", "网格");
    return ok(definition);
  }

  // --- filing a request --------------------------------------------------------------------------------------------

  @PostMapping("/requests.json")
  ResponseEntity<String> file(HttpServletRequest request) {
    Map<String, String> parameters = parameters(request);
    Open311Clients.Client client = clients.byKey(parameters.get("api_key"))
        .orElseThrow(() -> new Open311Error(403, "api_key 无效或已被吊销：请向平台管理员申请密钥"));
    String code = required(parameters, "service_code", "事项编码");
    Jurisdiction county = county(parameters.get("jurisdiction_id"), code, 400);
    Item item = item(county, code, 400);
    String description = required(parameters, "description", "诉求内容");
    String township = required(parameters, "attribute[township]", "镇街（attribute[township]）");
    String lat = parameters.get("lat");
    String lng = parameters.get("long");
    String address = parameters.get("address_string");
    if ((lat == null) != (lng == null)) {
      throw new Open311Error(400, "lat 与 long 须同时提供");
    }
    if (lat == null && address == null) {
      throw new Open311Error(400, "缺少位置：请提供 lat/long 或 address_string");
    }
    if (address != null && (address.length() > 200 || address.contains("）"))) {
      throw new Open311Error(400, "address_string 不超过 200 个字且不含「）」");
    }
    String clientRequestId = parameters.get("client_request_id");
    if (clientRequestId != null && !CLIENT_ID.matcher(clientRequestId).matches()) {
      throw new Open311Error(400, "client_request_id 须为 1–" + MAX_CLIENT_REQUEST_ID + " 个字母、数字或「._:-」");
    }
    String name = Stream.of(parameters.get("last_name"), parameters.get("first_name")).filter(s -> s != null)
        .reduce("", String::concat);
    String text = "（来源系统建议事项：" + item.code() + "）" + (address == null ? "" : "（地址：" + address + "）")
        + description;
    IntakeDesk.NewRequest newRequest = new IntakeDesk.NewRequest(RequestKind.LIVELIHOOD.value(),
        RequestSource.WEB.value(), null, text, township, parameters.get("attribute[grid]"), lat, lng,
        name.isEmpty() ? null : name, parameters.get("phone"));
    List<Photo> photos = new ArrayList<>();
    byte[] media = media(request);
    if (media != null) {
      try {
        photos.add(Photo.of("media", media));
      } catch (IntakeRefusal refusal) {
        throw new Open311Error(400, "诉求未受理：" + refusal.getMessage());
      }
    }
    String fingerprint = fingerprint(parameters, media);
    Open311Filing.Filed filed;
    // the API key is the client's authorization: the intake starts as the platform, not as a user
    identity.clearAuthentication();
    try {
      filed = filing.file(county, client, clientRequestId, fingerprint, newRequest, photos);
    } catch (IntakeRefusal refusal) {
      throw new Open311Error(400, "诉求未受理：" + refusal.getMessage());
    } catch (Open311Filing.Conflict conflict) {
      throw new Open311Error(409, conflict.getMessage());
    } catch (DuplicateKeyException race) {
      // the same client id filed at the same moment by another call: answer what that call stored
      filed = clients.submission(client.id(), clientRequestId)
          .filter(s -> s.fingerprint().equals(fingerprint))
          .map(s -> new Open311Filing.Filed(store.request(s.requestId()).orElseThrow(), true))
          .orElseThrow(() -> new Open311Error(409, "client_request_id「" + clientRequestId + "」已用于另一件诉求"));
    } finally {
      identity.clearAuthentication();
    }
    ArrayNode answer = JSON.createArrayNode();
    ObjectNode one = answer.addObject();
    one.put("service_request_id", filed.request().id());
    one.put("service_notice", (filed.replayed() ? "该诉求此前已受理（client_request_id 重发），" : "诉求已受理，")
        + "编号 " + filed.request().id() + "，由" + county.shortName() + "指挥中心研判派单");
    one.putNull("account_id");
    return ok(answer);
  }

  // --- reading requests --------------------------------------------------------------------------------------------

  @GetMapping("/requests.json")
  ResponseEntity<String> requests(@RequestParam(name = "jurisdiction_id", required = false) String jurisdictionId,
      @RequestParam(required = false) String page, @RequestParam(name = "page_size", required = false) String size,
      @RequestParam(name = "service_request_id", required = false) String ids,
      @RequestParam(name = "service_code", required = false) String codes,
      @RequestParam(name = "start_date", required = false) String start,
      @RequestParam(name = "end_date", required = false) String end,
      @RequestParam(required = false) String status) {
    Jurisdiction county = county(jurisdictionId, null, 404);
    int pageNumber = number(page, "page", 1, 1, Integer.MAX_VALUE / MAX_PAGE_SIZE);
    int pageSize = number(size, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    ArrayNode list = JSON.createArrayNode();
    for (StoredRequest request : store.publicPage(county.code(), filter(county, ids, codes, start, end, status),
        pageNumber - 1, pageSize)) {
      list.add(view(county, request));
    }
    return ok(list);
  }

  @GetMapping("/requests/{id}.json")
  ResponseEntity<String> request(@PathVariable String id,
      @RequestParam(name = "jurisdiction_id", required = false) String jurisdictionId) {
    Optional<StoredRequest> found = store.request(id);
    if (jurisdictionId != null) {
      Jurisdiction county = county(jurisdictionId, null, 404);
      found = found.filter(r -> r.jurisdiction().equals(county.code()));
    }
    StoredRequest request = found.filter(IntakeStore::isPublic)
        .orElseThrow(() -> new Open311Error(404, "没有编号为「" + id + "」的诉求"));
    ArrayNode one = JSON.createArrayNode();
    one.add(view(organization.jurisdiction(request.jurisdiction()), request));
    return ok(one);
  }

  /** The text without phone or ID numbers (any digits, half- or full-width, with separators) or e-mail addresses. */
  static String scrubbed(String text) {
    return PERSONAL.matcher(text).replaceAll("***");
  }

  /** A request as a public status page shows it: no contact, the text without phone numbers or e-mail addresses. */
  private ObjectNode view(Jurisdiction county, StoredRequest request) {
    StoredRequest shown = request.duplicateOf() == null ? request
        : store.request(request.duplicateOf()).orElse(request);
    String text = request.text();
    String hint = null;
    String address = null;
    Matcher hinted = HINT.matcher(text);
    if (hinted.find()) {
      hint = hinted.group(1);
      text = text.substring(hinted.end());
    }
    Matcher addressed = ADDRESS.matcher(text);
    if (addressed.find()) {
      address = addressed.group(1);
      text = text.substring(addressed.end());
    }
    ObjectNode view = JSON.createObjectNode();
    view.put("service_request_id", request.id());
    view.put("status", request.state().closed() ? "closed" : "open");
    String notes = request.duplicateOf() == null ? request.state().label()
        : request.state().label() + "（原诉求" + shown.state().label() + "）";
    if (shown.outcome() != null) {
      notes += "；办理结果：" + scrubbed(shown.outcome());
    }
    view.put("status_notes", notes);
    Optional<Item> item = Optional.ofNullable(shown.itemCode())
        .flatMap(code -> catalogs.of(county.code()).item(code));
    view.put("service_name", item.map(Item::name).orElse(null));
    view.put("service_code", shown.itemCode());
    view.put("description", scrubbed(text));
    view.put("agency_responsible", unitName(county, shown.primaryUnit()));
    view.putNull("service_notice");
    view.putNull("address_id");
    view.put("requested_datetime", time(county, request.receivedAt()));
    LocalDateTime updated = Stream.of(request.receivedAt(), request.dispatchedAt(), request.closedAt(),
        shown.dispatchedAt(), shown.closedAt()).filter(t -> t != null).max(Comparator.naturalOrder()).orElse(null);
    view.put("updated_datetime", time(county, updated));
    view.put("expected_datetime", time(county, shown.dueAt()));
    view.put("address", address);
    view.putNull("zipcode");
    if (request.located()) {
      // to about 100 m: where the matter is, not whose door it is
      view.put("lat", Math.round(request.latitude() * 1000) / 1000.0);
      view.put("long", Math.round(request.longitude() * 1000) / 1000.0);
    } else {
      view.putNull("lat");
      view.putNull("long");
    }
    view.putNull("media_url");
    ObjectNode extended = view.putObject("extended_attributes");
    extended.put("jurisdiction_id", county.code());
    extended.put("state", request.state().value());
    extended.put("state_label", request.state().label());
    extended.put("requested_service_code", hint);
    extended.put("township", unitName(county, request.township()));
    extended.put("grid", request.grid());
    extended.put("primary_unit", unitName(county, shown.primaryUnit()));
    ArrayNode cooperating = extended.putArray("cooperating_units");
    if (shown.cooperatingUnits() != null && !shown.cooperatingUnits().isBlank()) {
      for (String unit : shown.cooperatingUnits().split("、")) {
        cooperating.add(unitName(county, unit));
      }
    }
    extended.put("deadline", time(county, shown.dueAt()));
    extended.put("duplicate_of", request.duplicateOf());
    return view;
  }

  // --- parts -------------------------------------------------------------------------------------------------------

  /**
   * The county named, or else the one county that has {@code serviceCode}, or the only county.
   *
   * @param unknownStatus 404 when the county names a resource (GET), 400 when it is a parameter (POST)
   */
  private Jurisdiction county(String jurisdictionId, String serviceCode, int unknownStatus) {
    if (jurisdictionId != null && !jurisdictionId.isBlank()) {
      return organization.find(jurisdictionId.strip())
          .orElseThrow(() -> new Open311Error(unknownStatus, "未知的 jurisdiction_id「" + jurisdictionId + "」：可用 "
              + counties()));
    }
    List<Jurisdiction> all = organization.jurisdictions();
    if (all.size() == 1) {
      return all.get(0);
    }
    if (serviceCode != null) {
      List<Jurisdiction> having = all.stream()
          .filter(j -> catalogs.of(j.code()).item(serviceCode).isPresent()).toList();
      if (having.size() == 1) {
        return having.get(0);
      }
    }
    throw new Open311Error(400, "缺少 jurisdiction_id：本平台有多个县区，请指明（" + counties() + "）");
  }

  private String counties() {
    return String.join("、", organization.jurisdictions().stream().map(j -> j.code() + "（" + j.shortName() + "）")
        .toList());
  }

  private List<Item> items(Jurisdiction county) {
    return catalogs.of(county.code()).items().stream().sorted(Comparator.comparingInt(Item::number)).toList();
  }

  private Item item(Jurisdiction county, String code, int unknownStatus) {
    return catalogs.of(county.code()).item(code).orElseThrow(() -> new Open311Error(unknownStatus,
        county.shortName() + "的清单中没有事项「" + code + "」（service_code）：事项见 services.json"));
  }

  private static String description(Jurisdiction county, Item item) {
    return county.shortName() + "属地管理事项 " + item.code() + "「" + item.name() + "」（" + item.domain() + "），办结时限 "
        + item.timeLimit().label();
  }

  private static String unitName(Jurisdiction county, String code) {
    return code == null ? null : county.unit(code).map(Unit::name).orElse(code);
  }

  private static String time(Jurisdiction county, LocalDateTime local) {
    return local == null ? null : local.atZone(county.zone()).toOffsetDateTime().format(ISO);
  }

  /** The request's parameters, one value each; an unknown or repeated one is refused. */
  private static Map<String, String> parameters(HttpServletRequest request) {
    Map<String, String> parameters = new TreeMap<>();
    for (Map.Entry<String, String[]> entry : request.getParameterMap().entrySet()) {
      String name = entry.getKey();
      Matcher attribute = ATTRIBUTE.matcher(name);
      if (!PARAMETERS.contains(name)
          && !(attribute.matches() && Set.of("township", "grid").contains(attribute.group(1)))) {
        throw new Open311Error(400, "不认识的参数「" + name + "」（可用参数见 docs/open311.md）");
      }
      if (entry.getValue().length != 1) {
        throw new Open311Error(400, "参数「" + name + "」只能出现一次");
      }
      String value = entry.getValue()[0].strip();
      if (!value.isEmpty()) {
        parameters.put(name, value);
      }
    }
    return parameters;
  }

  private static String required(Map<String, String> parameters, String name, String label) {
    String value = parameters.get(name);
    if (value == null) {
      throw new Open311Error(400, "缺少必填参数 " + name + "（" + label + "）");
    }
    return value;
  }

  /** The one file part {@code media} of a multipart request, or null. */
  private static byte[] media(HttpServletRequest request) {
    if (!(request instanceof MultipartHttpServletRequest multipart)) {
      return null;
    }
    for (String part : multipart.getFileMap().keySet()) {
      if (!part.equals("media")) {
        throw new Open311Error(400, "不认识的文件部分「" + part + "」：照片请放在 media 部分");
      }
    }
    List<MultipartFile> files = multipart.getFiles("media");
    if (files.size() > 1) {
      throw new Open311Error(400, "media 只能有一张照片");
    }
    if (files.isEmpty()) {
      return null;
    }
    if (files.get(0).getSize() > Photo.MAX_BYTES) {
      throw new Open311Error(400, "诉求未受理：照片超过 " + Photo.MAX_BYTES / 1024 + " KB 的上限");
    }
    try {
      return files.get(0).getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body as a replay must repeat it: every parameter but the key, and the photo. */
  private static String fingerprint(Map<String, String> parameters, byte[] media) {
    StringBuilder text = new StringBuilder();
    parameters.forEach((name, value) -> {
      if (!name.equals("api_key")) {
        text.append(name).append('=').append(value).append('\n');
      }
    });
    text.append("media=").append(media == null ? "" : Open311Clients.sha256(media));
    return Open311Clients.sha256(text.toString());
  }

  /** The specification's filters: ids (then nothing else), service codes, a window (90 days by default), status. */
  private static IntakeStore.PublicFilter filter(Jurisdiction county, String ids, String codes, String start,
      String end, String status) {
    List<String> requested = list(ids, MAX_FILTER_VALUES, "service_request_id");
    if (!requested.isEmpty()) {
      return new IntakeStore.PublicFilter(requested, List.of(), null, null, List.of());
    }
    List<String> items = list(codes, MAX_FILTER_VALUES, "service_code").stream()
        .map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList();
    LocalDateTime to = time(county, end, "end_date");
    LocalDateTime from = time(county, start, "start_date");
    if (from == null) {
      from = (to == null ? county.now() : to).minusDays(DEFAULT_WINDOW_DAYS);
    }
    if (to != null && to.isBefore(from)) {
      throw new Open311Error(400, "end_date 早于 start_date");
    }
    List<String> states = new ArrayList<>();
    for (String wanted : list(status, 2, "status")) {
      if (!wanted.equals("open") && !wanted.equals("closed")) {
        throw new Open311Error(400, "status 只能是 open 或 closed（多个用逗号分隔）");
      }
      for (RequestState state : RequestState.values()) {
        if (state.closed() == wanted.equals("closed")) {
          states.add(state.value());
        }
      }
    }
    return new IntakeStore.PublicFilter(List.of(), items, from, to, states);
  }

  private static List<String> list(String text, int max, String name) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<String> values = Stream.of(text.split(",")).map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
    if (values.size() > max) {
      throw new Open311Error(400, name + " 最多 " + max + " 个值");
    }
    return values;
  }

  /** An ISO 8601 time with its offset ({@code 2026-12-01T00:00:00+08:00} or {@code …Z}), in the county's time. */
  private static LocalDateTime time(Jurisdiction county, String text, String name) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.strip()).atZoneSameInstant(county.zone()).toLocalDateTime();
    } catch (DateTimeParseException e) {
      throw new Open311Error(400, name + "「" + text.strip() + "」须为带时区的 ISO 8601 时间，如 2026-12-01T00:00:00+08:00");
    }
  }

  private static int number(String text, String name, int fallback, int min, int max) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new Open311Error(400, name + " 须为 " + min + "–" + max + " 的整数");
  }

  private static ResponseEntity<String> ok(Object body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json(body));
  }

  static ResponseEntity<String> error(int status, String description) {
    ArrayNode errors = JSON.createArrayNode();
    errors.addObject().put("code", status).put("description", description);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(json(errors));
  }

  private static String json(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ExceptionHandler(Open311Error.class)
  ResponseEntity<String> refused(Open311Error e) {
    return error(e.status, e.getMessage());
  }

  /** A failure of the platform itself (the database away, a fault): the specification's format, not a stack. */
  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<String> failed(RuntimeException e) {
    if (e instanceof RequestRefusedException refused) {
      return error(HttpStatus.BAD_REQUEST.value(), "诉求未受理：" + refused.getMessage());
    }
    if (e instanceof DataAccessException) {
      LOG.warn("Open311: 数据库暂时不可用", e);
      return error(HttpStatus.SERVICE_UNAVAILABLE.value(), "平台暂时无法处理（数据库不可用），请稍后重试");
    }
    LOG.error("Open311: 处理失败", e);
    return error(HttpStatus.INTERNAL_SERVER_ERROR.value(), "平台处理失败，请稍后重试");
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<String> unreadable(MultipartException e) {
    return error(HttpStatus.BAD_REQUEST.value(), "上传内容无法读取：照片放在 media 部分，一张，不超过 1 MB，JPEG 或 PNG");
  }
}
