package cn.shudi.casework;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import cn.shudi.blueprint.ItemProcess;

/**
 * The inspection form's 「隐患数量与隐患等级须一致」: no hazard found (未发现隐患) goes with the count 0, a
 * general or major hazard with a count of at least 1.
 */
@Component
class HazardRule implements FormRule {

  static final String NONE = "none";

  @Override
  public Optional<String> check(Set<String> fields, Function<String, Object> values) {
    String countKey = ItemProcess.HAZARD_COUNT.name();
    String levelKey = ItemProcess.HAZARD_LEVEL.name();
    if (!fields.contains(countKey) || !fields.contains(levelKey)) {
      return Optional.empty();
    }
    Object count = values.apply(countKey);
    Object level = values.apply(levelKey);
    if (!(count instanceof Number number) || level == null) {
      return Optional.empty(); // missing: the required rule says so
    }
    boolean none = NONE.equals(level.toString());
    boolean zero = number.doubleValue() == 0;
    if (none == zero) {
      return Optional.empty();
    }
    return Optional.of("隐患数量与隐患等级须一致：" + (none
        ? "隐患等级为「未发现隐患」，隐患数量应填 0（填写的是 " + number + " 处）"
        : "隐患数量为 0，隐患等级应选「未发现隐患」"));
  }
}
