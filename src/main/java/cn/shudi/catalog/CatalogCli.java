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
public final class CatalogCli {

  /**
   * What governance adds to an import: the list versions. Governance's own command ({@code cn.shudi.governance.ListCli},
   * the default of {@code mvn exec:java}) prints the same diff governance shows between two versions.
   */
  public interface Versions {
    /** Whether {@code label} is a later version than {@code than}: start-up stores only a later one. */
    boolean isNewer(String label, String than);

    /** The changes from the old list to the new one, as governance shows them. */
    String diff(Catalog old, Catalog now);
  }

  /** Without governance: any other label is newer; the diff counts the items. */
  static final Versions PLAIN = new Versions() {
    @Override
    public boolean isNewer(String label, String than) {
      return !label.equals(than);
    }

    @Override
    public String diff(Catalog old, Catalog now) {
      return "原清单 " + old.items().size() + " 项 → 新清单 " + now.items().size() + " 项\n";
    }
  };

  static final int OK = 0;
  static final int INVALID = 1;
  static final int USAGE = 2;

  static final String USAGE_TEXT = """
      用法（在仓库根目录运行）：
        mvn -q compile exec:java -Dexec.args="summary <辖区>"
            显示清单概况：事项数、各领域事项数、各主体责任单位事项数、镇街主体事项、配合责任数
        mvn -q compile exec:java -Dexec.args="validate <辖区>"
            校验 jurisdictions/<辖区>/catalog.csv，列出全部错误
        mvn -q compile exec:java -Dexec.args="import <文件.xlsx> <辖区> --version <版本> --effective <yyyy-MM-dd> [--merge] [--confirm-similar] [--title <清单名称>] [--prefix <编码前缀>]"
            把区县公布的清单 .xlsx（标题行、合并单元格、多个工作表均可）导入为 jurisdictions/<辖区>/catalog.csv，
            并列出与现有清单相比的变化（新增、删除、变更事项）；有任何错误则不写入，原文件保持不变。
            不带 --merge：完整清单，取代现有清单；事项名称（或 renames.csv 中登记的改名）相同的事项保留原编码。
            --merge：修订，只含新增或修改的事项；新事项取下一个空闲编码，同名事项更新，其余事项保留。
            --confirm-similar：确认与现有事项名称相近的新事项确是新事项（否则列出后不写入）。
            没有办结时限、呼叫响应时限的事项取本县默认时限并标「待定」。
            --prefix：新事项编码的两个大写字母（如 ZQ），默认取现有清单的前缀
        mvn -q compile exec:java -Dexec.args="export <辖区> <文件.xlsx>"
            把现行清单导出为官方格式的 .xlsx，供打印、公布
      <辖区> 为 jurisdictions/jurisdictions.csv 中的编码，如 zhangqiu、yunxi。
      """;

  private static final String CATALOG_FILE = "catalog.csv";
  private static final int PROGRESS_EVERY = 50;

  private static final String RENAMES_FILE = "renames.csv";
  private static final List<String> RENAMES_HEADER = List.of("原名称", "新名称");

  private final Path folder;
  private final PrintStream out;
  private final PrintStream err;
  private final Versions versions;

  /** @param folder the {@code jurisdictions} folder */
  public CatalogCli(Path folder, PrintStream out, PrintStream err) {
    this(folder, out, err, PLAIN);
  }

  public CatalogCli(Path folder, PrintStream out, PrintStream err, Versions versions) {
    this.folder = folder;
    this.out = out;
    this.err = err;
    this.versions = versions;
  }

  public static void main(String[] args) throws UnsupportedEncodingException {
    main(args, PLAIN);
  }

  /** Runs a command on the repository's {@code jurisdictions} folder and exits with its code on failure. */
  public static void main(String[] args, Versions versions) throws UnsupportedEncodingException {
    PrintStream out = console(System.out);
    PrintStream err = console(System.err);
    int code = new CatalogCli(Path.of("jurisdictions"), out, err, versions).run(args);
    out.flush();
    err.flush();
    if (code != OK) {
      System.exit(code); // only on failure: under exec:java a System.exit ends Maven too
    }
  }

