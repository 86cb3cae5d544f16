package cn.shudi.intake;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.catalog.NameSimilarity;
import cn.shudi.catalog.Party;
import cn.shudi.catalog.Responsibility;
import cn.shudi.organization.Grid;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * What the command centre's front door decides, on plain values (the process adapters in {@link Intake} read and
 * write the variables): a request checked and registered with the list's suggestion and the earlier requests it may
 * repeat; a dispatch by the list, a duplicate's link, an off-list request's department; a return and its decision;
 * the outcome and the callback. Every method checks before it writes, so a refusal ({@link IntakeRefusal}) leaves
 * nothing behind.
 */
@Component
class IntakeDesk {

  /** What a sender states; raw text, as a form or the API gives it. */
  record NewRequest(String kind, String source, String externalId, String text, String township, String grid,
      String latitude, String longitude, String contactName, String contactPhone) {
  }

  /** A request that passed every check. */
  record Checked(RequestKind kind, RequestSource source, String externalId, String text, Unit township, String grid,
      Double latitude, Double longitude, String contactName, String contactPhone) {
  }

  /** A registered request with what 研判 shows. */
  record Received(StoredRequest request, Suggestion suggestion, List<StoredRequest> duplicates) {
  }

  /** The units a dispatch names and the item's time limit. */
  record Assignment(Optional<Item> item, Unit primary, List<Unit> cooperating, String timeLimit) {
  }

  static final int MAX_TEXT = IntakeStore.TEXT_LENGTH;
  static final int MAX_GRID = 60;
  static final int MAX_NAME = 60;
  static final int MAX_EXTERNAL_ID = 64;
  static final int MAX_DUPLICATES = 5;
  /** Two texts in the same grid this alike are offered as one matter (character bigrams, Dice). */
  static final double SAME_TEXT = 0.6;
  /** How long a unit has to sign or return a dispatch (退单 within three working days). */
  static final String SIGN_LIMIT = "3个工作日";
  private static final Pattern PHONE = Pattern.compile("[0-9+\\- ]{5,20}");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final Organization organization;
  private final Catalogs catalogs;
  private final ItemSuggester suggester;
  private final IntakeStore store;
  private final IntakeProperties properties;

  IntakeDesk(Organization organization, Catalogs catalogs, ItemSuggester suggester, IntakeStore store,
      IntakeProperties properties) {
    this.organization = organization;
    this.catalogs = catalogs;
    this.suggester = suggester;
    this.store = store;
    this.properties = properties;
  }

