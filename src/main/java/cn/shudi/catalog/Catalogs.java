package cn.shudi.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import cn.shudi.datafile.DataProblem;
import cn.shudi.datafile.InvalidDataException;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;

/**
 * The read view of the lists in force, one per hosted jurisdiction: what every feature reads ({@link #of},
 * {@link #all}). It is not a truth of its own.
 *
 * <p><b>One truth for the list in force.</b> The versions of a county's list live in one place, the stored
 * versions of governance ({@code shudi_catalog_version}); the newest stored version is the list in force. This
 * view holds, per county, the stored version this node serves and its number ({@link #version}), and is changed
 * only by putting a newer stored version in force ({@link #serve}, 动态调整; governance calls it when a version
 * commits, at start-up and when another node approved one). The repository's {@code catalog.csv} is not a
 * version: it is what start-up <i>proposes</i> as the next version when its 版本 is newer than the newest stored
 * one ({@link #shipped}). Until start-up has put the stored versions in force (number 0, and in contexts without
 * the store such as the command line and unit tests) the view shows the shipped lists.
 *
 * <p>Readers always see one whole list, the old one or the new one, never a mix.
 */
public class Catalogs {

  /** A list and the number of the stored version it is (0: the shipped file, not yet from the store). */
  private record Served(int version, Catalog catalog) {
  }

  /** Never changed in place: {@link #serve} swaps in a new map (copy on write), so reads need no lock. */
  private volatile Map<String, Served> byJurisdiction;
  /** What the repository ships: read once at start-up, only ever proposed as a version. */
  private final Map<String, Catalog> shipped;

  public Catalogs(List<Catalog> catalogs) {
    Map<String, Served> map = new LinkedHashMap<>();
    Map<String, Catalog> files = new LinkedHashMap<>();
    catalogs.forEach(c -> {
      map.put(c.jurisdiction(), new Served(0, c));
      files.put(c.jurisdiction(), c);
    });
    byJurisdiction = Collections.unmodifiableMap(map);
    shipped = Collections.unmodifiableMap(files);
  }

  /**
   * Loads {@code <location><code>/catalog.csv} for every jurisdiction. Every jurisdiction must have a
   * list: without one nothing could be routed for it. All lists are checked before failing, so one
   * start-up shows every problem.
   *
   * @param location the folder of the organization data ({@code OrganizationProperties.location()})
   * @throws InvalidDataException naming every missing file and every problem of every list
   */
  public static Catalogs load(ResourceLoader resources, String location, Organization organization,
      CatalogLoader loader) {
    String folder = location.endsWith("/") ? location : location + "/";
    List<Catalog> catalogs = new ArrayList<>();
    List<DataProblem> problems = new ArrayList<>();
    for (Jurisdiction jurisdiction : organization.jurisdictions()) {
      String file = folder + jurisdiction.code() + "/catalog.csv";
      Resource resource = resources.getResource(file);
      if (!resource.exists()) {
        problems.add(DataProblem.ofFile(file, "文件不存在：辖区「" + jurisdiction.name() + "」需要一份清单 catalog.csv"
            + "（格式见 docs/catalog-format.md，可用 import 命令由 .xlsx 导入）"));
        continue;
      }
      try {
        catalogs.add(loader.load(file, resource::getInputStream, jurisdiction));
      } catch (InvalidDataException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidDataException("清单数据有误", problems);
    }
    return new Catalogs(catalogs);
  }

  /** @throws NoSuchElementException when the jurisdiction has no list */
  public Catalog of(String jurisdiction) {
    return served(jurisdiction).catalog();
  }

  public List<Catalog> all() {
    return byJurisdiction.values().stream().map(Served::catalog).toList();
  }

  /**
   * The number of the stored version in force on this node; 0 while the shipped list is shown (before start-up
   * put the stored versions in force, or without a store).
   *
   * @throws NoSuchElementException when the jurisdiction has no list
   */
  public int version(String jurisdiction) {
    return served(jurisdiction).version();
  }

  /**
   * The list the repository ships ({@code catalog.csv} as read at start-up): a proposal for the next version,
   * never in force by itself.
   *
   * @throws NoSuchElementException when the jurisdiction has no list
   */
  public Catalog shipped(String jurisdiction) {
    Catalog catalog = shipped.get(jurisdiction);
    if (catalog == null) {
      throw new NoSuchElementException("辖区「" + jurisdiction + "」没有清单");
    }
    return catalog;
  }

  private Served served(String jurisdiction) {
    Served served = byJurisdiction.get(jurisdiction);
    if (served == null) {
      throw new NoSuchElementException("辖区「" + jurisdiction + "」没有清单");
    }
    return served;
  }

  /**
   * Puts stored version {@code version} of a county's list in force, unless the same or a newer one already is
   * (commits may finish out of order): thread-safe, the jurisdiction keeps its place in {@link #all()}. The caller
   * has stored and validated the list ({@link CatalogLoader}).
   *
   * @param version the stored version's number (1, 2, 3 …)
   * @return the list it replaces; empty when a version as new or newer is already in force
   * @throws NoSuchElementException when the jurisdiction has no list: only hosted jurisdictions have one
   */
  public synchronized Optional<Catalog> serve(int version, Catalog catalog) {
    Map<String, Served> current = byJurisdiction;
    Served previous = current.get(catalog.jurisdiction());
    if (previous == null) {
      throw new NoSuchElementException("辖区「" + catalog.jurisdiction() + "」没有清单，不能替换");
    }
    if (version <= previous.version()) {
      return Optional.empty();
    }
    Map<String, Served> next = new LinkedHashMap<>(current);
    next.put(catalog.jurisdiction(), new Served(version, catalog));
    byJurisdiction = Collections.unmodifiableMap(next);
    return Optional.of(previous.catalog());
  }

  /**
   * catalog.csv text in the repository format, written by the list's own CSV writer (header comments,
   * header, one record per item, {@code \n} line ends).
   *
   * @param records cells in {@link CatalogLoader#HEADER} order
   */
  public static String csvText(String title, String version, LocalDate effectiveDate, List<List<String>> records) {
    return CatalogCsvWriter.write(title, version, effectiveDate, records).text();
  }
}
