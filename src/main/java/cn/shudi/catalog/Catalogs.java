package cn.shudi.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import cn.shudi.datafile.DataProblem;
import cn.shudi.datafile.InvalidDataException;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;

/**
 * The responsibility lists of all hosted jurisdictions, loaded and validated at start-up. A list in
 * force may be replaced at run time ({@link #replace}, 动态调整): readers always see one whole list, the
 * old one or the new one, never a mix.
 */
public class Catalogs {

  /** Never changed in place: {@link #replace} swaps in a new map (copy on write), so reads need no lock. */
  private volatile Map<String, Catalog> byJurisdiction;

  public Catalogs(List<Catalog> catalogs) {
    Map<String, Catalog> map = new LinkedHashMap<>();
    catalogs.forEach(c -> map.put(c.jurisdiction(), c));
    byJurisdiction = Collections.unmodifiableMap(map);
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
    Catalog catalog = byJurisdiction.get(jurisdiction);
    if (catalog == null) {
      throw new NoSuchElementException("辖区「" + jurisdiction + "」没有清单");
    }
    return catalog;
  }

  public List<Catalog> all() {
    return List.copyOf(byJurisdiction.values());
  }

  /**
   * Puts a new list in force for its jurisdiction (an approved admission or adjustment): thread-safe,
   * the jurisdiction keeps its place in {@link #all()}. The caller has validated the list
   * ({@link CatalogLoader}).
   *
   * @return the list it replaces
   * @throws NoSuchElementException when the jurisdiction has no list: only hosted jurisdictions have one
   */
  public synchronized Catalog replace(Catalog catalog) {
    Map<String, Catalog> current = byJurisdiction;
    Catalog previous = current.get(catalog.jurisdiction());
    if (previous == null) {
      throw new NoSuchElementException("辖区「" + catalog.jurisdiction() + "」没有清单，不能替换");
    }
    Map<String, Catalog> next = new LinkedHashMap<>(current);
    next.put(catalog.jurisdiction(), catalog);
    byJurisdiction = Collections.unmodifiableMap(next);
    return previous;
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
