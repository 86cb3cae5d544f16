package cn.shudi.catalog;

import static cn.shudi.catalog.CatalogColumns.CALL_RESPONSE_TIME;
import static cn.shudi.catalog.CatalogColumns.CODE;
import static cn.shudi.catalog.CatalogColumns.COOPERATING_DUTIES;
import static cn.shudi.catalog.CatalogColumns.COOPERATING_UNITS;
import static cn.shudi.catalog.CatalogColumns.NAME;
import static cn.shudi.catalog.CatalogColumns.NO;
import static cn.shudi.catalog.CatalogColumns.NUMBER;
import static cn.shudi.catalog.CatalogColumns.PRIMARY_DUTIES;
import static cn.shudi.catalog.CatalogColumns.PRIMARY_UNIT;
import static cn.shudi.catalog.CatalogColumns.SOURCE;
import static cn.shudi.catalog.CatalogColumns.TIME_LIMIT;
import static cn.shudi.catalog.CatalogColumns.TOWNSHIP_PRIMARY;
import static cn.shudi.catalog.CatalogColumns.UNIT_SEPARATOR;
import static cn.shudi.catalog.CatalogColumns.YES;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import cn.shudi.datafile.DataProblem;
import cn.shudi.datafile.InvalidDataException;
import cn.shudi.organization.Jurisdiction;

/**
 * Imports a county's .xlsx, laid out as counties publish their lists ({@link OfficialSheet}), into catalog.csv. The
 * CSV it builds is validated by {@link CatalogLoader}, so an imported list obeys exactly the rules of a hand-edited
 * one; every problem of every sheet is reported at once, located by sheet, Excel row and column; only a valid list
 * is written, and atomically, so a failed import leaves the old file as it was.
 *
 * <p>Two modes against the list it replaces ({@link Request#base}): a <b>full list</b> is the new list, an item
 * keeping its code when its name, or a rename recorded for it, matches an item of the old list; an
 * <b>amendment</b> ({@link Request#merge}) adds its new items under the next free codes and numbers, replaces the
 * items it matches and keeps all others. New items whose names are close to an old item's are listed
 * ({@link Imported#similar}) for the analyst to confirm.
 */
class XlsxImporter {

  /** What the officials write for "the township" in a unit cell; the list says 镇街. */
  static final Set<String> TOWNSHIP_TOKENS = Set.of("镇街", "乡镇", "街道", "乡镇（街道）", "乡镇(街道)", "镇（街道）",
      "镇(街道)", "各镇街", "各镇（街道）", "各乡镇（街道）", "各乡镇", "属地镇街", "镇街道", "乡镇街道");
  static final Pattern PREFIX_FORMAT = Pattern.compile("[A-Z]{2}");
  private static final Pattern UNIT_SEPARATORS = Pattern.compile("[、，,；;/\\s]+");
  private static final String DEFAULT_SOURCE = "illustrative";
  private static final Pattern EARLIER_LINE = Pattern.compile("（第(\\d+)行已有）");
  /** The defaults of a county without a list to learn them from. */
  static final String FALLBACK_TIME_LIMIT = "30个工作日";
  static final String FALLBACK_CALL_RESPONSE = "24小时";

