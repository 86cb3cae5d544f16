package cn.shudi.catalog;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.core.io.DefaultResourceLoader;

import cn.shudi.datafile.CsvFiles;
import cn.shudi.datafile.DataProblem;
import cn.shudi.datafile.InvalidDataException;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.OrganizationLoader;

/**
 * The analysts' commands on the list files, without starting the platform:
 * {@code mvn -q compile exec:java -Dexec.args="summary zhangqiu"} from the repository root.
 * Exit codes: 0 done, 1 the data has problems, 2 the command was wrong.
 */
final class CatalogCli {

  static final int OK = 0;
  static final int INVALID = 1;
  static final int USAGE = 2;

  static final String USAGE_TEXT = """
      用法（在仓库根目录运行）：
        mvn -q compile exec:java -Dexec.args="summary <辖区>"
            显示清单概况：事项数、各领域事项数、各主体责任单位事项数、镇街主体事项、配合责任数
        mvn -q compile exec:java -Dexec.args="validate <辖区>"
            校验 jurisdictions/<辖区>/catalog.csv，列出全部错误
        mvn -q compile exec:java -Dexec.args="import <文件.xlsx> <辖区> --version <版本> --effective <yyyy-MM-dd> [--title <清单名称>] [--prefix <编码前缀>]"
            把区县报来的 .xlsx（官方清单格式）导入为 jurisdictions/<辖区>/catalog.csv；
            有任何错误则不写入，原文件保持不变。
            --prefix：表格没有「编码」列时用来生成编码的两个大写字母（如 ZQ），默认取现有清单的前缀
      <辖区> 为 jurisdictions/jurisdictions.csv 中的编码，如 zhangqiu、yunxi。
      """;

  private static final String CATALOG_FILE = "catalog.csv";
  private static final int PROGRESS_EVERY = 50;

  private final Path folder;
  private final PrintStream out;
  private final PrintStream err;

  /** @param folder the {@code jurisdictions} folder */
  public CatalogCli(Path folder, PrintStream out, PrintStream err) {
    this.folder = folder;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) throws UnsupportedEncodingException {
    PrintStream out = console(System.out);
    PrintStream err = console(System.err);
    int code = new CatalogCli(Path.of("jurisdictions"), out, err).run(args);
    out.flush();
    err.flush();
    if (code != OK) {
      System.exit(code); // only on failure: under exec:java a System.exit ends Maven too
    }
  }

  /** Chinese text must not turn into question marks on a console whose default charset is not UTF-8. */
  private static PrintStream console(PrintStream stream) throws UnsupportedEncodingException {
    String charset = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
    return new PrintStream(stream, true, charset == null ? StandardCharsets.UTF_8.name() : charset);
  }

  public int run(String... args) {
    if (args.length == 0) {
      return usage(null);
    }
    try {
      return switch (args[0]) {
        case "summary" -> args.length == 2 ? summary(args[1]) : usage("summary 需要一个参数：<辖区>");
        case "validate" -> args.length == 2 ? validate(args[1]) : usage("validate 需要一个参数：<辖区>");
        case "import" -> importXlsx(args);
        default -> usage("未知命令「" + args[0] + "」");
      };
    } catch (InvalidDataException e) {
      err.println(e.getMessage());
      return INVALID;
    }
  }

  private int summary(String code) {
    Optional<Jurisdiction> jurisdiction = jurisdiction(code);
    if (jurisdiction.isEmpty()) {
      return USAGE;
    }
    Catalog catalog = load(jurisdiction.get());
    out.print(CatalogSummary.of(catalog, jurisdiction.get().name()));
    return OK;
  }

  private int validate(String code) {
    Optional<Jurisdiction> jurisdiction = jurisdiction(code);
    if (jurisdiction.isEmpty()) {
      return USAGE;
    }
    Catalog catalog = load(jurisdiction.get());
    out.println("清单 " + catalogPath(code) + " 校验通过：" + catalog.items().size() + " 项");
    return OK;
  }

