package cn.shudi.accountability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;

/**
 * The accountability report (问责报告) of a county: the attempts the platform refused because the list
 * does not name the unit for the item (清单之外无属地管理事项).
 * <ul>
 * <li>{@code GET /api/accountability/{jurisdiction}/refusals?from=yyyy-MM-dd&to=yyyy-MM-dd}: JSON</li>
 * <li>{@code GET /api/accountability/{jurisdiction}/refusals.xlsx?from=…&to=…}: the same as an Excel file</li>
 * </ul>
 * Days are the county's ({@link Jurisdiction#zone()}), both ends inclusive; without {@code to} the period ends today,
 * without {@code from} it starts on the first of {@code to}'s month. HTTP basic login as for
 * {@code /engine-rest}; who may read: {@link ReportAccess}. Errors answer {@code {"error": "…"}}.
 */
@RestController
@RequestMapping("/api/accountability/{jurisdiction}")
class AccountabilityController {

  private final Organization organization;
  private final AccountabilityReport report;
  private final ReportAccess access;

  AccountabilityController(Organization organization, AccountabilityReport report, ReportAccess access) {
    this.organization = organization;
    this.report = report;
    this.access = access;
  }

  @GetMapping(value = "/refusals", produces = MediaType.APPLICATION_JSON_VALUE)
  RefusalReport refusals(@PathVariable String jurisdiction, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    return build(jurisdiction, from, to);
  }

  @GetMapping("/refusals.xlsx")
  ResponseEntity<byte[]> workbook(@PathVariable String jurisdiction, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    RefusalReport built = build(jurisdiction, from, to);
    String name = "清单外事项拒绝记录-" + built.jurisdictionName() + "-" + built.from() + "至" + built.to() + ".xlsx";
    String ascii = "refusals-" + built.jurisdiction() + "-" + built.from() + "-" + built.to() + ".xlsx";
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(RefusalWorkbook.CONTENT_TYPE))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
            + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
        .body(RefusalWorkbook.write(built));
  }

  private RefusalReport build(String code, String fromText, String toText) {
    access.checkCanRead(code);
    Jurisdiction jurisdiction = organization.find(code)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有辖区「" + code + "」"));
    LocalDate to = toText == null || toText.isBlank() ? today(jurisdiction) : date("to", toText);
    LocalDate from = fromText == null || fromText.isBlank() ? to.withDayOfMonth(1) : date("from", fromText);
    if (from.isAfter(to)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "起始日期 from（" + from + "）晚于截止日期 to（" + to + "）");
    }
    return report.refusals(jurisdiction, from, to);
  }

  private static LocalDate date(String name, String text) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "参数 " + name + " 应为 yyyy-MM-dd 格式的日期（如 2025-03-01），收到「" + text + "」");
    }
  }

  private static LocalDate today(Jurisdiction jurisdiction) {
    return jurisdiction.now().toLocalDate();
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<Map<String, Object>> failed(ResponseStatusException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", e.getStatusCode().value());
    body.put("error", e.getReason());
    return ResponseEntity.status(e.getStatusCode()).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
