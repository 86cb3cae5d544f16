package cn.shudi.governance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.Item;

/**
 * What changed between two versions of a list: items added, removed, and changed with the fields that
 * changed (primary unit, cooperating units, steps, time limits, and the rest of the row). Items are
 * matched by code. Served as JSON ({@code GET /api/governance/{jurisdiction}/versions/{from}/diff/{to}})
 * and as text (process variable {@code versionDiff}).
 */
record VersionDiff(String jurisdiction, Version from, Version to, List<ItemRef> added, List<ItemRef> removed,
    List<ItemChange> changed) {

  /** One version of the list. */
  public record Version(int number, String label, LocalDate effectiveDate) {
  }

  public record ItemRef(String code, String name) {
  }

  /** @param changes in the order of the list's columns */
  public record ItemChange(String code, String name, List<FieldChange> changes) {
  }

  /**
   * @param field stable key: {@code name}, {@code domain}, {@code primaryUnit}, {@code cooperatingUnits},
   *     {@code steps}, {@code timeLimit}, {@code callResponseTime}, {@code legalBasis}
   * @param label the column as the list names it
   * @param added for {@code steps}: the step lines only the newer version has (null otherwise)
   * @param removed for {@code steps}: the step lines only the older version has (null otherwise)
   */
  public record FieldChange(String field, String label, String before, String after, List<String> added,
      List<String> removed) {
  }

  static final String PRIMARY = "主体责任";

  /** The fields compared, in column order. */
  private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

  private record Field(String label, Function<Item, String> value) {
  }

  static {
    FIELDS.put("name", new Field("事项名称", Item::name));
    FIELDS.put("domain", new Field("领域", Item::domain));
    FIELDS.put("primaryUnit", new Field("主体责任单位", i -> i.primary().party().name()));
    FIELDS.put("cooperatingUnits", new Field("配合责任单位", CatalogRows::cooperatingUnits));
    FIELDS.put("steps", new Field("步骤（主体责任和配合责任）", VersionDiff::steps));
    FIELDS.put("timeLimit", new Field("办结时限", i -> i.timeLimit().label()));
    FIELDS.put("callResponseTime", new Field("呼叫响应时限", i -> i.callResponseTime().label()));
    FIELDS.put("legalBasis", new Field("依据", Item::legalBasis));
  }

  public static VersionDiff between(Version from, Catalog older, Version to, Catalog newer) {
    List<ItemRef> added = new ArrayList<>();
    List<ItemRef> removed = new ArrayList<>();
    List<ItemChange> changed = new ArrayList<>();
    for (Item item : older.items()) {
      Optional<Item> now = newer.item(item.code());
      if (now.isEmpty()) {
        removed.add(new ItemRef(item.code(), item.name()));
      } else {
        List<FieldChange> changes = changes(item, now.get());
        if (!changes.isEmpty()) {
          changed.add(new ItemChange(item.code(), now.get().name(), changes));
        }
      }
    }
    for (Item item : newer.items()) {
      if (older.item(item.code()).isEmpty()) {
        added.add(new ItemRef(item.code(), item.name()));
      }
    }
    return new VersionDiff(newer.jurisdiction(), from, to, added, removed, changed);
  }

  /** The fields in which two versions of one item differ. */
  static List<FieldChange> changes(Item before, Item after) {
    List<FieldChange> changes = new ArrayList<>();
    FIELDS.forEach((key, field) -> {
      String a = field.value().apply(before);
      String b = field.value().apply(after);
      if (!a.equals(b)) {
        if (key.equals("steps")) {
          List<String> old = a.isEmpty() ? List.of() : List.of(a.split("\n"));
          List<String> now = b.isEmpty() ? List.of() : List.of(b.split("\n"));
          changes.add(new FieldChange(key, field.label(), a, b, now.stream().filter(l -> !old.contains(l)).toList(),
              old.stream().filter(l -> !now.contains(l)).toList()));
        } else {
          changes.add(new FieldChange(key, field.label(), a, b, null, null));
        }
      }
    });
    return changes;
  }

  /**
   * Every step of the item, one per line: the primary unit's marked 【主体责任】 (so a new primary unit with the same
   * duties is a change of the primary unit only), the cooperating ones with their 【单位】.
   */
  static String steps(Item item) {
    String primary = item.primary().steps().stream()
        .map(s -> "【" + PRIMARY + "】" + CatalogRows.stepLine(s))
        .reduce((x, y) -> x + "\n" + y).orElse("");
    String cooperating = CatalogRows.cooperatingDuties(item);
    return cooperating.isEmpty() ? primary : primary + "\n" + cooperating;
  }

  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  /** The report as text, as the establishment office reads it in Tasklist. */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append("清单版本对比（").append(jurisdiction).append("）：").append(describe(from)).append(" → ")
        .append(describe(to)).append('\n');
    if (isEmpty()) {
      return out.append("两个版本的事项没有差别。\n").toString();
    }
    out.append("新增事项 ").append(added.size()).append(" 项").append(added.isEmpty() ? "" : "：").append('\n');
    added.forEach(i -> out.append("  + ").append(i.code()).append(' ').append(i.name()).append('\n'));
    out.append("删除事项 ").append(removed.size()).append(" 项").append(removed.isEmpty() ? "" : "：").append('\n');
    removed.forEach(i -> out.append("  - ").append(i.code()).append(' ').append(i.name()).append('\n'));
    out.append("变更事项 ").append(changed.size()).append(" 项").append(changed.isEmpty() ? "" : "：").append('\n');
    for (ItemChange item : changed) {
      out.append("  * ").append(item.code()).append(' ').append(item.name()).append('\n');
      for (FieldChange change : item.changes()) {
        if (change.field().equals("steps")) {
          out.append("    ").append(change.label()).append("：\n");
          change.removed().forEach(l -> out.append("      - ").append(l).append('\n'));
          change.added().forEach(l -> out.append("      + ").append(l).append('\n'));
        } else {
          out.append("    ").append(change.label()).append("：").append(blank(change.before())).append(" → ")
              .append(blank(change.after())).append('\n');
        }
      }
    }
    return out.toString();
  }

  private static String describe(Version v) {
    String number = v.number() > 0 ? "第" + v.number() + "版" : "清单 "; // 0: a list file not yet stored
    return number + "（" + v.label() + "，" + v.effectiveDate() + " 生效）";
  }

  private static String blank(String value) {
    return value.isEmpty() ? "（无）" : value;
  }
}
