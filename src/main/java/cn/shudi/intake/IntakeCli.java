package cn.shudi.intake;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import cn.shudi.datafile.InvalidDataException;
import cn.shudi.catalog.CatalogCli;
import cn.shudi.governance.ListCli;

/**
 * The analysts' command line, the default of {@code mvn exec:java}: {@code suggest} here, every other command to the
 * list commands ({@link ListCli}).
 *
 * <pre>
 * mvn -q compile exec:java -Dexec.args="suggest zhangqiu --file 诉求.txt"
 * </pre>
 *
 * reads one request per line (UTF-8; blank lines are skipped) and prints per request one line: its line number, then
 * up to three item codes best first, TAB-separated; {@code NONE} comes first when the request is judged outside the
 * list (its best guesses may follow). Exit codes: 0 done, 1 the file or the data has problems, 2 the command was wrong.
 * Public: exec:java runs the main of a public class only.
 */
public final class IntakeCli {

  static final int OK = 0;
  static final int INVALID = 1;
  static final int USAGE = 2;
  static final String NONE = "NONE";

  static final String USAGE_TEXT = """
      用法（在仓库根目录运行）：
        mvn -q compile exec:java -Dexec.args="suggest <辖区> --file <诉求.txt>"
            研判：对文件中每行一条诉求（UTF-8）给出最可能的清单事项，每条诉求输出一行：
            行号<TAB>事项编码（至多三个，最可能的在前）；判定为清单之外时第一个编码为 NONE
      其余命令（summary、validate、import、export）见不带参数运行时的说明。
      """;

  private final Supplier<ItemSuggester> suggester;
  private final PrintStream out;
  private final PrintStream err;

  IntakeCli(Supplier<ItemSuggester> suggester, PrintStream out, PrintStream err) {
    this.suggester = suggester;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) throws UnsupportedEncodingException {
    if (args.length == 0 || !"suggest".equals(args[0])) {
      ListCli.main(args);
      return;
    }
    PrintStream out = CatalogCli.console(System.out);
    PrintStream err = CatalogCli.console(System.err);
    int code = new IntakeCli(() -> ItemSuggester.of(Path.of("jurisdictions")), out, err).run(args);
    out.flush();
    err.flush();
    if (code != OK) {
      System.exit(code); // only on failure: under exec:java a System.exit ends Maven too
    }
  }

  /** {@code suggest <county> --file <file>}. */
  int run(String... args) {
    if (args.length != 4 || !"suggest".equals(args[0]) || !"--file".equals(args[2])) {
      return usage("suggest 需要：<辖区> --file <诉求.txt>");
    }
    String county = args[1];
    Path file = Path.of(args[3]);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      err.println("诉求文件 " + file + " 不存在");
      return INVALID;
    } catch (CharacterCodingException e) {
      err.println("诉求文件 " + file + " 不是 UTF-8 编码：请另存为 UTF-8 后重试");
      return INVALID;
    } catch (IOException e) {
      err.println("读取诉求文件 " + file + " 失败：" + e.getMessage());
      return INVALID;
    }
    if (lines.stream().allMatch(String::isBlank)) {
      err.println("诉求文件 " + file + " 是空的：应每行一条诉求");
      return INVALID;
    }
    ItemSuggester items;
    try {
      items = suggester.get();
    } catch (InvalidDataException e) {
      err.println(e.getMessage());
      return INVALID;
    }
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).replace("\uFEFF", "");
      if (text.isBlank()) {
        continue;
      }
      Suggestion suggestion;
      try {
        suggestion = items.suggest(county, text);
      } catch (IllegalArgumentException e) {
        err.println(e.getMessage());
        return USAGE;
      }
      List<String> cells = new ArrayList<>();
      cells.add(String.valueOf(i + 1));
      if (suggestion.outsideList()) {
        cells.add(NONE);
      }
      suggestion.candidates().forEach(c -> cells.add(c.code()));
      out.println(String.join("\t", cells));
    }
    return OK;
  }

  private int usage(String problem) {
    err.println(problem);
    err.print(USAGE_TEXT);
    return USAGE;
  }
}
