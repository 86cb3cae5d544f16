package cn.shudi.evaluation;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * The ratings a unit received, so its staff find the id to appeal (shared_appeal's start form asks for it):
 * {@code GET /api/evaluations/{jurisdiction}/ratings?unit=market}. Readable by the unit's own staff and
 * by the county's supervisors, analysts, dispatchers and the administrators.
 */
@RestController
@RequestMapping("/api/evaluations")
class EvaluationController {

  static final int MAX_RATINGS = 200;

  /** One rating as the API shows it. */
  record RatingView(String id, String caseId, String itemCode, String rater, String rating, String ratingLabel,
      String comment, LocalDateTime ratedAt, boolean counted, String appeal) {
  }

  private final EvaluationStore store;
  private final Organization organization;
  private final IdentityService identity;

  EvaluationController(EvaluationStore store, Organization organization, @Lazy IdentityService identity) {
    this.store = store;
    this.organization = organization;
    this.identity = identity;
  }

  @GetMapping("/{jurisdiction}/ratings")
  ResponseEntity<?> ratings(@PathVariable String jurisdiction, @RequestParam String unit) {
    Jurisdiction county = organization.find(jurisdiction).orElse(null);
    if (county == null) {
      return problem(HttpStatus.NOT_FOUND, "未知辖区：" + jurisdiction);
    }
    Unit rated = county.unit(unit).orElse(null);
    if (rated == null) {
      return problem(HttpStatus.NOT_FOUND, "未知单位：" + unit);
    }
    if (!Readers.mayReadUnit(identity.getCurrentAuthentication(), county, rated.groupId())) {
      return problem(HttpStatus.FORBIDDEN, "无权查看" + rated.shortName() + "收到的评价");
    }
    List<RatingView> ratings = store.ratingsOf(county.code(), rated.groupId(), MAX_RATINGS).stream()
        .map(r -> new RatingView(r.id(), r.caseId(), r.itemCode(),
            county.unitOfGroup(r.raterGroup()).map(Unit::shortName).orElse(r.raterGroup()),
            r.rating().value(), r.rating().label(), r.comment(), r.ratedAt(), !r.annulled(),
            store.appealOf(r.id()).map(Appeal::stateLabel).orElse(null)))
        .toList();
    return ResponseEntity.ok(ratings);
  }

  private static ResponseEntity<String> problem(HttpStatus status, String message) {
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
        .body(message);
  }
}