  /**
   * Checks what a sender states, before anything is stored or started.
   *
   * @throws IntakeRefusal naming the field and what is wrong
   */
  Checked check(Jurisdiction county, NewRequest raw) {
    String text = strip(raw.text());
    if (text.isEmpty()) {
      throw new IntakeRefusal("诉求内容为空：请写明诉求的具体内容（什么事、在哪里、持续多久）");
    }
    if (text.length() > MAX_TEXT) {
      throw new IntakeRefusal("诉求内容有 " + text.length() + " 字，超过 " + MAX_TEXT + " 字的上限：请精简后再提交");
    }
    RequestKind kind = RequestKind.of(raw.kind()).orElseThrow(() -> new IntakeRefusal(
        "诉求类型「" + strip(raw.kind()) + "」不认识：应为 " + RequestKind.choices()));
    RequestSource source = RequestSource.of(raw.source()).orElseThrow(() -> new IntakeRefusal(
        "诉求来源「" + strip(raw.source()) + "」不认识：应为 " + RequestSource.choices()));
    String grid = limited(raw.grid(), MAX_GRID, "网格");
    Optional<Grid> known = Optional.empty();
    if (Grid.isCode(grid)) {
      known = Optional.of(county.grid(grid).orElseThrow(() -> new IntakeRefusal("网格「" + grid + "」不是"
          + county.shortName() + "的网格：请填写网格编号（如 " + county.grids().stream().findFirst().map(Grid::code)
              .orElse("mingshui-01") + "）或用文字描述网格")));
    }
    String townshipText = strip(raw.township());
    Unit township = township(county, townshipText.isEmpty() && known.isPresent() ? known.get().township()
        : townshipText);
    if (known.isPresent() && !known.get().township().equals(township.code())) {
      throw new IntakeRefusal("网格「" + known.get().name() + "」在" + county.unit(known.get().township())
          .map(Unit::shortName).orElse(known.get().township()) + "，不在" + township.shortName());
    }
    Double latitude = coordinate(raw.latitude(), "纬度", 90);
    Double longitude = coordinate(raw.longitude(), "经度", 180);
    if ((latitude == null) != (longitude == null)) {
      throw new IntakeRefusal("位置只填了" + (latitude == null ? "经度" : "纬度") + "：经度和纬度要么都填，要么都不填");
    }
    if (latitude != null && !(latitude >= 3 && latitude <= 54 && longitude >= 73 && longitude <= 136)) {
      throw new IntakeRefusal("位置（纬度 " + latitude + "，经度 " + longitude + "）不在中国境内：经度和纬度是否写反了？");
    }
    String name = limited(raw.contactName(), MAX_NAME, "联系人");
    String phone = strip(raw.contactPhone());
    if (!phone.isEmpty() && !PHONE.matcher(phone).matches()) {
      throw new IntakeRefusal("联系电话「" + phone + "」不是电话号码：只能有数字、空格、+ 和 -，5 到 20 位");
    }
    String externalId = limited(raw.externalId(), MAX_EXTERNAL_ID, "工单编号");
    if (!externalId.isEmpty() && store.knows(county.code(), source, externalId)) {
      throw new IntakeRefusal(source.label() + "「" + externalId + "」已经受理过，不重复登记");
    }
    return new Checked(kind, source, externalId.isEmpty() ? null : externalId, text, township,
        grid.isEmpty() ? null : grid, latitude, longitude, name.isEmpty() ? null : name,
        phone.isEmpty() ? null : phone);
  }

  /**
   * A hotline work order (source {@code hotline}, whose number a later import must find free) is registered by the
   * command centre only: its staff, dispatchers, administrators, or the platform itself ({@code starterGroups} null).
   *
   * @throws IntakeRefusal for anyone else
   */
  void requireMayGiveSource(Jurisdiction county, String source, List<String> starterGroups) {
    if (starterGroups == null || RequestSource.of(source).orElse(null) != RequestSource.HOTLINE) {
      return;
    }
    if (IntakeCallers.commandCentre(starterGroups, county)) {
      return;
    }
    throw new IntakeRefusal("热线工单由指挥中心登记：请把诉求来源选为「网格员上报」「镇街」「企业」或「网上诉求」");
  }

  /** Registers a checked request carried by the intake process {@code processInstanceId}. */
  Received receive(Jurisdiction county, Checked request, String processInstanceId, String user) {
    LocalDateTime now = county.now();
    Suggestion suggestion = suggester.suggest(county.code(), request.text());
    String best = suggestion.outsideList() || suggestion.candidates().isEmpty() ? null
        : suggestion.candidates().get(0).code();
    StoredRequest stored = new StoredRequest(newId(now.toLocalDate()), county.code(), processInstanceId,
        request.kind(), request.source(), request.externalId(), request.text(), request.contactName(),
        request.contactPhone(), request.township().code(), request.grid(), request.latitude(), request.longitude(),
        now, user, best, RequestState.RECEIVED, null, null, null, null, null, null, null, null, null);
    List<StoredRequest> duplicates = duplicates(stored, now);
    store.insert(stored);
    return new Received(stored, suggestion, duplicates);
  }

  /**
   * Earlier requests of the last days (default 7) that may be the same matter: about the same item (the one
   * dispatched, or else the one suggested) within the radius (default 250 m), or with nearly the same text in the
   * same grid. A request already linked as a duplicate is not offered again: its original is.
   */
  List<StoredRequest> duplicates(StoredRequest request, LocalDateTime now) {
    List<StoredRequest> found = new ArrayList<>();
    for (StoredRequest earlier : store.receivedSince(request.jurisdiction(), now.minus(properties.duplicateWindow()),
        500)) {
      if (earlier.id().equals(request.id()) || earlier.duplicateOf() != null) {
        continue;
      }
      String item = earlier.itemCode() != null ? earlier.itemCode() : earlier.suggestedItem();
      boolean near = request.suggestedItem() != null && request.suggestedItem().equals(item) && request.located()
          && earlier.located() && metres(request, earlier) <= properties.duplicateRadiusMetres();
      boolean sameText = request.grid() != null && request.grid().equals(earlier.grid())
          && NameSimilarity.of(request.text(), earlier.text()) >= SAME_TEXT;
      if (near || sameText) {
        found.add(earlier);
      }
      if (found.size() == MAX_DUPLICATES) {
        break;
      }
    }
    return found;
  }

