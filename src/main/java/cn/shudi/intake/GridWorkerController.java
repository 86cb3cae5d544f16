package cn.shudi.intake;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.shudi.organization.Grid;
import cn.shudi.organization.GridWorkers;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * What the grid workers' page ({@code /grid/}, docs/grid-mobile.md) reads about its user (HTTP basic, like the rest
 * of {@code /api/intake/{county}/…}):
 * <ul>
 * <li>{@code GET me} — the caller, the county, and the caller's own grid with its township (none for a user without
 * one); 403 for a user who is not of the county.</li>
 * <li>{@code GET me/requests?page=0&size=20} — the requests the caller received (sent), newest first, with their state
 * and outcome; {@code externalId=…} finds the one of a client-side id (the page's offline queue asks it when a
 * resend was refused as a replay). Never another user's requests, never the contact.</li>
 * </ul>
 * Filing stays with {@code POST requests} (source {@code grid}).
 */
@RestController
@RequestMapping("/api/intake/{county}/me")
class GridWorkerController {

  static final int MAX_PAGE_SIZE = 50;

  record Me(String user, String name, String county, String countyName, MyGrid grid) {
  }

  record MyGrid(String code, String name, String township, String townshipName, String community,
      boolean inventedCommunity) {
  }

  record MyRequest(String id, String kind, String kindLabel, String externalId, String text, String township,
      String grid, LocalDateTime receivedAt, String state, String stateLabel, String outcome,
      LocalDateTime closedAt) {
  }

  record MyRequests(int page, int size, List<MyRequest> requests) {
  }

  private final Organization organization;
  private final GridWorkers gridWorkers;
  private final IntakeStore store;
  private final IdentityService identity;

  GridWorkerController(Organization organization, GridWorkers gridWorkers, IntakeStore store,
      @Lazy IdentityService identity) {
    this.organization = organization;
    this.gridWorkers = gridWorkers;
    this.store = store;
    this.identity = identity;
  }

  @GetMapping
  ResponseEntity<?> me(@PathVariable String county) {
    Jurisdiction jurisdiction = organization.find(county).orElse(null);
    if (jurisdiction == null) {
      return IntakeCallers.problem(HttpStatus.NOT_FOUND, "未知辖区：" + county);
    }
    Authentication user = identity.getCurrentAuthentication();
    if (!IntakeCallers.inCounty(user, jurisdiction)) {
      return IntakeCallers.problem(HttpStatus.FORBIDDEN, "您不是" + jurisdiction.shortName() + "的用户");
    }
    MyGrid grid = gridWorkers.gridOf(user.getUserId()).filter(g -> g.jurisdiction().equals(county))
        .map(g -> myGrid(jurisdiction, g)).orElse(null);
    var profile = identity.createUserQuery().userId(user.getUserId()).singleResult();
    String name = profile == null ? user.getUserId()
        : (nonNull(profile.getFirstName()) + nonNull(profile.getLastName())).strip();
    return ResponseEntity.ok(new Me(user.getUserId(), name.isEmpty() ? user.getUserId() : name, county,
        jurisdiction.name(), grid));
  }

  @GetMapping("/requests")
  ResponseEntity<?> myRequests(@PathVariable String county, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size, @RequestParam(required = false) String externalId) {
    Jurisdiction jurisdiction = organization.find(county).orElse(null);
    if (jurisdiction == null) {
      return IntakeCallers.problem(HttpStatus.NOT_FOUND, "未知辖区：" + county);
    }
    Authentication user = identity.getCurrentAuthentication();
    if (!IntakeCallers.inCounty(user, jurisdiction)) {
      return IntakeCallers.problem(HttpStatus.FORBIDDEN, "您不是" + jurisdiction.shortName() + "的用户");
    }
    if (page < 0 || page > 10_000 || size < 1 || size > MAX_PAGE_SIZE) {
      return IntakeCallers.problem(HttpStatus.BAD_REQUEST, "分页参数不对：page 从 0 起，size 为 1–" + MAX_PAGE_SIZE);
    }
    String external = externalId == null || externalId.isBlank() ? null : externalId.strip();
    if (external != null && external.length() > IntakeDesk.MAX_EXTERNAL_ID) {
      return IntakeCallers.problem(HttpStatus.BAD_REQUEST, "编号过长");
    }
    List<MyRequest> mine = store.receivedBy(county, user.getUserId(), external, page, size).stream()
        .map(this::mine).toList();
    return ResponseEntity.ok(new MyRequests(page, size, mine));
  }

  private MyRequest mine(StoredRequest request) {
    Optional<StoredRequest> original = request.duplicateOf() == null ? Optional.empty()
        : store.request(request.duplicateOf());
    StoredRequest shown = original.orElse(request);
    String label = original.map(o -> request.state().label() + "（原诉求" + o.state().label() + "）")
        .orElse(request.state().label());
    return new MyRequest(request.id(), request.kind().value(), request.kind().label(), request.externalId(),
        request.text(), request.township(), request.grid(), request.receivedAt(), request.state().value(), label,
        shown.outcome(), shown.closedAt());
  }

  private static MyGrid myGrid(Jurisdiction county, Grid grid) {
    return new MyGrid(grid.code(), grid.name(), grid.township(),
        county.unit(grid.township()).map(Unit::shortName).orElse(grid.township()), grid.community(),
        grid.invented());
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
  }

}
