package cn.shudi.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Writes the off-list judgment's features of every request of the dev sets (never the held-out sets) to
 * {@code target/intake-features.tsv}, to fit {@link ItemSuggester}'s off-list model. Runs only with the environment
 * variable {@code INTAKE_FIT} set.
 */
@EnabledIfEnvironmentVariable(named = "INTAKE_FIT", matches = ".+")
class OffListModelFit {

  @Test
  void writeTheFeaturesOfTheDevSets() throws IOException {
    ItemSuggester suggester = ItemSuggester.of(Path.of("jurisdictions"));
    List<String> rows = new ArrayList<>();
    rows.add("county\tset\tline\tlabel\tbest\tsecond\tmatched\trarest\tcoverage\tpairs\twords\titems\tasking\tconsult"
        + "\tlength\toutside\tcodes");
    for (String county : RequestSet.COUNTIES) {
      for (RequestSet set : List.of(RequestSet.dev(county), RequestSet.dev2(county))) {
        for (RequestSet.Labelled request : set.requests()) {
          ItemSuggester.Scored scored = suggester.scored(county, request.text());
          Suggestion suggestion = suggester.suggest(county, request.text());
          rows.add(String.format(Locale.ROOT, "%s\t%s\t%d\t%s\t%.4f\t%.4f\t%d\t%d\t%.4f\t%.4f\t%d\t%d\t%d\t%d\t%d\t%d\t%s",
              county, set.file().getFileName(), request.line(), request.expected(), scored.best(), scored.second(),
              scored.bestMatched(), scored.bestRarest() == Integer.MAX_VALUE ? 999 : scored.bestRarest(),
              scored.coverage(), scored.pairCoverage(), scored.words(), scored.items(),
              ItemSuggester.asking(request.text()) ? 1 : 0, ItemSuggester.consultation(request.text()) ? 1 : 0,
              request.text().length(), suggestion.outsideList() ? 1 : 0,
              String.join(",", scored.candidates().stream().map(Suggestion.Candidate::code).toList())));
        }
      }
    }
    Files.write(Path.of("target/intake-features.tsv"), rows, StandardCharsets.UTF_8);
  }

  /**
   * Fits {@link ItemSuggester#OFF_LIST_MODEL} on the dev sets: logistic regression over {@link ItemSuggester#features}
   * of the requests the fixed rules leave open, classes weighted to balance, L2 0.01, Newton's method; prints the
   * coefficients and, per threshold, the share of requests on the lists judged outside and of those outside recognised.
   */
  @Test
  void fitTheOffListModelOnTheDevSets() throws IOException {
    ItemSuggester suggester = ItemSuggester.of(Path.of("jurisdictions"));
    List<double[]> xs = new ArrayList<>();
    List<Boolean> ys = new ArrayList<>();
    int on = 0;
    int off = 0;
    int offByRule = 0;
    int onByRule = 0;
    for (String county : RequestSet.COUNTIES) {
      for (RequestSet set : List.of(RequestSet.dev(county), RequestSet.dev2(county))) {
        for (RequestSet.Labelled request : set.requests()) {
          ItemSuggester.Scored scored = suggester.scored(county, request.text());
          boolean rule = scored.candidates().isEmpty() || scored.bestMatched() < ItemSuggester.MIN_MATCHED_WORDS
              || ItemSuggester.consultation(request.text());
          on += request.onList() ? 1 : 0;
          off += request.onList() ? 0 : 1;
          if (rule) {
            offByRule += request.onList() ? 0 : 1;
            onByRule += request.onList() ? 1 : 0;
            continue;
          }
          xs.add(ItemSuggester.features(request.text(), scored));
          ys.add(!request.onList());
        }
      }
    }
    int n = xs.size();
    int d = xs.get(0).length + 1;
    long positives = ys.stream().filter(b -> b).count();
    double[] beta = new double[d];
    for (int iteration = 0; iteration < 50; iteration++) {
      double[][] h = new double[d][d + 1];
      for (int i = 0; i < n; i++) {
        double[] x = withIntercept(xs.get(i));
        double y = ys.get(i) ? 1 : 0;
        double w = ys.get(i) ? n / (2.0 * positives) : n / (2.0 * (n - positives));
        double p = 1 / (1 + Math.exp(-dot(beta, x)));
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
    StringBuilder out = new StringBuilder("off-list model (intercept, ln(1+best), coverage, asking, ln(1+words)):");
    for (double b : beta) {
      out.append(String.format(Locale.ROOT, " %.3f", b));
    }
    out.append(String.format(Locale.ROOT, "%n(fixed rules: %d of %d outside, %d of %d on the lists)%n", offByRule, off,
        onByRule, on));
    for (double threshold : new double[] {0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9}) {
      int falseOff = onByRule;
      int recognised = offByRule;
      for (int i = 0; i < n; i++) {
        boolean judged = 1 / (1 + Math.exp(-dot(beta, withIntercept(xs.get(i))))) >= threshold;
        falseOff += judged && !ys.get(i) ? 1 : 0;
        recognised += judged && ys.get(i) ? 1 : 0;
      }
      out.append(String.format(Locale.ROOT, "p ≥ %.2f: on the lists judged outside %.1f %%, outside recognised %.1f %%%n",
          threshold, 100.0 * falseOff / on, 100.0 * recognised / off));
    }
    System.out.print(out);
    Files.writeString(Path.of("target/intake-off-list-model.txt"), out, StandardCharsets.UTF_8);
  }

  private static double[] withIntercept(double[] x) {
    double[] with = new double[x.length + 1];
    with[0] = 1;
    System.arraycopy(x, 0, with, 1, x.length);
    return with;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
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
