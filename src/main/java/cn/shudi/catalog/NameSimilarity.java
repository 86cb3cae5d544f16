package cn.shudi.catalog;

import java.util.HashMap;
import java.util.Map;

/**
 * How alike two item names are: the Dice coefficient of their character bigrams (0 nothing shared, 1 the same).
 * Chinese writes words without spaces, so names are compared on overlapping pairs of characters, as Lucene's
 * CJKAnalyzer indexes Chinese text: 「营业性演出活动安全监管」 and 「营业性演出活动监管」 share 7 of their 10 and 8 bigrams
 * (0.78). A list has a few hundred names, so the pairs are compared directly; a search index (and a dependency)
 * would add nothing but weight.
 */
public final class NameSimilarity {

  /**
   * From here two names are listed for the analyst to confirm whether they are one item: half their bigrams shared.
   * 「互联网上网服务营业场所违规接纳未成年人查处」 and 「…经营监管」 share 10 of 19 and 14 (0.59); names of different items
   * share little (「秸秆禁烧专项整治」 and 「食品生产经营企业日常安全监管」: 0). A false alarm costs the analyst one look.
   */
  static final double NEAR = 0.5;

  private NameSimilarity() {
  }

  /** The Dice coefficient of the two texts' character bigrams: 0 nothing shared, 1 the same. */
  public static double of(String a, String b) {
    Map<String, Integer> x = bigrams(a);
    Map<String, Integer> y = bigrams(b);
    int total = x.values().stream().mapToInt(Integer::intValue).sum() + y.values().stream().mapToInt(Integer::intValue)
        .sum();
    if (total == 0) {
      return 0;
    }
    int shared = 0;
    for (Map.Entry<String, Integer> e : x.entrySet()) {
      shared += Math.min(e.getValue(), y.getOrDefault(e.getKey(), 0));
    }
    return 2.0 * shared / total;
  }

  /** Bigrams of the name's letters and digits; punctuation and spaces do not make names alike. */
  private static Map<String, Integer> bigrams(String name) {
    int[] chars = name.codePoints().filter(Character::isLetterOrDigit).toArray();
    Map<String, Integer> bigrams = new HashMap<>();
    for (int i = 0; i + 1 < chars.length; i++) {
      bigrams.merge(new String(chars, i, 2), 1, Integer::sum);
    }
    return bigrams;
  }
}
