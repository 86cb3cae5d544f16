package cn.shudi.assessment;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.shudi.evaluation.Readers;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;

/**
 * Download of a county's monthly ranking: {@code GET /api/assessments/{jurisdiction}/{yyyy-MM}.xlsx}.
 * {@code /api/*} is behind the engine's HTTP basic login; only the county's supervisors, analysts and
 * dispatchers and the administrators may read it (403 otherwise). Built from the stored ranking, so every
 * node of a cluster answers the same.
 */
@RestController
@RequestMapping("/api/assessments")
class AssessmentController {

  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

  private final Assessment assessment;
  private final Organization organization;
  private final IdentityService identity;

  AssessmentController(Assessment assessment, Organization organization, @Lazy IdentityService identity) {
    this.assessment = assessment;
    this.organization = organization;
    this.identity = identity;
  }

  @GetMapping("/{jurisdiction}/{month}.xlsx")
  ResponseEntity<byte[]> download(@PathVariable String jurisdiction, @PathVariable String month) {
    Jurisdiction county = organization.find(jurisdiction).orElse(null);
    if (county == null) {
      return problem(HttpStatus.NOT_FOUND, "未知辖区：" + jurisdiction);
    }
    if (!Readers.mayReadCounty(identity.getCurrentAuthentication(), county)) {
      return problem(HttpStatus.FORBIDDEN,
          "只有" + county.shortName() + "的督查人员、清单分析员、指挥调度员和系统管理员可以下载评价排名");
    }
    YearMonth period = month(month);
    if (period == null) {
      return problem(HttpStatus.BAD_REQUEST, "月份应为 yyyy-MM（如 2026-01），收到：" + month);
    }
    MonthlyRanking ranking = assessment.find(county, period).orElse(null);
    if (ranking == null) {
      return problem(HttpStatus.NOT_FOUND, county.shortName() + " " + period + " 的评价排名尚未生成");
    }
    String name = county.shortName() + period.getYear() + "年" + period.getMonthValue() + "月评价排名.xlsx";
    return ResponseEntity.ok()
        .contentType(XLSX)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(name, StandardCharsets.UTF_8).build().toString())
        .body(AssessmentWorkbook.write(ranking));
  }

  private static ResponseEntity<byte[]> problem(HttpStatus status, String message) {
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
        .body(message.getBytes(StandardCharsets.UTF_8));
  }

  /** The month, or null when it is not yyyy-MM. */
  private static YearMonth month(String month) {
    if (!MONTH.matcher(month).matches()) {
      return null;
    }
    try {
      return YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
