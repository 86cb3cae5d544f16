package cn.shudi.process;

import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * One process variable: its name and its type, declared once in the class of the process that owns it
 * (in the manner of camunda-bpm-data's {@code VariableFactory}, without its Kotlin runtime and its
 * object-serializing factories, which the platform refuses; see docs/architecture.md).
 *
 * <p>Reads are lenient where forms are: form-js submits numbers as {@code Long} or {@code Double} and a
 * text field may hold a number, so {@link #longValue}/{@link #integer} accept any {@link Number} and
 * {@link #string} any value's text. A value of another type is an error naming the variable.
 *
 * @param <T> the value's type in Java
 */
public final class Variable<T> {

  private final String name;
  private final Class<T> type;
  private final Function<Object, T> reader;

  private Variable(String name, Class<T> type, Function<Object, T> reader) {
    this.name = Objects.requireNonNull(name);
    this.type = type;
    this.reader = reader;
  }

  /** Text; a stored number or boolean reads as its text. */
  public static Variable<String> string(String name) {
    return new Variable<>(name, String.class, Object::toString);
  }

  public static Variable<Boolean> bool(String name) {
    return new Variable<>(name, Boolean.class, value -> value instanceof Boolean b ? b
        : value instanceof String s && (s.equals("true") || s.equals("false")) ? Boolean.valueOf(s) : null);
  }

  public static Variable<Long> longValue(String name) {
    return new Variable<>(name, Long.class, value -> value instanceof Number n ? Long.valueOf(n.longValue()) : null);
  }

  public static Variable<Integer> integer(String name) {
    return new Variable<>(name, Integer.class,
        value -> value instanceof Number n ? Integer.valueOf(n.intValue()) : null);
  }

  public static Variable<Date> date(String name) {
    return new Variable<>(name, Date.class, value -> value instanceof Date d ? d : null);
  }

  public String name() {
    return name;
  }

  public Class<T> type() {
    return type;
  }

  /** The value in the scope or a scope above it; {@code null} when not set. */
  public T get(VariableScope scope) {
    return read(scope.getVariable(name));
  }

  public Optional<T> find(VariableScope scope) {
    return Optional.ofNullable(get(scope));
  }

  /** The value in this scope only (an input-mapped form field of a task, a multi-instance element). */
  public T getLocal(VariableScope scope) {
    return read(scope.getVariableLocal(name));
  }

  /** The value among the given variables (a REST result, a completion's variables, a history row). */
  public T from(Map<String, ?> variables) {
    return read(variables.get(name));
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  public void setLocal(VariableScope scope, T value) {
    scope.setVariableLocal(name, value);
  }

  /** Adds the value to a map of variables (to start a process, complete a task). */
  public VariableMap put(VariableMap variables, T value) {
    return variables.putValue(name, value);
  }

  /** A new map of variables holding this one's value. */
  public VariableMap with(T value) {
    return put(Variables.createVariables(), value);
  }

  private T read(Object value) {
    if (value == null) {
      return null;
    }
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    T converted = reader.apply(value);
    if (converted == null) {
      throw new IllegalArgumentException(
          "流程变量 " + name + " 应为 " + type.getSimpleName() + "，实为 " + value.getClass().getSimpleName());
    }
    return converted;
  }

  @Override
  public String toString() {
    return name + ":" + type.getSimpleName();
  }
}