  /**
   * @param codePrefix two capital letters; codes of new items are prefix + three digits
   * @param title the list's title (header comment 清单)
   * @param version header comment 版本
   * @param effectiveDate header comment 生效日期
   * @param target the catalog.csv to write
   * @param base the list the import replaces or amends; null for a county's first list (codes from 序号)
   * @param merge an amendment: the sheet's items are added to the base list or replace their match in it
   * @param renames recorded renames, old name → new name: an item of the sheet under the new name keeps the old
   *     item's code
   * @param headers the columns' titles the county uses
   */
  public record Request(Path xlsx, Jurisdiction jurisdiction, String codePrefix, String title, String version,
      LocalDate effectiveDate, Path target, Catalog base, boolean merge, Map<String, String> renames,
      HeaderVariants headers) {

    public Request {
      Objects.requireNonNull(xlsx, "xlsx");
      Objects.requireNonNull(jurisdiction, "jurisdiction");
      Objects.requireNonNull(target, "target");
      if (codePrefix == null || !PREFIX_FORMAT.matcher(codePrefix).matches()) {
        throw new IllegalArgumentException("编码前缀「" + codePrefix + "」不合法：应为两个大写字母（如 ZQ、YX）");
      }
      if (title == null || title.isBlank() || title.contains("\n") || title.contains("\r")) {
        throw new IllegalArgumentException("清单名称不能为空，也不能换行");
      }
      if (version == null || !HeaderComments.VERSION.matcher(version).matches()) {
        throw new IllegalArgumentException("版本「" + version + "」不合法：应为字母或数字开头、由字母、数字、点、横线组成的版本号（如 2024.1）");
      }
      Objects.requireNonNull(effectiveDate, "生效日期不能为空");
      if (merge && base == null) {
        throw new IllegalArgumentException("没有现有清单，不能按修订（--merge）导入：请按完整清单导入");
      }
      renames = renames == null ? Map.of() : Map.copyOf(renames);
      headers = headers == null ? HeaderVariants.builtIn() : headers;
    }

    /** A county's first list, from the built-in column titles. */
    public Request(Path xlsx, Jurisdiction jurisdiction, String codePrefix, String title, String version,
        LocalDate effectiveDate, Path target) {
      this(xlsx, jurisdiction, codePrefix, title, version, effectiveDate, target, null, false, Map.of(), null);
    }
  }

  /**
   * A new item whose name is close to an item of the old list.
   *
   * @param where sheet and Excel row of the new item
   */
  public record Similar(String name, String where, String code, String existingName, double similarity) {
    @Override
    public String toString() {
      return where + "「" + name + "」与现有事项 " + code + "「" + existingName + "」相似（相似度 "
          + String.format("%.2f", similarity) + "）";
    }
  }

  /**
   * A list read from a workbook, validated, not yet written.
   *
   * @param similar new items close to an old item, for the analyst to confirm
   * @param matched codes of old items the sheet matched (kept their code)
   */
  public record Imported(Catalog catalog, byte[] csv, List<Similar> similar, Set<String> matched) {

    /** The items running on the county's default time limits (待定). */
    public List<Item> pending() {
      return catalog.items().stream().filter(Item::hasPendingTimeLimit).toList();
    }
  }

  /** A sheet row on its way to a CSV record. */
  private record Source(OfficialSheet.Table table, OfficialSheet.SheetRow row, Map<String, String> cells) {
    String where() {
      return table.where() + " 第" + row.excelRow() + "行";
    }
  }

  private final CatalogLoader loader;

  public XlsxImporter(CatalogLoader loader) {
    this.loader = loader;
  }

  /** Reads, converts, validates and writes. */
  public Catalog importFile(Request request, IntConsumer rowsRead) throws IOException {
    Imported imported = read(request, rowsRead);
    write(request.target(), imported);
    return imported.catalog();
  }

  /** Writes an imported list atomically: readers see the old file or the new one. */
  public static void write(Path target, Imported imported) throws IOException {
    AtomicFiles.write(target, imported.csv());
  }

