package cn.shudi.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled requests of a county ({@code <code or NONE>\t<text>}, {@code #} comments): the held-out evaluation set
 * {@code jurisdictions/<county>/requests-eval.tsv} when it exists, otherwise the dev set
 * {@code src/test/resources/intake/<county>-dev.tsv}.
 */
record RequestSet(String county, Path file, boolean held, List<Labelled> requests) {

  static final String NONE = "NONE";
  static final List<String> COUNTIES = List.of("zhangqiu", "yunxi");

  /** @param expected the item code, or {@link #NONE} for a request outside the list */
  record Labelled(int line, String expected, String text) {
    boolean onList() {
      return !NONE.equals(expected);
    }
  }

  static Path evalFile(String county) {
    return Path.of("jurisdictions", county, "requests-eval.tsv");
  }

  static Path devFile(String county) {
    return Path.of("src/test/resources/intake", county + "-dev.tsv");
  }

  /** The evaluation set when it exists, otherwise the dev set. */
  static RequestSet forQuality(String county) {
    Path eval = evalFile(county);
    return Files.exists(eval) ? read(county, eval, true) : read(county, devFile(county), false);
  }

  static RequestSet dev(String county) {
    return read(county, devFile(county), false);
  }

  /** The second dev set: requests in the words citizens and grid workers use, written before the engine was tuned on it. */
  static RequestSet dev2(String county) {
    return read(county, Path.of("src/test/resources/intake", county + "-dev2.tsv"), false);
  }

  /**
   * The third dev set: written independently of the 样例诉求 ({@code jurisdictions/<county>/examples.tsv}) and of the other
   * sets, after the engine had learnt from the examples, to tune on a set the first two rounds of tuning never saw.
   */
  static RequestSet dev3(String county) {
    return read(county, Path.of("src/test/resources/intake", county + "-dev3.tsv"), false);
  }

  static RequestSet read(String county, Path file, boolean held) {
    List<Labelled> requests = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).replace("\uFEFF", "");
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab < 0) {
          throw new IllegalStateException(file + " 第 " + (i + 1) + " 行缺少制表符：应为 <编码或 NONE><TAB><诉求>");
        }
        requests.add(new Labelled(i + 1, line.substring(0, tab).strip(), line.substring(tab + 1).strip()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RequestSet(county, file, held, List.copyOf(requests));
  }
}
