package cn.shudi.catalog;

import java.util.Objects;
import java.util.Optional;

import cn.shudi.organization.Unit;

/**
 * Who holds a responsibility: a fixed unit of the jurisdiction, or the township where the case
 * arises ({@value #CASE_TOWNSHIP}), which is only known once a case exists.
 *
 * @param name the unit's short name, or {@value #CASE_TOWNSHIP}
 * @param unit the fixed unit, null for the case's township
 */
public record Party(String name, Unit unit) {

  /** The token the lists use for "the township of the case". */
  public static final String CASE_TOWNSHIP = "镇街";

  public Party {
    Objects.requireNonNull(name, "name");
    if (unit == null && !CASE_TOWNSHIP.equals(name)) {
      throw new IllegalArgumentException("只有「" + CASE_TOWNSHIP + "」可以没有对应单位，实际为「" + name + "」");
    }
  }

  public static Party caseTownship() {
    return new Party(CASE_TOWNSHIP, null);
  }

  public static Party of(Unit unit) {
    Objects.requireNonNull(unit, "unit");
    return new Party(unit.shortName(), unit);
  }

  public boolean isCaseTownship() {
    return unit == null;
  }

  public Optional<Unit> fixedUnit() {
    return Optional.ofNullable(unit);
  }
}