  private int importXlsx(String[] args) {
    List<String> positional = new ArrayList<>();
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("--")) {
        if (!List.of("--version", "--effective", "--title", "--prefix").contains(arg)) {
          return usage("未知选项「" + arg + "」");
        }
        if (i + 1 >= args.length) {
          return usage("选项 " + arg + " 缺少取值");
        }
        options.put(arg, args[++i]);
      } else {
        positional.add(arg);
      }
    }
    if (positional.size() != 2) {
      return usage("import 需要两个参数：<文件.xlsx> <辖区>");
    }
    if (!options.containsKey("--version") || !options.containsKey("--effective")) {
      return usage("import 需要 --version <版本> 和 --effective <yyyy-MM-dd>");
    }
    LocalDate effective;
    try {
      effective = LocalDate.parse(options.get("--effective"));
    } catch (DateTimeParseException e) {
      return usage("生效日期「" + options.get("--effective") + "」不合法：应为 yyyy-MM-dd（如 2024-01-01）");
    }
    Optional<Jurisdiction> jurisdiction = jurisdiction(positional.get(1));
    if (jurisdiction.isEmpty()) {
      return USAGE;
    }
    Path target = catalogPath(jurisdiction.get().code());
    Optional<String> prefix = Optional.ofNullable(options.get("--prefix")).or(() -> existingPrefix(target));
    if (prefix.isEmpty()) {
      return usage("现有清单中找不到编码前缀：请用 --prefix 指定两个大写字母（如 YX）");
    }
    String title = Optional.ofNullable(options.get("--title")).or(() -> existingTitle(target))
        .orElse(jurisdiction.get().name() + "县乡“属地管理”事项主体责任和配合责任清单");
    XlsxImporter.Request request;
    try {
      request = new XlsxImporter.Request(Path.of(positional.get(0)), jurisdiction.get(), prefix.get(), title,
          options.get("--version"), effective, target);
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    try {
      Catalog catalog = new XlsxImporter(new CatalogLoader())
          .importFile(request, rows -> out.println("已读取 " + rows + " 行…"));
      out.println("已导入 " + catalog.items().size() + " 项 → " + target);
      return OK;
    } catch (IOException e) {
      err.println("写入 " + target + " 失败：" + e.getMessage() + "（原文件保持不变）");
      return INVALID;
    }
  }

  private Catalog load(Jurisdiction jurisdiction) {
    Path file = catalogPath(jurisdiction.code());
    if (!Files.exists(file)) {
      throw new InvalidDataException("清单 " + file + " 有误",
          List.of(DataProblem.ofFile(file.toString(), "文件不存在")));
    }
    return new CatalogLoader().load(file.toString(), () -> Files.newInputStream(file), jurisdiction);
  }

  private Optional<Jurisdiction> jurisdiction(String code) {
    Organization organization = new OrganizationLoader(new DefaultResourceLoader(), location()).load();
    Optional<Jurisdiction> jurisdiction = organization.find(code);
    if (jurisdiction.isEmpty()) {
      usage("未知辖区「" + code + "」：应为 " + String.join("、",
          organization.jurisdictions().stream().map(Jurisdiction::code).toList()) + " 之一");
    }
    return jurisdiction;
  }

  /** Same loader as the platform, pointed at the working copy instead of the classpath. */
  private String location() {
    if (folder.isAbsolute()) {
      return folder.toUri().toString();
    }
    return "file:" + folder.toString().replace(File.separatorChar, '/') + "/";
  }

  private Path catalogPath(String code) {
    return folder.resolve(code).resolve(CATALOG_FILE);
  }

  /** Re-importing keeps the codes of the list it replaces. */
  private static Optional<String> existingPrefix(Path catalog) {
    if (!Files.exists(catalog)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(catalog); Reader reader = CsvFiles.utf8(in);
        CSVParser parser = CsvFiles.parse(reader)) {
      for (CSVRecord record : parser) {
        if (record.isMapped(CatalogColumns.CODE) && ItemRow.CODE_FORMAT.matcher(record.get(CatalogColumns.CODE)).matches()) {
          return Optional.of(record.get(CatalogColumns.CODE).substring(0, 2));
        }
      }
    } catch (IOException | RuntimeException e) {
      // an unreadable old list gives no prefix; the user is asked for --prefix
    }
    return Optional.empty();
  }

  private static Optional<String> existingTitle(Path catalog) {
    if (!Files.exists(catalog)) {
      return Optional.empty();
    }
    return Optional.ofNullable(HeaderComments.read(catalog.toString(), () -> Files.newInputStream(catalog),
        new ArrayList<>()).title());
  }

  private int usage(String problem) {
    if (problem != null) {
      err.println(problem);
    }
    err.print(USAGE_TEXT);
    return USAGE;
  }
}
