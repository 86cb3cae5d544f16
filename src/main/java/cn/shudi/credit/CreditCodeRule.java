package cn.shudi.credit;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.casework.FormRule;

/**
 * A credit code typed into a form is checked where it is typed (the start form's pattern, and the Tasklist
 * script that computes the check character) and again on the server when the case starts: length,
 * characters, the organization code's and the code's check characters (GB 32100, {@link CreditCode}). An
 * empty field passes (a subject that is not an enterprise has none).
 */
@Component
class CreditCodeRule implements FormRule {

  @Override
  public Optional<String> check(Set<String> fields, Function<String, Object> values) {
    String key = ItemProcess.CREDIT_CODE.name();
    if (!fields.contains(key)) {
      return Optional.empty();
    }
    Object value = values.apply(key);
    if (value == null || value.toString().isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(CreditCode.problem(CreditCode.normalize(value.toString())));
  }
}
