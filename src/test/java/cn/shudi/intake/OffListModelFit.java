package cn.shudi.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Fits {@link ItemSuggester#OFF_LIST_MODEL} on the dev sets ({@code src/test/resources/intake/<county>-dev.tsv},
 * {@code -dev2.tsv} and {@code -dev3.tsv}, with the 样例诉求 in the index; with {@code --without-examples}
 * {@link ItemSuggester#OFF_LIST_MODEL_WITHOUT_EXAMPLES} on the first two, the list and synonyms alone; never the
 * held-out sets): logistic regression over {@link ItemSuggester#features} of the
 * requests the fixed rules (no match, consultation) leave open, classes weighted to balance, L2 0.01, Newton's method.
 * Prints the coefficients, per threshold the share of requests on the lists judged outside and of those outside
 * recognised, the same for each dev set when fitted on the others, and the suggestion's latency; writes it to
 * {@code target/intake-off-list-model.txt}. A tool for analysts, not a test:
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=cn.shudi.intake.OffListModelFit}.
 */
public final class OffListModelFit {

  static final double[] THRESHOLDS = {0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9};

  /** One dev request as the model sees it. */
  record Row(String set, boolean outside, boolean byRule, double[] x) {
  }

  private OffListModelFit() {
  }

  public static void main(String[] args) throws IOException {
    boolean withoutExamples = args.length > 0 && "--without-examples".equals(args[0]);
    ItemSuggester suggester = ItemSuggester.of(Path.of("jurisdictions"), !withoutExamples);
    List<Row> rows = new ArrayList<>();
    List<Long> nanos = new ArrayList<>();
    for (String county : RequestSet.COUNTIES) {
      List<RequestSet> sets = withoutExamples ? List.of(RequestSet.dev(county), RequestSet.dev2(county))
          : List.of(RequestSet.dev(county), RequestSet.dev2(county), RequestSet.dev3(county));
      for (RequestSet set : sets) {
        for (RequestSet.Labelled request : set.requests()) {
          ItemSuggester.Scored scored = suggester.scored(county, request.text());
          boolean rule = scored.candidates().isEmpty() || scored.bestMatched() < ItemSuggester.MIN_MATCHED_WORDS
              || ItemSuggester.consultation(request.text());
          rows.add(new Row(set.file().getFileName().toString(), !request.onList(), rule,
              ItemSuggester.features(request.text(), scored)));
        }
      }
    }
    for (int round = 0; round < 3; round++) {
      for (String county : RequestSet.COUNTIES) {
        for (RequestSet.Labelled request : RequestSet.dev2(county).requests()) {
          long start = System.nanoTime();
          suggester.suggest(county, request.text());
          if (round > 0) {
            nanos.add(System.nanoTime() - start);
          }
        }
      }
    }
    StringBuilder out = new StringBuilder();
    double[] beta = fit(rows);
    out.append(withoutExamples ? "off-list model without examples (intercept, ln(1+best), coverage, asking, ln(1+words)):"
        : "off-list model (intercept, ln(1+best), coverage, asking, ln(1+words), ln(1+outside)-ln(1+best)):");
    for (double b : beta) {
      out.append(String.format(Locale.ROOT, " %.3f", b));
    }
    out.append(String.format(Locale.ROOT, "%nfixed rules: %d outside, %d on the lists%n",
        rows.stream().filter(r -> r.byRule() && r.outside()).count(),
        rows.stream().filter(r -> r.byRule() && !r.outside()).count()));
    for (double threshold : THRESHOLDS) {
      out.append(String.format(Locale.ROOT, "p ≥ %.2f: %s%n", threshold, figures(rows, beta, threshold)));
    }
    out.append("each dev set judged by the model fitted on the others:\n");
    List<String> sets = rows.stream().map(Row::set).distinct().toList();
    for (double threshold : THRESHOLDS) {
      out.append(String.format(Locale.ROOT, "p ≥ %.2f:", threshold));
      for (String set : sets) {
        double[] others = fit(rows.stream().filter(r -> !r.set().equals(set)).toList());
        out.append(String.format(Locale.ROOT, " %s %s;", set,
            figures(rows.stream().filter(r -> r.set().equals(set)).toList(), others, threshold)));
      }
      out.append('\n');
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    out.append(String.format(Locale.ROOT, "latency over %d suggestions: median %.2f ms, p95 %.2f ms, max %.2f ms%n",
        sorted.length, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.95)] / 1e6,
        sorted[sorted.length - 1] / 1e6));
    System.out.print(out);
    Files.writeString(Path.of("target/intake-off-list-model.txt"), out, StandardCharsets.UTF_8);
  }

  /** On the lists judged outside, outside recognised, both in %. */
  static String figures(List<Row> rows, double[] beta, double threshold) {
    int on = 0;
    int off = 0;
    int falseOff = 0;
    int recognised = 0;
    for (Row row : rows) {
      boolean judged = row.byRule() || probability(beta, row.x()) >= threshold;
      on += row.outside() ? 0 : 1;
      off += row.outside() ? 1 : 0;
      falseOff += judged && !row.outside() ? 1 : 0;
      recognised += judged && row.outside() ? 1 : 0;
    }
    return String.format(Locale.ROOT, "on the lists judged outside %.1f %%, outside recognised %.1f %%",
        100.0 * falseOff / on, 100.0 * recognised / off);
  }

  static double probability(double[] beta, double[] x) {
    double z = beta[0];
    for (int i = 0; i < x.length; i++) {
      z += beta[i + 1] * x[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /** Weighted, L2-regularised logistic regression by Newton's method over the rows the fixed rules leave open. */
  static double[] fit(List<Row> all) {
    List<Row> rows = all.stream().filter(r -> !r.byRule()).toList();
    int n = rows.size();
    int d = rows.get(0).x().length + 1;
    long positives = rows.stream().filter(Row::outside).count();
    double[] beta = new double[d];
    for (int iteration = 0; iteration < 50; iteration++) {
      double[][] h = new double[d][d + 1];
      for (Row row : rows) {
        double[] x = new double[d];
        x[0] = 1;
        System.arraycopy(row.x(), 0, x, 1, d - 1);
        double y = row.outside() ? 1 : 0;
        double w = row.outside() ? n / (2.0 * positives) : n / (2.0 * (n - positives));
        double p = probability(beta, row.x());
        for (int j = 0; j < d; j++) {
          for (int k = 0; k < d; k++) {
            h[j][k] += w * p * (1 - p) * x[j] * x[k];
          }
          h[j][d] += w * (p - y) * x[j];
        }
      }
      for (int j = 0; j < d; j++) {
        h[j][j] += 0.01;
        h[j][d] += 0.01 * beta[j];
      }
      double[] step = solve(h);
      for (int j = 0; j < d; j++) {
        beta[j] -= step[j];
      }
    }
    return Arrays.copyOf(beta, d);
  }

  /** Gauss-Jordan elimination with partial pivoting of an augmented matrix. */
  private static double[] solve(double[][] m) {
    int d = m.length;
    for (int c = 0; c < d; c++) {
      int pivot = c;
      for (int r = c + 1; r < d; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = m[c];
      m[c] = m[pivot];
      m[pivot] = t;
      for (int r = 0; r < d; r++) {
        if (r != c) {
          double f = m[r][c] / m[c][c];
          for (int k = c; k <= d; k++) {
            m[r][k] -= f * m[c][k];
          }
        }
      }
    }
    double[] x = new double[d];
    for (int i = 0; i < d; i++) {
      x[i] = m[i][d] / m[i][i];
    }
    return x;
  }
}