  /** Chinese text must not turn into question marks on a console whose default charset is not UTF-8. */
  public static PrintStream console(PrintStream stream) throws UnsupportedEncodingException {
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
        case "export" -> args.length == 3 ? export(args[1], Path.of(args[2])) : usage("export 需要两个参数：<辖区> <文件.xlsx>");
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
      if (List.of("--merge", "--confirm-similar").contains(arg)) {
        options.put(arg, "");
      } else if (arg.startsWith("--")) {
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
    Catalog base = Files.exists(target) ? load(jurisdiction.get()) : null;
    boolean merge = options.containsKey("--merge");
    if (base != null && !versions.isNewer(options.get("--version"), base.version())) {
      return usage("版本「" + options.get("--version") + "」不比现有清单的版本「" + base.version()
          + "」新：导入的清单应有更新的版本号，平台启动时才会把它记为新的清单版本");
    }
    XlsxImporter.Request request;
    try {
      request = new XlsxImporter.Request(Path.of(positional.get(0)), jurisdiction.get(), prefix.get(), title,
          options.get("--version"), effective, target, base, merge, renames(jurisdiction.get().code()),
          HeaderVariants.load(folder));
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    XlsxImporter.Imported imported = new XlsxImporter(new CatalogLoader())
        .read(request, rows -> out.println("已读取 " + rows + " 行…"));
    if (base != null) {
      out.print(versions.diff(base, imported.catalog()));
      long dropped = base.items().stream().filter(i -> imported.catalog().item(i.code()).isEmpty()).count();
      if (!merge && dropped > 0) {
        out.println("提示：完整清单取代现有清单，上面删除的 " + dropped + " 项将不再在清单中；如表格只含新增或修改的事项，请加 --merge");
      }
    }
    if (!imported.similar().isEmpty()) {
      out.println("名称相近、请确认的事项 " + imported.similar().size() + " 项：");
      imported.similar().forEach(s -> out.println("  " + s));
      if (!options.containsKey("--confirm-similar")) {
        err.println("未写入：以上新事项与现有事项名称相近。如确是同一事项，请在 " + renamesPath(jurisdiction.get().code())
            + " 中登记改名（原名称,新名称）后重新导入；如确是新事项，请加 --confirm-similar 重新导入");
        return INVALID;
      }
    }
    try {
      XlsxImporter.write(target, imported);
    } catch (IOException e) {
      err.println("写入 " + target + " 失败：" + e.getMessage() + "（原文件保持不变）");
      return INVALID;
    }
    out.println("已导入 " + imported.catalog().items().size() + " 项（" + (merge ? "修订" : "完整清单") + "，版本 "
        + imported.catalog().version() + "）→ " + target);
    printPending(imported.pending());
    out.println("下一步：BlueprintCli generate 写出新事项缺少的施工图；平台启动时该清单记为新的清单版本");
    return OK;
  }

  private void printPending(List<Item> pending) {
    if (!pending.isEmpty()) {
      out.println("时限待定的事项 " + pending.size() + " 项（暂按本县默认时限办理，请与区县确认后在清单中填写）：");
      pending.forEach(i -> out.println("  " + i.code() + " " + i.name() + "：" + i.pendingLimits()));
    }
  }

  private int export(String code, Path file) {
    Optional<Jurisdiction> jurisdiction = jurisdiction(code);
    if (jurisdiction.isEmpty()) {
      return USAGE;
    }
    Catalog catalog = load(jurisdiction.get());
    try {
      XlsxExporter.write(catalog, file);
    } catch (IOException e) {
      err.println("写入 " + file + " 失败：" + e.getMessage());
      return INVALID;
    }
    out.println("已导出 " + catalog.items().size() + " 项（版本 " + catalog.version() + "）→ " + file);
    return OK;
  }

  /** Renames the analysts recorded ({@code <辖区>/renames.csv}: 原名称,新名称): the item keeps its code. */
  private Map<String, String> renames(String code) {
    Path file = renamesPath(code);
    if (!Files.exists(file)) {
      return Map.of();
    }
    List<DataProblem> problems = new ArrayList<>();
    Map<String, String> renames = new HashMap<>();
    for (CsvFiles.Row row : CsvFiles.read(file.toString(), () -> Files.newInputStream(file), RENAMES_HEADER,
        problems)) {
      String old = row.get("原名称").strip();
      String now = row.get("新名称").strip();
      if (old.isEmpty() || now.isEmpty()) {
        problems.add(new DataProblem(file.toString(), row.line(), old.isEmpty() ? "原名称" : "新名称", "不能为空"));
      } else {
        renames.put(old, now);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidDataException("改名记录 " + file + " 有误", problems);
    }
    return renames;
  }

  private Path renamesPath(String code) {
    return folder.resolve(code).resolve(RENAMES_FILE);
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
