package cn.shudi.casework;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A rule a form states in words that form-js cannot check (a check digit, two fields that must agree). The
 * server applies every such rule when a task with a Camunda form completes or a case starts from its start
 * form ({@link FormCheck}); a breach refuses the completion or the start with the returned Chinese text, and
 * nothing happens. Rules are Spring beans; each decides from the form's field keys whether it applies.
 */
public interface FormRule {

  /**
   * @param fields the keys of the form's input fields
   * @param values what the form submitted (and the variables in scope), by key
   * @return the breach in Chinese, as staff should read it, or empty
   */
  Optional<String> check(Set<String> fields, Function<String, Object> values);
}
