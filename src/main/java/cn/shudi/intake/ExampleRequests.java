package cn.shudi.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.Catalogs;
import cn.shudi.datafile.DataProblem;
import cn.shudi.datafile.InvalidDataException;

/**
 * 样例诉求: requests written for a county's list the way citizens, grid workers, enterprises and townships phrase them,
 * per item (and outside the list, {@link #NONE}), kept beside the list in {@code jurisdictions/<county>/examples.tsv}
 * ({@code <item code or NONE><TAB><request>}, {@code #} comments, UTF-8). The suggestion starts from them as if the
 * command centre had confirmed each one ({@link ItemSuggester}): a new list's first requests are judged against everyday
 * words, not only against the list's official ones. A county without the file has none.
 *
 * <p>Checked like the list itself: every problem with its line and column (a line without a tab, a code that is not an
 * item of the list shipped beside it ({@code catalog.csv}), an empty or overlong request, a request given twice), and
 * the whole file is refused when one is found. Against the shipped list, not the version in force: a later version
 * approved in the platform that drops an item leaves that item's examples unused instead of stopping the next start.
 */
final class ExampleRequests {

  static final String FILE = "examples.tsv";
  /** The code of a request written as outside the list. */
  static final String NONE = "NONE";
  /** A request longer than this is not an example but a document. */
  static final int MAX_LENGTH = 300;

  private ExampleRequests() {
  }

  /**
   * The examples of every county with a list in force, per county, in the files' order.
   *
   * @param folder the jurisdictions' folder as a Spring resource location, ending with {@code /}
   * @throws InvalidDataException with every problem when a file has any
   */
  static Map<String, List<IntakeStore.Evidence>> load(ResourceLoader resources, String folder, Catalogs catalogs) {
    Map<String, List<IntakeStore.Evidence>> examples = new LinkedHashMap<>();
    for (Catalog catalog : catalogs.all()) {
      String county = catalog.jurisdiction();
      String name = folder + county + "/" + FILE;
      Resource resource = resources.getResource(name);
      if (!resource.exists()) {
        continue;
      }
      try (InputStream in = resource.getInputStream()) {
        examples.put(county, parse(county + "/" + FILE, new String(in.readAllBytes(), StandardCharsets.UTF_8),
            catalogs.shipped(county)));
      } catch (IOException e) {
        throw new UncheckedIOException("读取样例诉求文件 " + name + " 失败：" + e.getMessage(), e);
      }
    }
    return examples;
  }

  /**
   * One county's file.
   *
   * @param file the file as the analyst knows it, for the problems
   * @param catalog the list the codes must be items of (the shipped one)
   * @throws InvalidDataException with every problem when the file has any
   */
  static List<IntakeStore.Evidence> parse(String file, String text, Catalog catalog) {
    List<IntakeStore.Evidence> examples = new ArrayList<>();
    List<DataProblem> problems = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    String[] lines = text.replace("\uFEFF", "").split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int number = i + 1;
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab < 0) {
        problems.add(new DataProblem(file, number, null, "缺少制表符：每行应为「事项编码或 NONE<TAB>诉求内容」"));
        continue;
      }
      String code = line.substring(0, tab).strip();
      String request = line.substring(tab + 1).strip();
      if (!NONE.equals(code) && catalog.item(code).isEmpty()) {
        problems.add(new DataProblem(file, number, "编码", "「" + code + "」不是辖区「" + catalog.jurisdiction()
            + "」清单（catalog.csv）的事项编码，也不是表示清单之外的 NONE"));
      }
      if (request.isEmpty()) {
        problems.add(new DataProblem(file, number, "诉求", "诉求内容为空"));
      } else if (request.indexOf('\t') >= 0) {
        problems.add(new DataProblem(file, number, "诉求", "诉求内容中不能再有制表符"));
      } else if (request.length() > MAX_LENGTH) {
        problems.add(new DataProblem(file, number, "诉求", "诉求内容 " + request.length() + " 字，超过 " + MAX_LENGTH
            + " 字：样例应是一条诉求，不是一篇文档"));
      } else {
        Integer before = seen.putIfAbsent(request, number);
        if (before != null) {
          problems.add(new DataProblem(file, number, "诉求", "与第 " + before + " 行的诉求相同"));
        }
      }
      examples.add(new IntakeStore.Evidence(code, request));
    }
    if (!problems.isEmpty()) {
      throw new InvalidDataException("样例诉求 " + file, problems);
    }
    return List.copyOf(examples);
  }
}
