package cn.shudi.accountability;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Unit;

/** Builds the accountability report of a county from {@code shudi_refusal}, with names from the list. */
@Component
class AccountabilityReport {

  private final Refusals refusals;
  private final Catalogs catalogs;

  AccountabilityReport(Refusals refusals, Catalogs catalogs) {
    this.refusals = refusals;
    this.catalogs = catalogs;
  }

  public RefusalReport refusals(Jurisdiction jurisdiction, LocalDate from, LocalDate to) {
    Optional<Catalog> catalog;
    try {
      catalog = Optional.of(catalogs.of(jurisdiction.code()));
    } catch (NoSuchElementException noList) {
      catalog = Optional.empty();
    }
    List<RefusalReport.Line> lines = new ArrayList<>();
    for (Refusal r : refusals.of(jurisdiction.code(), from, to)) {
      String itemName = r.itemCode() == null ? null
          : catalog.flatMap(c -> c.item(r.itemCode())).map(Item::name).orElse(null);
      String unitName = r.unitCode() == null ? null
          : jurisdiction.unit(r.unitCode()).map(Unit::shortName).orElse(null);
      lines.add(new RefusalReport.Line(r.id(), r.refusedAt().atZone(jurisdiction.zone()).toOffsetDateTime(), r.caseId(),
          r.itemCode(), itemName, r.unitCode(), unitName, r.reason()));
    }
    List<RefusalReport.DepartmentCount> byDepartment = count(lines, RefusalReport.Line::unitCode, RefusalReport.Line::unitName).entrySet()
        .stream().map(e -> new RefusalReport.DepartmentCount(e.getKey().code(), e.getKey().name(), e.getValue()))
        .sorted(Comparator.comparingLong(RefusalReport.DepartmentCount::count).reversed()
            .thenComparing(RefusalReport.DepartmentCount::unitCode, Comparator.nullsLast(Comparator.naturalOrder())))
        .toList();
    List<RefusalReport.ItemCount> byItem = count(lines, RefusalReport.Line::itemCode, RefusalReport.Line::itemName).entrySet()
        .stream().map(e -> new RefusalReport.ItemCount(e.getKey().code(), e.getKey().name(), e.getValue()))
        .sorted(Comparator.comparingLong(RefusalReport.ItemCount::count).reversed()
            .thenComparing(RefusalReport.ItemCount::itemCode, Comparator.nullsLast(Comparator.naturalOrder())))
        .toList();
    return new RefusalReport(jurisdiction.code(), jurisdiction.name(), from, to, lines.size(), lines, byDepartment,
        byItem);
  }

  private record Named(String code, String name) {
  }

  private static Map<Named, Long> count(List<RefusalReport.Line> lines, Function<RefusalReport.Line, String> code,
      Function<RefusalReport.Line, String> name) {
    Map<Named, Long> counts = new LinkedHashMap<>();
    lines.forEach(line -> counts.merge(new Named(code.apply(line), name.apply(line)), 1L, Long::sum));
    return counts;
  }
}
