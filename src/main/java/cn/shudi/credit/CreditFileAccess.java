package cn.shudi.credit;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.catalog.Party;
import cn.shudi.credit.CreditFile.Contribution;
import cn.shudi.credit.CreditFile.Entry;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.CountyAccess;
import cn.shudi.organization.CountyView;
import cn.shudi.organization.Unit;

/**
 * Who may read which credit file entry. The rule, in order:
 *
 * <ol>
 * <li>Administrators ({@code camunda-admin}) read every entry.</li>
 * <li>Otherwise only entries of the user's own jurisdictions (tenants).</li>
 * <li>The readers of {@link CountyView#CREDIT_FILES} (supervisors, dispatchers, analysts) read all of its entries.</li>
 * <li>Staff of a unit read an entry when the unit contributed to it (did a step of the case), or the case
 * is in their township (township staff), or the list item of the case names their unit as primary or
 * cooperating (departments).</li>
 * </ol>
 *
 * A correction carries the jurisdiction, item and township of the entry it corrects, so whoever reads an
 * entry also reads its corrections made in the same way.
 */
@Component
class CreditFileAccess {

  /** A logged-in user as the engine knows them: id, groups, tenants. */
  record Viewer(String userId, Set<String> groups, Set<String> tenants) {

    Viewer {
      groups = Set.copyOf(groups);
      tenants = Set.copyOf(tenants);
    }

    static Viewer of(String userId, List<String> groups, List<String> tenants) {
      return new Viewer(userId, Set.copyOf(groups == null ? List.of() : groups),
          Set.copyOf(tenants == null ? List.of() : tenants));
    }

    boolean isAdmin() {
      return CountyAccess.isAdmin(groups);
    }
  }

  private final Organization organization;
  private final Catalogs catalogs;

  CreditFileAccess(Organization organization, Catalogs catalogs) {
    this.organization = organization;
    this.catalogs = catalogs;
  }

  List<Entry> visible(Viewer viewer, List<Entry> entries) {
    return entries.stream().filter(e -> mayRead(viewer, e)).toList();
  }

  boolean mayRead(Viewer viewer, Entry entry) {
    if (viewer.isAdmin()) {
      return true;
    }
    if (entry.jurisdiction() == null || !viewer.tenants().contains(entry.jurisdiction())) {
      return false;
    }
    Optional<Jurisdiction> jurisdiction = organization.find(entry.jurisdiction());
    if (jurisdiction.isEmpty()) {
      return false;
    }
    if (CountyAccess.mayRead(viewer.groups(), viewer.tenants(), jurisdiction.get().code(), CountyView.CREDIT_FILES)) {
      return true;
    }
    if (entry.townshipGroup() != null && viewer.groups().contains(entry.townshipGroup())) {
      return true;
    }
    if (entry.contributions().stream().map(Contribution::unitGroup).anyMatch(viewer.groups()::contains)) {
      return true;
    }
    return item(entry).map(item -> item.responsibilities().stream().map(r -> r.party())
        .map(Party::fixedUnit).flatMap(Optional::stream).map(Unit::groupId).anyMatch(viewer.groups()::contains))
        .orElse(false);
  }

  private Optional<Item> item(Entry entry) {
    if (entry.itemCode() == null) {
      return Optional.empty();
    }
    try {
      return catalogs.of(entry.jurisdiction()).item(entry.itemCode());
    } catch (NoSuchElementException e) {
      return Optional.empty();
    }
  }
}