  /**
   * Reads, converts and validates; writes nothing.
   *
   * @param rowsRead told every 50 sheet rows read, for progress output
   * @throws InvalidDataException with every problem, located by sheet, Excel row and column
   */
  public Imported read(Request request, IntConsumer rowsRead) {
    String fileLabel = request.xlsx().getFileName().toString();
    List<DataProblem> problems = new ArrayList<>();
    List<OfficialSheet.Table> tables = readTables(request, fileLabel, problems, rowsRead);
    Parties parties = new Parties(request.jurisdiction());
    Catalog base = request.base();
    String[] defaults = defaults(base);
    List<Source> sources = new ArrayList<>();
    for (OfficialSheet.Table table : tables) {
      for (OfficialSheet.SheetRow row : table.rows()) {
        sources.add(new Source(table, row, new HashMap<>(row.values())));
      }
    }
    Map<Source, Item> matches = new IdentityHashMap<>(); // cells change below: by identity
    if (base != null) {
      Set<String> taken = new HashSet<>(); // a second row of the same name is a duplicate, not a second match
      sources.forEach(s -> match(s, base, request.renames()).filter(item -> taken.add(item.code()))
          .ifPresent(item -> matches.put(s, item)));
    }
    for (Source s : sources) { // a matched item keeps the limits the sheet leaves out
      Item old = matches.get(s);
      Map<String, String> oldCells = old == null ? null : ItemCells.cells(old);
      convert(s.cells(), parties, old == null ? defaults
          : new String[] {oldCells.get(TIME_LIMIT), oldCells.get(CALL_RESPONSE_TIME)});
    }
    numberAndCode(request, tables.size(), sources, matches, problems);
    List<Map<String, String>> records = new ArrayList<>();
    List<Source> recordSources = new ArrayList<>();
    if (request.merge()) {
      Map<String, Source> replacing = new HashMap<>(); // code → the row replacing it
      matches.forEach((s, item) -> replacing.putIfAbsent(item.code(), s));
      for (Item item : base.items()) {
        Source s = replacing.get(item.code());
        records.add(s == null ? ItemCells.cells(item) : s.cells());
        recordSources.add(s);
      }
      sources.stream().filter(s -> !matches.containsKey(s)).forEach(s -> {
        records.add(s.cells());
        recordSources.add(s);
      });
    } else {
      sources.forEach(s -> {
        records.add(s.cells());
        recordSources.add(s);
      });
    }
    CatalogCsvWriter.Written csv = CatalogCsvWriter.write(request.title(), request.version(), request.effectiveDate(),
        records.stream().map(ItemCells::record).toList());
    byte[] bytes = csv.text().getBytes(StandardCharsets.UTF_8);
    Catalog catalog = null;
    if (!tables.isEmpty()) {
      try {
        catalog = loader.load(request.target().toString(), () -> new ByteArrayInputStream(bytes),
            request.jurisdiction());
      } catch (InvalidDataException e) {
        e.problems().forEach(p -> problems.add(toSheet(p, csv.recordLines(), recordSources, records)));
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparing(DataProblem::file).thenComparingLong(DataProblem::line));
      throw new InvalidDataException("导入 " + fileLabel + " 失败（共 " + problems.size() + " 处错误，未写入任何内容）",
          problems);
    }
    Set<String> matched = matches.values().stream().map(Item::code).collect(Collectors.toCollection(
        java.util.LinkedHashSet::new));
    return new Imported(catalog, bytes, similar(sources, matches, base), matched);
  }

  private List<OfficialSheet.Table> readTables(Request request, String fileLabel, List<DataProblem> problems,
      IntConsumer rowsRead) {
    Path xlsx = request.xlsx();
    if (!Files.isRegularFile(xlsx)) {
      problems.add(DataProblem.ofFile(fileLabel, "文件不存在：" + xlsx.toAbsolutePath()));
      return List.of();
    }
    try (Workbook workbook = WorkbookFactory.create(xlsx.toFile(), null, true)) {
      return new OfficialSheet(fileLabel, request.headers()).read(workbook, problems, rowsRead);
    } catch (IOException | EncryptedDocumentException | IllegalArgumentException e) {
      // POI's "not an OOXML file" is an IllegalArgumentException
      problems.add(DataProblem.ofFile(fileLabel, "无法读取：应为未加密的 Excel 文件（.xlsx），" + e.getMessage()));
      return List.of();
    }
  }

  /**
   * The county's default time limits, marked 待定: the most common ones of its list (the old list's own habit), else
   * 30个工作日 and 24小时.
   */
  private static String[] defaults(Catalog base) {
    if (base == null || base.items().isEmpty()) {
      return new String[] {FALLBACK_TIME_LIMIT + Item.PENDING, FALLBACK_CALL_RESPONSE + Item.PENDING};
    }
    return new String[] {mostCommon(base, i -> i.timeLimit().label(), FALLBACK_TIME_LIMIT) + Item.PENDING,
        mostCommon(base, i -> i.callResponseTime().label(), FALLBACK_CALL_RESPONSE) + Item.PENDING};
  }

  private static String mostCommon(Catalog base, Function<Item, String> limit, String fallback) {
    Map<String, Long> counts = base.items().stream().collect(Collectors.groupingBy(limit, LinkedHashMap::new,
        Collectors.counting()));
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(fallback);
  }

