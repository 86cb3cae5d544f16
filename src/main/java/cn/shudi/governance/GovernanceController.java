package cn.shudi.governance;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import cn.shudi.catalog.XlsxExporter;
import cn.shudi.datafile.InvalidDataException;

/**
 * The versions of a county's list (准入 and 动态调整), behind the REST login ({@code /api/*}); who may read:
 * {@link GovernanceAccess}. Errors answer {@code {"status": …, "error": "…"}}.
 * <ul>
 * <li>{@code GET /api/governance/{jurisdiction}/versions}: every version, newest last, and the one in force</li>
 * <li>{@code GET /api/governance/{jurisdiction}/versions/{from}/diff/{to}}: what changed (JSON, with the text)</li>
 * <li>{@code GET /api/governance/{jurisdiction}/catalog.csv}: the list in force as catalog.csv, to commit into
 * {@code jurisdictions/<jurisdiction>/catalog.csv}</li>
 * <li>{@code GET /api/governance/{jurisdiction}/versions/{number}/catalog.csv}: any stored version</li>
 * <li>{@code GET /api/governance/{jurisdiction}/catalog.xlsx}: the list in force in the official layout, for the
 * county to print and publish</li>
 * </ul>
 * A version is named by its number (1, 2 …) or its 版本 label ({@code 2024.2}).
 */
@RestController
@RequestMapping("/api/governance/{jurisdiction}")
class GovernanceController {

  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  /** One version without its text. */
  record VersionInfo(int number, String label, LocalDate effectiveDate, String kind, String itemCode, String caseId,
      String decidedBy, String deploymentId, LocalDateTime recordedAt) {
    static VersionInfo of(CatalogVersion v) {
      return new VersionInfo(v.number(), v.label(), v.effectiveDate(), v.kind(), v.itemCode(), v.caseId(),
          v.decidedBy(), v.deploymentId(), v.recordedAt());
    }
  }

  record Versions(String jurisdiction, int current, List<VersionInfo> versions) {
  }

  /** The diff as JSON, with its text as the office reads it in the process variable {@code versionDiff}. */
  record DiffReport(String jurisdiction, VersionDiff.Version from, VersionDiff.Version to,
      List<VersionDiff.ItemRef> added, List<VersionDiff.ItemRef> removed, List<VersionDiff.ItemChange> changed,
      String text) {
  }

  private final ListGovernance lists;
  private final GovernanceAccess access;

  GovernanceController(ListGovernance lists, GovernanceAccess access) {
    this.lists = lists;
    this.access = access;
  }

  @GetMapping(value = "/versions", produces = MediaType.APPLICATION_JSON_VALUE)
  Versions versions(@PathVariable String jurisdiction) {
    check(jurisdiction);
    List<VersionInfo> all = lists.versions(jurisdiction).stream().map(VersionInfo::of).toList();
    return new Versions(jurisdiction, all.isEmpty() ? 0 : all.get(all.size() - 1).number(), all);
  }

  @GetMapping(value = "/versions/{from}/diff/{to}", produces = MediaType.APPLICATION_JSON_VALUE)
  DiffReport diff(@PathVariable String jurisdiction, @PathVariable String from, @PathVariable String to) {
    check(jurisdiction);
    VersionDiff diff = lists.diff(version(jurisdiction, from), version(jurisdiction, to));
    return new DiffReport(diff.jurisdiction(), diff.from(), diff.to(), diff.added(), diff.removed(), diff.changed(),
        diff.text());
  }

  @GetMapping("/catalog.csv")
  ResponseEntity<String> currentCsv(@PathVariable String jurisdiction) {
    check(jurisdiction);
    return csv(lists.current(jurisdiction));
  }

  @GetMapping("/versions/{number}/catalog.csv")
  ResponseEntity<String> versionCsv(@PathVariable String jurisdiction, @PathVariable String number) {
    check(jurisdiction);
    return csv(version(jurisdiction, number));
  }

  @GetMapping("/catalog.xlsx")
  ResponseEntity<byte[]> currentXlsx(@PathVariable String jurisdiction) {
    check(jurisdiction);
    CatalogVersion version = lists.current(jurisdiction);
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(XlsxExporter.MEDIA_TYPE))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName(version, ".xlsx") + "\"")
        .header("X-Catalog-Version", String.valueOf(version.number()))
        .body(XlsxExporter.bytes(lists.catalog(version)));
  }

  private void check(String jurisdiction) {
    access.checkCanRead(jurisdiction);
    if (lists.versions(jurisdiction).isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有辖区「" + jurisdiction + "」的清单版本");
    }
  }

  private CatalogVersion version(String jurisdiction, String name) {
    if (name.matches("\\d{1,9}")) {
      return lists.version(jurisdiction, Integer.parseInt(name)).orElseThrow(() -> notFound(jurisdiction, name));
    }
    return lists.versions(jurisdiction).stream().filter(v -> v.label().equals(name)).findFirst()
        .flatMap(v -> lists.version(jurisdiction, v.number())).orElseThrow(() -> notFound(jurisdiction, name));
  }

  private static ResponseStatusException notFound(String jurisdiction, String name) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "辖区「" + jurisdiction + "」没有清单版本「" + name
        + "」：版本写编号（1、2 …）或版本号（如 2024.2），见 /api/governance/" + jurisdiction + "/versions");
  }

  private static ResponseEntity<String> csv(CatalogVersion version) {
    return ResponseEntity.ok().contentType(CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName(version, ".csv") + "\"")
        .header("X-Catalog-Version", String.valueOf(version.number()))
        .body(version.csv());
  }

  private static String fileName(CatalogVersion version, String suffix) {
    return "catalog-" + version.jurisdiction() + "-" + version.label() + suffix;
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<Map<String, Object>> failed(ResponseStatusException e) {
    return error(e.getStatusCode().value(), e.getReason());
  }

  /** A stored version the county's units no longer fit (a unit was renamed or removed since). */
  @ExceptionHandler(InvalidDataException.class)
  ResponseEntity<Map<String, Object>> unreadable(InvalidDataException e) {
    return error(HttpStatus.CONFLICT.value(), e.getMessage());
  }

  private static ResponseEntity<Map<String, Object>> error(int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("error", message);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