  /**
   * The units of a dispatch by the list: the item's primary and cooperating units (the request's township where
   * the list says 镇街), its 办结时限.
   *
   * @throws IntakeRefusal when the code names no item of the list in force
   */
  Assignment byList(Jurisdiction county, StoredRequest request, String code) {
    String wanted = strip(code).toUpperCase(Locale.ROOT);
    if (wanted.isEmpty()) {
      throw new IntakeRefusal("请选择清单事项，或在「其他事项编号」中填写事项编号");
    }
    Item item = catalogs.of(county.code()).item(wanted).orElseThrow(() -> new IntakeRefusal(
        "现行清单中没有事项「" + wanted + "」：请从研判建议中选择，或填写" + county.shortName() + "清单中的事项编号"));
    Unit township = county.unit(request.township()).orElseThrow();
    Unit primary = unitOf(item.primary(), township);
    List<Unit> cooperating = item.cooperating().stream().map(r -> unitOf(r, township))
        .filter(u -> !u.equals(primary)).distinct().toList();
    return new Assignment(Optional.of(item), primary, cooperating, item.timeLimit().label());
  }

  /**
   * Outside the list, the competent department by name (清单之外无属地管理事项: never a township).
   *
   * @throws IntakeRefusal when the name is no department of the county
   */
  Assignment offList(Jurisdiction county, String departmentName) {
    String name = strip(departmentName);
    if (name.isEmpty()) {
      throw new IntakeRefusal("清单外诉求请填写主管部门：由该部门作为本部门职责办理");
    }
    Unit unit = county.unitNamed(name).orElseThrow(() -> new IntakeRefusal(
        "主管部门「" + name + "」不是" + county.shortName() + "的部门：请按单位名录填写"));
    if (!unit.isDepartment()) {
      throw new IntakeRefusal("「" + unit.shortName() + "」不是部门：清单之外无属地管理事项，清单外诉求由主管部门办理，不派给"
          + (unit.isTownship() ? "镇街" : unit.shortName()));
    }
    return new Assignment(Optional.empty(), unit, List.of(), properties.offListTimeLimit());
  }

  /**
   * The earlier request a duplicate is linked to (its original, when it is itself a duplicate).
   *
   * @throws IntakeRefusal when there is none such in the county, or it is the request itself
   */
  StoredRequest original(Jurisdiction county, StoredRequest request, String originalId) {
    String id = strip(originalId);
    if (id.isEmpty()) {
      throw new IntakeRefusal("请选择本诉求重复的原诉求");
    }
    StoredRequest original = store.request(id).filter(r -> r.jurisdiction().equals(county.code()))
        .orElseThrow(() -> new IntakeRefusal("没有编号为「" + id + "」的" + county.shortName() + "诉求"));
    if (original.duplicateOf() != null) {
      original = store.request(original.duplicateOf()).orElseThrow();
    }
    if (original.id().equals(request.id())) {
      throw new IntakeRefusal("诉求不能并入它自己");
    }
    return original;
  }

  /** Records a dispatch: by the list (with the confirmed request as evidence of its item) or outside it. */
  void dispatch(Jurisdiction county, StoredRequest request, Assignment assignment, String taskId,
      LocalDateTime dueAt, LocalDateTime signDue) {
    LocalDateTime now = county.now();
    String cooperating = String.join("、", assignment.cooperating().stream().map(Unit::code).toList());
    if (assignment.item().isPresent()) {
      Item item = assignment.item().get();
      store.dispatched(request.id(), item.code(), assignment.primary().code(), cooperating, dueAt, now,
          RequestState.DISPATCHED);
      store.insert(new IntakeStore.Dispatch(taskId, county.code(), request.id(), assignment.primary().code(),
          request.township(), now, signDue, null, null, null, null, null));
    } else {
      store.dispatched(request.id(), null, assignment.primary().code(), cooperating, dueAt, now,
          RequestState.OFF_LIST);
    }
  }

