package cn.shudi.intake;

import java.util.List;

/**
 * What the suggestion says about one request: up to three list items, best first, and whether the request is judged
 * outside the list (清单之外). The dispatcher confirms or corrects it; a confirmation is {@link ItemSuggester#learn}.
 *
 * @param county the jurisdiction's code
 * @param candidates at most three, best first; may be empty when nothing of the request matches any item
 * @param outsideList the request is judged outside the list ({@link ItemSuggester} documents the rule); the
 *     candidates are then only guesses
 */
public record Suggestion(String county, List<Candidate> candidates, boolean outsideList) {

  public Suggestion {
    candidates = List.copyOf(candidates);
  }

  /**
   * One list item the request may be about.
   *
   * @param code the item's code ({@code ZQ055})
   * @param name the item's name
   * @param score the BM25 score of the item for the request (higher is better; comparable within one request)
   * @param why the words of the request that matched the item, in the order they appear in the request
   */
  public record Candidate(String code, String name, double score, List<String> why) {

    public Candidate {
      why = List.copyOf(why);
    }
  }
}
