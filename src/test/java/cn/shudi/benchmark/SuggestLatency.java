package cn.shudi.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.shudi.intake.ItemSuggester;
import cn.shudi.intake.Suggestion;

/**
 * Latency of 研判 ({@link ItemSuggester#suggest}) per county, one thread, after warm-up: over the texts of the held-out
 * evaluation set {@code jurisdictions/<county>/requests-eval.tsv} when it exists, otherwise the dev set
 * {@code src/test/resources/intake/<county>-dev.tsv}.
 */
final class SuggestLatency {

  static final List<String> COUNTIES = List.of("zhangqiu", "yunxi");

  /** One county's figures and the file its texts came from. */
  record Figure(Stats stats, Path file, int texts) {
  }

  private SuggestLatency() {
  }

  static Map<String, Figure> run(int warmupRounds, int rounds) throws IOException {
    ItemSuggester suggester = ItemSuggester.of(Path.of("jurisdictions"));
    Map<String, Figure> figures = new LinkedHashMap<>();
    for (String county : COUNTIES) {
      Path eval = Path.of("jurisdictions", county, "requests-eval.tsv");
      Path file = Files.exists(eval) ? eval : Path.of("src/test/resources/intake", county + "-dev.tsv");
      List<String> texts = texts(file);
      long checksum = 0;
      for (int round = 0; round < warmupRounds; round++) {
        for (String text : texts) {
          checksum += suggester.suggest(county, text).candidates().size();
        }
      }
      List<Double> millis = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        for (String text : texts) {
          long start = System.nanoTime();
          Suggestion suggestion = suggester.suggest(county, text);
          millis.add((System.nanoTime() - start) / 1e6);
          checksum += suggestion.candidates().size();
        }
      }
      Bench.progress("suggest %s: %d texts × %d rounds (checksum %d)", county, texts.size(), rounds, checksum);
      figures.put(county, new Figure(Stats.of(millis), file, texts.size()));
    }
    return figures;
  }

  /** The request texts of a labelled file ({@code <code or NONE>\t<text>}, {@code #} comments). */
  private static List<String> texts(Path file) throws IOException {
    List<String> texts = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (!line.startsWith("#") && tab >= 0 && !line.substring(tab + 1).isBlank()) {
        texts.add(line.substring(tab + 1).strip());
      }
    }
    return texts;
  }
}
