package cn.shudi.governance;

import java.io.UnsupportedEncodingException;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.CatalogCli;

/**
 * The analysts' list commands with governance's list versions ({@code mvn -q compile exec:java -Dexec.args="…"}):
 * those of {@link CatalogCli}, where an import refuses a 版本 that is not later than the list's (start-up stores a
 * later one as the next list version) and prints the changes as governance shows them between two versions
 * ({@link VersionDiff}).
 */
public final class ListCli {

  static final CatalogCli.Versions VERSIONS = new CatalogCli.Versions() {
    @Override
    public boolean isNewer(String label, String than) {
      return VersionLabels.compare(label, than) > 0;
    }

    @Override
    public String diff(Catalog old, Catalog now) {
      return VersionDiff.between(new VersionDiff.Version(0, old.version(), old.effectiveDate()), old,
          new VersionDiff.Version(0, now.version(), now.effectiveDate()), now).text();
    }
  };

  private ListCli() {
  }

  public static void main(String[] args) throws UnsupportedEncodingException {
    CatalogCli.main(args, VERSIONS);
  }
}
