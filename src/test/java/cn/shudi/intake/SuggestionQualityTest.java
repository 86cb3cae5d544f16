package cn.shudi.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The intake issue's targets, per county, on the held-out evaluation set {@code jurisdictions/<county>/requests-eval.tsv}
 * when it exists (written by someone else, never used for tuning), otherwise on the dev set
 * {@code src/test/resources/intake/<county>-dev.tsv}; the test prints which one it used. top-1 and top-3 count the
 * requests on the list; off-list recall counts the requests outside the list judged NONE; the false off-list rate
 * counts the requests on the list judged NONE. With the environment variable {@code INTAKE_FEATURES} set it prints every
 * request's candidates (to calibrate the off-list rule on the dev sets).
 */
class SuggestionQualityTest {

  static ItemSuggester suggester;

  @BeforeAll
  static void load() {
    suggester = ItemSuggester.of(Path.of("jurisdictions"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"zhangqiu", "yunxi"})
  void meetsTheIssuesTargets(String county) {
    RequestSet set = RequestSet.forQuality(county);
    int on = 0;
    int off = 0;
    int top1 = 0;
    int top3 = 0;
    int offRecognised = 0;
    int falseOff = 0;
    StringBuilder misses = new StringBuilder();
    for (RequestSet.Labelled request : set.requests()) {
      Suggestion suggestion = suggester.suggest(county, request.text());
      var codes = suggestion.candidates().stream().map(Suggestion.Candidate::code).toList();
      if (request.onList()) {
        on++;
        boolean first = !codes.isEmpty() && codes.get(0).equals(request.expected());
        top1 += first ? 1 : 0;
        top3 += codes.contains(request.expected()) ? 1 : 0;
        falseOff += suggestion.outsideList() ? 1 : 0;
        if (!first || suggestion.outsideList()) {
          misses.append(String.format(Locale.ROOT, "  第 %d 行 期望 %s 得到 %s%s %s%n", request.line(),
              request.expected(), suggestion.outsideList() ? "NONE " : "", describe(suggestion), request.text()));
        }
        if (System.getenv("INTAKE_FEATURES") != null) {
          misses.append(String.format(Locale.ROOT, "  ON  %s%n", describe(suggestion)));
        }
      } else {
        off++;
        if (System.getenv("INTAKE_FEATURES") != null) {
          misses.append(String.format(Locale.ROOT, "  OFF %s%n", describe(suggestion)));
        }
        offRecognised += suggestion.outsideList() ? 1 : 0;
        if (!suggestion.outsideList()) {
          misses.append(String.format(Locale.ROOT, "  第 %d 行 期望 NONE 得到 %s %s%n", request.line(),
              describe(suggestion), request.text()));
        }
      }
    }
    double top1Rate = ratio(top1, on);
    double top3Rate = ratio(top3, on);
    double offRecall = ratio(offRecognised, off);
    double falseOffRate = ratio(falseOff, on);
    System.out.printf(Locale.ROOT, "研判质量 %s（%s %s，清单内 %d 条，清单外 %d 条）：top-1 %.1f%%，top-3 %.1f%%，"
        + "清单外召回 %.1f%%，误判清单外 %.1f%%%n%s", county, set.held() ? "评估集" : "开发集", set.file(), on, off,
        100 * top1Rate, 100 * top3Rate, 100 * offRecall, 100 * falseOffRate, misses);
    assertThat(on).as("requests on the list in %s", set.file()).isPositive();
    assertThat(off).as("requests outside the list in %s", set.file()).isPositive();
    assertThat(top3Rate).as("top-3 of %s", county).isGreaterThanOrEqualTo(0.90);
    assertThat(top1Rate).as("top-1 of %s", county).isGreaterThanOrEqualTo(0.70);
    assertThat(offRecall).as("off-list recall of %s", county).isGreaterThanOrEqualTo(0.80);
    assertThat(falseOffRate).as("false off-list rate of %s", county).isLessThanOrEqualTo(0.05);
  }

  private static String describe(Suggestion suggestion) {
    StringBuilder text = new StringBuilder();
    for (Suggestion.Candidate c : suggestion.candidates()) {
      text.append(String.format(Locale.ROOT, "%s(%.1f %s) ", c.code(), c.score(), c.why()));
    }
    return text.toString();
  }

  private static double ratio(int count, int of) {
    return of == 0 ? 0 : (double) count / of;
  }
}
