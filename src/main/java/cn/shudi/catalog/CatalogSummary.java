package cn.shudi.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The overview an analyst checks after editing or importing a list: counts by domain and by unit. */
final class CatalogSummary {

  private CatalogSummary() {
  }

  static String of(Catalog catalog, String jurisdictionName) {
    List<Item> items = catalog.items();
    StringBuilder out = new StringBuilder();
    out.append("清单：").append(catalog.title()).append('\n');
    out.append("辖区：").append(jurisdictionName).append("（").append(catalog.jurisdiction()).append("）\n");
    out.append("版本：").append(catalog.version()).append('\n');
    out.append("生效日期：").append(catalog.effectiveDate()).append('\n');
    out.append("事项数：").append(items.size()).append('\n');

    Map<String, Integer> byDomain = count(items.stream().map(Item::domain).toList());
    out.append("按领域（").append(byDomain.size()).append(" 个领域）：\n");
    byDomain.forEach((domain, n) -> out.append("  ").append(domain).append("：").append(n).append(" 项\n"));

    Map<String, Integer> byPrimary = count(items.stream().map(i -> i.primary().party().name()).toList());
    List<Map.Entry<String, Integer>> primaries = new ArrayList<>(byPrimary.entrySet());
    primaries.sort(Map.Entry.<String, Integer>comparingByValue().reversed()); // stable: ties keep list order
    out.append("按主体责任单位（").append(primaries.size()).append(" 个单位）：\n");
    primaries.forEach(e -> out.append("  ").append(e.getKey()).append("：").append(e.getValue()).append(" 项\n"));

    List<Item> township = catalog.townshipPrimaryItems();
    out.append("镇街主体事项：").append(township.size()).append(" 项\n");
    township.forEach(i -> out.append("  ").append(i.code()).append(' ').append(i.name()).append('\n'));

    int cooperating = items.stream().mapToInt(i -> i.cooperating().size()).sum();
    long withCooperating = items.stream().filter(i -> !i.cooperating().isEmpty()).count();
    out.append("配合责任：").append(cooperating).append(" 条（").append(withCooperating).append(" 个事项有配合责任单位）\n");
    return out.toString();
  }

  /** Counts in first-appearance order. */
  private static Map<String, Integer> count(List<String> keys) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    keys.forEach(k -> counts.merge(k, 1, Integer::sum));
    return counts;
  }
}
