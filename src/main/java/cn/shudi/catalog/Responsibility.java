package cn.shudi.catalog;

import java.util.List;
import java.util.Objects;

/**
 * What one party must do for an item: the primary responsibility (answers for the outcome) or a
 * cooperating one.
 *
 * @param steps in the order the list gives them
 */
public record Responsibility(Party party, boolean primary, List<Step> steps) {

  public Responsibility {
    Objects.requireNonNull(party, "party");
    steps = List.copyOf(steps);
  }
}