  /**
   * A sheet row's cells made CSV cells: units by the list's names, duties as step lines, the given limits where the
   * sheet leaves them out.
   */
  private static void convert(Map<String, String> cells, Parties parties, String[] defaults) {
    String limit = limit(cells, TIME_LIMIT, defaults[0]);
    limit(cells, CALL_RESPONSE_TIME, defaults[1]);
    Function<String, String> unitOf = name -> unitName(name, parties);
    cells.put(PRIMARY_UNIT, units(cells.get(PRIMARY_UNIT), parties));
    cells.put(COOPERATING_UNITS, units(cells.get(COOPERATING_UNITS), parties));
    List<String> cooperating = cells.get(COOPERATING_UNITS).isEmpty() ? List.of()
        : List.of(cells.get(COOPERATING_UNITS).split(UNIT_SEPARATOR));
    String stepLimit = limit.endsWith(Item.PENDING) ? limit.substring(0, limit.length() - Item.PENDING.length())
        : limit;
    cells.put(PRIMARY_DUTIES, String.join("\n", DutyProse.primary(cells.get(PRIMARY_DUTIES), stepLimit, cooperating)));
    cells.put(COOPERATING_DUTIES, String.join("\n", DutyProse.cooperating(cells.get(COOPERATING_DUTIES), cooperating,
        stepLimit, unitOf, cells.get(PRIMARY_UNIT))));
    if (cells.getOrDefault(TOWNSHIP_PRIMARY, "").isEmpty()) {
      boolean township = parties.resolve(cells.get(PRIMARY_UNIT)).map(Parties::isTownship).orElse(false);
      cells.put(TOWNSHIP_PRIMARY, township ? YES : NO);
    }
  }

  /** A limit the sheet leaves out (no column, or an empty cell) is the fallback. */
  private static String limit(Map<String, String> cells, String column, String fallback) {
    String value = cells.getOrDefault(column, "");
    if (value.isBlank()) {
      value = fallback;
      cells.put(column, value);
    }
    return value;
  }

  /** Unit names joined by 、 as the list names them (short names, 镇街); unknown names as written. */
  private static String units(String cell, Parties parties) {
    return UNIT_SEPARATORS.splitAsStream(cell == null ? "" : cell).filter(s -> !s.isEmpty())
        .map(name -> Optional.ofNullable(unitName(name, parties)).orElse(name))
        .distinct().collect(Collectors.joining(UNIT_SEPARATOR));
  }

  /** The list's name of a unit named by short name, full name or alias, 镇街 for the township; null if none. */
  private static String unitName(String name, Parties parties) {
    if (TOWNSHIP_TOKENS.contains(name)) {
      return Party.CASE_TOWNSHIP;
    }
    return parties.resolve(name).map(Party::name).orElse(null);
  }

  /** The old item a sheet row stands for: by 编码, by name, or by a recorded rename. */
  private static Optional<Item> match(Source source, Catalog base, Map<String, String> renames) {
    String code = source.cells().getOrDefault(CODE, "");
    if (!code.isEmpty()) {
      return base.item(code);
    }
    String name = source.cells().get(NAME);
    Optional<Item> byName = base.items().stream().filter(i -> i.name().equals(name)).findFirst();
    if (byName.isPresent()) {
      return byName;
    }
    return renames.entrySet().stream().filter(e -> e.getValue().equals(name))
        .flatMap(e -> base.items().stream().filter(i -> i.name().equals(e.getKey()))).findFirst();
  }

