package cn.shudi.accountability;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The accountability report of one county over a period: every refusal, and how many fell on each
 * department and each item (most first).
 *
 * @param from first day, inclusive (the county's days)
 * @param to last day, inclusive
 */
record RefusalReport(String jurisdiction, String jurisdictionName, LocalDate from, LocalDate to, int total,
    List<Line> refusals, List<DepartmentCount> byDepartment, List<ItemCount> byItem) {

  public RefusalReport {
    refusals = List.copyOf(refusals);
    byDepartment = List.copyOf(byDepartment);
    byItem = List.copyOf(byItem);
  }

  /**
   * One refusal with the names the list and the unit table give its codes (absent when the code is not
   * theirs, e.g. an item code outside the list).
   */
  public record Line(String id, OffsetDateTime refusedAt, String caseId, String itemCode, String itemName,
      String unitCode, String unitName, String reason) {
  }

  /** Refusals concerning one department (the called one, or the primary unit of the item). */
  public record DepartmentCount(String unitCode, String unitName, long count) {
  }

  /** Refusals concerning one item code. */
  public record ItemCount(String itemCode, String itemName, long count) {
  }
}