  void duplicate(Jurisdiction county, StoredRequest request, StoredRequest original) {
    store.duplicate(request.id(), original.id(), county.now());
  }

  /**
   * The unit's answer to a dispatch: signed, or returned with reason and evidence.
   *
   * @throws IntakeRefusal when a return lacks its reason or its evidence, or the answer is unknown
   */
  void sign(Jurisdiction county, StoredRequest request, String signed, String reason, String evidence) {
    IntakeStore.Dispatch dispatch = store.openDispatch(request.id())
        .orElseThrow(() -> new IllegalStateException("诉求 " + request.id() + " 没有待签收的派单"));
    if (IntakeProcess.YES.equals(signed)) {
      store.answer(dispatch.id(), "accepted", county.now(), null, null);
      store.state(request.id(), RequestState.HANDLING);
      confirmed(county, request);
    } else if (IntakeProcess.NO.equals(signed)) {
      if (strip(reason).isEmpty() || strip(evidence).isEmpty()) {
        throw new IntakeRefusal("退单须写明退单理由和依据（法律法规、清单条目或事实），由指挥中心复核");
      }
      store.answer(dispatch.id(), "returned", county.now(), strip(reason), strip(evidence));
      store.state(request.id(), RequestState.RETURNED);
    } else {
      throw new IntakeRefusal("请选择是否签收：签收，或退单");
    }
  }

  /** Three working days passed without an answer: the work stays the unit's, recorded as not answered in time. */
  void signLapsed(Jurisdiction county, StoredRequest request) {
    store.openDispatch(request.id()).ifPresent(d -> store.answer(d.id(), "lapsed", null, null, null));
    store.state(request.id(), RequestState.HANDLING);
    confirmed(county, request);
  }

  /**
   * The item of a request stands once its unit keeps it (signed, lapsed, a return not upheld): the request becomes
   * evidence of the item for the next suggestion — stored now, learnt in memory after the commit. A dispatch that is
   * returned and upheld never teaches anything.
   */
  private void confirmed(Jurisdiction county, StoredRequest request) {
    if (request.itemCode() == null) {
      return;
    }
    store.insertEvidence(request.id(), county.code(), request.itemCode(), request.text(), county.now());
    afterCommit(() -> suggester.learn(county.code(), request.itemCode(), request.text()));
  }

  /** The command centre's decision on a return: upheld, the request goes back to 研判派单; otherwise the unit keeps it. */
  void decideReturn(Jurisdiction county, StoredRequest request, boolean stands, String decision, String user) {
    IntakeStore.Dispatch dispatch = store.lastDispatch(request.id())
        .orElseThrow(() -> new IllegalStateException("诉求 " + request.id() + " 没有派单"));
    store.decideReturn(dispatch.id(), stands, strip(decision), user, county.now());
    if (stands) {
      store.undispatched(request.id()); // no unit, item or deadline until it is dispatched again
    } else {
      store.state(request.id(), RequestState.HANDLING);
      confirmed(county, request);
    }
  }

  void caseStarted(StoredRequest request, String caseInstanceId) {
    store.caseStarted(request.id(), caseInstanceId);
  }

  /** The case (or the department's own work, or the work again) ended with {@code outcome}: callback next. */
  void closed(Jurisdiction county, StoredRequest request, String outcome) {
    store.outcome(request.id(), outcome, county.now(), RequestState.AWAITING_CALLBACK);
  }

