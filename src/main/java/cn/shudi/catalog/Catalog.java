package cn.shudi.catalog;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A jurisdiction's responsibility list (属地管理清单): "no territorial item outside the list".
 *
 * @param jurisdiction code of the jurisdiction (tenant id)
 * @param title the list's official title (header comment 清单)
 * @param version the list's version (header comment 版本)
 * @param effectiveDate from when the list applies (header comment 生效日期)
 * @param items in file order
 */
public record Catalog(String jurisdiction, String title, String version, LocalDate effectiveDate, List<Item> items) {

  public Catalog {
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    items = List.copyOf(items);
  }

  public Optional<Item> item(String code) {
    return items.stream().filter(i -> i.code().equals(code)).findFirst();
  }

  /** The domains in the order they first appear, as the official table groups them. */
  public List<String> domains() {
    LinkedHashSet<String> domains = new LinkedHashSet<>();
    items.forEach(i -> domains.add(i.domain()));
    return List.copyOf(domains);
  }

  /** The few items where the township holds the primary responsibility. */
  public List<Item> townshipPrimaryItems() {
    return items.stream().filter(Item::townshipPrimary).toList();
  }
}
