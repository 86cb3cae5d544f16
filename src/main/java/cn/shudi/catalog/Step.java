package cn.shudi.catalog;

import java.util.Objects;

/**
 * One line of a unit's duties; becomes one user task of the item's blueprint.
 *
 * @param name what staff see in Tasklist, verb + object, 2–10 characters
 * @param description one sentence of what the person does
 * @param timeLimit how long the step may take
 */
public record Step(String name, String description, TimeLimit timeLimit) {

  public Step {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(timeLimit, "timeLimit");
  }
}