  /**
   * Records the callback; answers whether the work goes back (a 不满意 of a reached requester, once).
   *
   * @throws IntakeRefusal when a reached requester's answers are missing or unknown
   */
  boolean callback(Jurisdiction county, StoredRequest request, String taskId, String reached, String solved,
      String rating, String comment, String user, boolean reworkedBefore) {
    boolean wasReached = yesNo(reached, "是否联系上诉求人");
    Boolean wasSolved = null;
    String ratingValue = null;
    if (wasReached) {
      wasSolved = yesNo(solved, "诉求是否解决");
      ratingValue = cn.shudi.evaluation.Rating.of(rating).map(cn.shudi.evaluation.Rating::value).orElseThrow(
          () -> new IntakeRefusal("请选择诉求人的评价：满意、基本满意或不满意"));
    }
    store.insert(new IntakeStore.Callback(taskId, county.code(), request.id(),
        request.primaryUnit() == null ? county.commandCentre().code() : request.primaryUnit(), request.township(),
        wasReached, wasSolved, ratingValue, strip(comment).isEmpty() ? null : strip(comment), user, county.now()));
    boolean rework = wasReached && cn.shudi.evaluation.Rating.DISSATISFIED.value().equals(ratingValue)
        && !reworkedBefore;
    store.state(request.id(), rework ? RequestState.REWORK : RequestState.CLOSED);
    return rework;
  }

  Optional<StoredRequest> request(String id) {
    return store.request(id);
  }

  /** Replays the county's confirmed requests into the suggestion (at start-up). */
  int replayEvidence(Jurisdiction county) {
    return suggester.learnAll(county.code(), store.evidence(county.code()));
  }

  private static boolean yesNo(String value, String question) {
    if (IntakeProcess.YES.equals(value)) {
      return true;
    }
    if (IntakeProcess.NO.equals(value)) {
      return false;
    }
    throw new IntakeRefusal("请回答：" + question);
  }

  private static Unit unitOf(Responsibility responsibility, Unit township) {
    Party party = responsibility.party();
    return party.isCaseTownship() ? township : party.fixedUnit().orElse(township);
  }

  private Unit township(Jurisdiction county, String text) {
    if (text.isEmpty()) {
      throw new IntakeRefusal("请选择诉求所在的镇街");
    }
    Optional<Unit> unit = county.unit(text).or(() -> county.unitNamed(text)).filter(Unit::isTownship);
    if (unit.isPresent()) {
      return unit.get();
    }
    for (Jurisdiction other : organization.jurisdictions()) {
      if (!other.equals(county) && other.unit(text).or(() -> other.unitNamed(text)).filter(Unit::isTownship)
          .isPresent()) {
        throw new IntakeRefusal("「" + text + "」是" + other.shortName() + "的镇街，不是" + county.shortName()
            + "的：请向" + other.shortName() + "提交");
      }
    }
    throw new IntakeRefusal("「" + text + "」不是" + county.shortName() + "的镇街");
  }

  private static Double coordinate(String text, String label, double bound) {
    String t = strip(text);
    if (t.isEmpty()) {
      return null;
    }
    double value;
    try {
      value = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IntakeRefusal(label + "「" + t + "」不是数字：请填写如 36.7121 的十进制度数");
    }
    if (!(Math.abs(value) <= bound)) {
      throw new IntakeRefusal(label + "「" + t + "」超出范围（±" + (int) bound + "）");
    }
    return value;
  }

  private static String limited(String text, int max, String label) {
    String t = strip(text);
    if (t.length() > max) {
      throw new IntakeRefusal(label + "有 " + t.length() + " 字，超过 " + max + " 字的上限");
    }
    return t;
  }

  private static String strip(String text) {
    return text == null ? "" : text.strip();
  }

  /** Distance on the earth's surface (haversine), in metres. */
  static double metres(StoredRequest a, StoredRequest b) {
    double earth = 6_371_000;
    double dLat = Math.toRadians(b.latitude() - a.latitude());
    double dLng = Math.toRadians(b.longitude() - a.longitude());
    double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(a.latitude()))
        * Math.cos(Math.toRadians(b.latitude())) * Math.pow(Math.sin(dLng / 2), 2);
    return 2 * earth * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  private static String newId(LocalDate day) {
    return "SQ" + DAY.format(day) + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
  }

  /** After the engine's transaction commits (at once when there is none): memory follows only stored facts. */
  private static void afterCommit(Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          action.run();
        }
      });
    } else {
      action.run();
    }
  }
}
