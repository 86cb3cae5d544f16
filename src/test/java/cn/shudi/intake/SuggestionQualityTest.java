package cn.shudi.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

  /** What one pass over requests gave. */
  record Figures(int on, int off, int top1, int top3, int offRecognised, int falseOff, String misses) {
    double top1Rate() {
      return ratio(top1, on);
    }

    double top3Rate() {
      return ratio(top3, on);
    }

    double offRecall() {
      return ratio(offRecognised, off);
    }

    double falseOffRate() {
      return ratio(falseOff, on);
    }

    Figures plus(Figures other) {
      return new Figures(on + other.on, off + other.off, top1 + other.top1, top3 + other.top3,
          offRecognised + other.offRecognised, falseOff + other.falseOff, misses + other.misses);
    }

    String line() {
      return String.format(Locale.ROOT, "top-1 %.1f%%，top-3 %.1f%%，清单外召回 %.1f%%，误判清单外 %.1f%%", 100 * top1Rate(),
          100 * top3Rate(), 100 * offRecall(), 100 * falseOffRate());
    }
  }

  static Figures measure(ItemSuggester engine, String county, List<RequestSet.Labelled> requests) {
    int on = 0;
    int off = 0;
    int top1 = 0;
    int top3 = 0;
    int offRecognised = 0;
    int falseOff = 0;
    StringBuilder misses = new StringBuilder();
    for (RequestSet.Labelled request : requests) {
      Suggestion suggestion = engine.suggest(county, request.text());
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
    return new Figures(on, off, top1, top3, offRecognised, falseOff, misses.toString());
  }

  /**
   * A fresh list, nothing learnt yet but its 样例诉求: the platform's first day. The floors are the figures measured when
   * the engine shipped (2026-12-06, README), so a change that makes it worse fails; the targets (top-3 ≥ 90 %,
   * top-1 ≥ 70 %, off-list recall ≥ 80 %, false off-list ≤ 5 %) are printed beside and are below the floors. The
   * held-out set's misses are never printed (the dev sets' are), so nobody tunes on them by accident.
   */
  @ParameterizedTest
  @ValueSource(strings = {"zhangqiu", "yunxi"})
  void onAFreshListTheSuggestionsStayAboveTheirShippedFloors(String county) {
    RequestSet set = RequestSet.forQuality(county);
    Figures figures = measure(suggester, county, set.requests());
    System.out.printf(Locale.ROOT, "研判质量（未学习）%s（%s %s，清单内 %d 条，清单外 %d 条）：%s（目标 top-1 ≥ 70%%，top-3 ≥ 90%%，"
        + "清单外召回 ≥ 80%%，误判 ≤ 5%%）%n%s", county, set.held() ? "评估集" : "开发集", set.file(), figures.on(),
        figures.off(), figures.line(), set.held() ? "" : figures.misses());
    assertThat(figures.on()).as("requests on the list in %s", set.file()).isPositive();
    assertThat(figures.off()).as("requests outside the list in %s", set.file()).isPositive();
    Floors floors = set.held() ? HELD_OUT_FLOORS.get(county) : DEV_FLOORS;
    assertThat(figures.top3Rate()).as("top-3 of %s", county).isGreaterThanOrEqualTo(floors.top3());
    assertThat(figures.top1Rate()).as("top-1 of %s", county).isGreaterThanOrEqualTo(floors.top1());
    assertThat(figures.offRecall()).as("off-list recall of %s", county).isGreaterThanOrEqualTo(floors.offRecall());
    assertThat(figures.falseOffRate()).as("false off-list rate of %s", county).isLessThanOrEqualTo(floors.falseOff());
  }

  /**
   * The platform learns from every confirmed dispatch: five-fold, each fifth of the set is suggested by an engine that
   * has learnt the other four fifths' requests on the list as confirmed (their labels), as after some weeks of use. On
   * the list alone (a county that has not written its 样例诉求 yet) learning must help where the dispatcher chooses: a
   * better top-3 than on the fresh list. With the examples, which already hold most everyday words, one or two confirmed
   * requests per item move top-3 by a request or two either way (2026-12-06: 章丘区 98.3 → 98.7 %, 郧西县 95.8 → 95.5 %):
   * it must stay within one point of the fresh list's (README has the figures).
   */
  @ParameterizedTest
  @CsvSource({"zhangqiu, false", "yunxi, false", "zhangqiu, true", "yunxi, true"})
  void learningFromConfirmedDispatchesHelpsTheListAloneAndKeepsTheExamplesFigures(String county,
      boolean withExamples) {
    RequestSet set = RequestSet.forQuality(county);
    ItemSuggester first = withExamples ? suggester : ItemSuggester.of(Path.of("jurisdictions"), false);
    Figures fresh = measure(first, county, set.requests());
    Figures learnt = new Figures(0, 0, 0, 0, 0, 0, "");
    for (int fold = 0; fold < FOLDS; fold++) {
      ItemSuggester engine = ItemSuggester.of(Path.of("jurisdictions"), withExamples);
      List<RequestSet.Labelled> held = new java.util.ArrayList<>();
      for (int i = 0; i < set.requests().size(); i++) {
        RequestSet.Labelled request = set.requests().get(i);
        if (i % FOLDS == fold) {
          held.add(request);
        } else if (request.onList()) {
          engine.learn(county, request.expected(), request.text());
        }
      }
      learnt = learnt.plus(measure(engine, county, held));
    }
    System.out.printf(Locale.ROOT, "研判质量（%s，学习其余 4/5 已确认派单后）%s（%s）：未学习 %s；学习后 %s%n",
        withExamples ? "含样例诉求" : "仅清单与同义词", county, set.file(), fresh.line(), learnt.line());
    if (withExamples) {
      assertThat(learnt.top3Rate()).as("top-3 of %s with examples after learning", county)
          .isGreaterThanOrEqualTo(fresh.top3Rate() - 0.01);
    } else {
      assertThat(learnt.top3Rate()).as("top-3 of %s, list alone, after learning", county)
          .isGreaterThan(fresh.top3Rate());
    }
  }

  static final int FOLDS = 5;

  /**
   * The dev sets the engine is tuned on (both always, whether or not a held-out set exists): printed beside the
   * held-out figures, so a tuning that only helps the dev sets shows. The first dev set keeps its floors
   * ({@link #DEV_FLOORS}); the second, written in the words citizens use, keeps the figures it had when tuned.
   */
  @ParameterizedTest
  @ValueSource(strings = {"zhangqiu", "yunxi"})
  void onTheDevSetsTheSuggestionsKeepWhatTheyWereTunedTo(String county) {
    for (RequestSet set : List.of(RequestSet.dev(county), RequestSet.dev2(county), RequestSet.dev3(county))) {
      Figures figures = measure(suggester, county, set.requests());
      System.out.printf(Locale.ROOT, "研判质量（未学习）%s（开发集 %s，清单内 %d 条，清单外 %d 条）：%s%n", county, set.file(),
          figures.on(), figures.off(), figures.line());
      String name = set.file().toString();
      Floors floors = name.endsWith("-dev2.tsv") ? DEV2_FLOORS.get(county)
          : name.endsWith("-dev3.tsv") ? DEV3_FLOORS.get(county) : DEV_FLOORS;
      assertThat(figures.top3Rate()).as("top-3 of %s", set.file()).isGreaterThanOrEqualTo(floors.top3());
      assertThat(figures.top1Rate()).as("top-1 of %s", set.file()).isGreaterThanOrEqualTo(floors.top1());
      assertThat(figures.offRecall()).as("off-list recall of %s", set.file()).isGreaterThanOrEqualTo(floors.offRecall());
      assertThat(figures.falseOffRate()).as("false off-list rate of %s", set.file())
          .isLessThanOrEqualTo(floors.falseOff());
    }
  }

  /** The least each figure may be: top-3, top-1, off-list recall at least; false off-list at most. */
  record Floors(double top3, double top1, double offRecall, double falseOff) {
  }

  /** On the dev sets the targets hold (they were tuned there). */
  static final Floors DEV_FLOORS = new Floors(0.90, 0.70, 0.80, 0.05);

  /**
   * On the second dev sets: the figures with the 样例诉求 and the off-list model fitted on the three dev sets
   * (2026-12-06), rounded down (the false off-list rate up) to 0.1 %.
   */
  static final java.util.Map<String, Floors> DEV2_FLOORS = java.util.Map.of(
      "zhangqiu", new Floors(0.993, 0.950, 0.925, 0.007),
      "yunxi", new Floors(0.961, 0.893, 0.937, 0.023));

  /**
   * On the third dev sets (written apart from the examples, the set the examples' weight was chosen on): the same.
   */
  static final java.util.Map<String, Floors> DEV3_FLOORS = java.util.Map.of(
      "zhangqiu", new Floors(0.962, 0.870, 0.925, 0.013),
      "yunxi", new Floors(0.950, 0.811, 0.950, 0.020));

  /**
   * On the held-out sets: the shipped figures (2026-12-06, with the 样例诉求, measured once), rounded down (the false
   * off-list rate up) to 0.1 % (README). The targets hold on them.
   */
  static final java.util.Map<String, Floors> HELD_OUT_FLOORS = java.util.Map.of(
      "zhangqiu", new Floors(0.982, 0.909, 0.939, 0.013),
      "yunxi", new Floors(0.958, 0.844, 0.888, 0.018));

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