  /**
   * Codes and numbers. A matched item keeps its code (and, in an amendment, its number and source); a new one takes
   * the next free code after the highest the old list used, so no code of another item is ever taken. Without an
   * old list the codes come from 序号, as the county's first list.
   */
  private static void numberAndCode(Request request, int sheets, List<Source> sources, Map<Source, Item> matches,
      List<DataProblem> problems) {
    Catalog base = request.base();
    Set<String> used = new HashSet<>();
    int nextCode = 1;
    int nextNumber = 1;
    if (base != null) {
      for (Item item : base.items()) {
        used.add(item.code());
        nextCode = Math.max(nextCode, Integer.parseInt(item.code().substring(2)) + 1);
        nextNumber = Math.max(nextNumber, item.number() + 1);
      }
    }
    int sequence = 0;
    for (Source s : sources) {
      sequence++;
      Map<String, String> cells = s.cells();
      Item old = matches.get(s);
      if (old != null) {
        cells.put(CODE, old.code());
        if (cells.getOrDefault(SOURCE, "").isEmpty()) {
          cells.put(SOURCE, old.source());
        }
        if (cells.getOrDefault(CatalogColumns.PATTERNS, "").isEmpty()) {
          cells.put(CatalogColumns.PATTERNS, keptPatterns(old, cells.getOrDefault(CatalogColumns.PRIMARY_DUTIES, "")));
        }
        if (request.merge()) {
          cells.put(NUMBER, String.valueOf(old.number()));
        }
      } else if (cells.getOrDefault(CODE, "").isEmpty()) {
        if (base == null) {
          String number = cells.get(NUMBER);
          if (!number.matches("\\d{1,3}") || Integer.parseInt(number) == 0) {
            problems.add(new DataProblem(s.table().where(), s.row().excelRow(), s.table().label(NUMBER), "序号「"
                + number + "」不合法：应为 1–999 的整数（没有「编码」列时，编码由前缀 " + request.codePrefix() + " 加三位序号生成）"));
            continue;
          }
          cells.put(CODE, request.codePrefix() + String.format("%03d", Integer.parseInt(number)));
        } else {
          String code;
          do {
            code = request.codePrefix() + String.format("%03d", nextCode++);
          } while (used.contains(code));
          used.add(code);
          cells.put(CODE, code);
        }
        if (request.merge()) {
          cells.put(NUMBER, String.valueOf(nextNumber++));
        }
      }
      if (!request.merge() && sheets > 1) {
        cells.put(NUMBER, String.valueOf(sequence)); // each sheet numbers from 1: the list numbers them through
      }
      if (cells.getOrDefault(SOURCE, "").isEmpty()) {
        cells.put(SOURCE, DEFAULT_SOURCE);
      }
    }
  }

  /** New items whose names are close to an old item the sheet did not match, the closest one each. */
  private static List<Similar> similar(List<Source> sources, Map<Source, Item> matches, Catalog base) {
    if (base == null) {
      return List.of();
    }
    Set<String> matchedCodes = matches.values().stream().map(Item::code).collect(Collectors.toSet());
    List<Similar> similar = new ArrayList<>();
    for (Source s : sources) {
      if (matches.containsKey(s)) {
        continue;
      }
      String name = s.cells().get(NAME);
      base.items().stream().filter(i -> !matchedCodes.contains(i.code()))
          .map(i -> new Similar(name, s.where(), i.code(), i.name(), NameSimilarity.of(name, i.name())))
          .filter(x -> x.similarity() >= NameSimilarity.NEAR)
          .max(Comparator.comparingDouble(Similar::similarity))
          .ifPresent(similar::add);
    }
    return similar;
  }

  /** A problem of the generated CSV, pointed back at the sheet row and column it came from. */
  private static DataProblem toSheet(DataProblem p, List<Long> recordLines, List<Source> sources,
      List<Map<String, String>> records) {
    int index = recordLines.indexOf(p.line());
    if (index < 0) {
      return DataProblem.ofFile(p.file(), p.message());
    }
    Source source = sources.get(index);
    if (source == null) {
      return new DataProblem("现有清单 " + records.get(index).get(CODE), 0, p.column(), p.message());
    }
    String column = p.column() == null ? null : source.table().label(p.column());
    Matcher earlier = EARLIER_LINE.matcher(p.message());
    String message = p.message();
    if (earlier.find()) { // the loader points at the CSV line of the first occurrence: point at its sheet row
      int first = recordLines.indexOf(Long.parseLong(earlier.group(1)));
      Source firstSource = first < 0 ? null : sources.get(first);
      String at = firstSource == null ? "现有清单已有" : (firstSource.table() == source.table() ? "第"
          + firstSource.row().excelRow() + "行已有" : firstSource.where() + "已有");
      message = message.substring(0, earlier.start()) + "（" + at + "）" + message.substring(earlier.end());
    }
    return new DataProblem(source.table().where(), source.row().excelRow(), column, message);
  }

  /**
   * A sheet without 案件模式 keeps the old item's patterns whose steps the new duties still name (the patterns are the
   * platform's reading of the list, not the county's table).
   */
  private static String keptPatterns(Item old, String primaryDuties) {
    return String.join(CatalogColumns.PATTERN_SEPARATOR, old.primary().steps().stream().filter(Step::followsPattern)
        .filter(st -> primaryDuties.lines().anyMatch(line -> line.contains(st.name() + "：")))
        .map(st -> st.pattern().label() + "：" + st.name()).toList());
  }
}
