package cn.shudi.monitoring;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Role;
import cn.shudi.organization.Unit;

/**
 * Names for what the queries return as ids: jurisdiction (tenant), item (process definition key =
 * lower-case item code; domain and name from the list), unit (candidate group {@code <j>_<unit>}).
 */
class Directory {

  static final String NO_JURISDICTION = "（无辖区）";
  static final String NO_GROUP = "（未指定单位）";
  static final String OTHER_DOMAIN = "其他";
  static final String CASE_TOWNSHIP = "镇街";

  private final Organization organization;
  private final Catalogs catalogs;

  Directory(Organization organization, Catalogs catalogs) {
    this.organization = organization;
    this.catalogs = catalogs;
  }

  String jurisdictionName(String tenantId) {
    if (tenantId == null) {
      return NO_JURISDICTION;
    }
    return organization.find(tenantId).map(Jurisdiction::name).orElse(tenantId);
  }

  /** Position of the jurisdiction in {@code jurisdictions.csv}; unknown ones after all known. */
  int order(String tenantId) {
    List<Jurisdiction> all = organization.jurisdictions();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).tenantId().equals(tenantId)) {
        return i;
      }
    }
    return all.size();
  }

  Optional<Item> item(String tenantId, String key) {
    if (tenantId == null || key == null || organization.find(tenantId).isEmpty()) {
      return Optional.empty();
    }
    try {
      return catalogs.of(tenantId).item(key.toUpperCase(Locale.ROOT));
    } catch (java.util.NoSuchElementException e) {
      return Optional.empty();
    }
  }

  /** The item code ({@code ZQ001}) of a blueprint, or the key itself for other processes. */
  String itemCode(String tenantId, String key) {
    return item(tenantId, key).map(Item::code).orElse(key);
  }

  String itemName(String tenantId, String key) {
    return item(tenantId, key).map(Item::name)
        .orElseGet(() -> SharedProcesses.NAMES.getOrDefault(key, key));
  }

  String domain(String tenantId, String key) {
    return item(tenantId, key).map(Item::domain)
        .orElse(SharedProcesses.NAMES.containsKey(key) ? SharedProcesses.DOMAIN : OTHER_DOMAIN);
  }

  Optional<Unit> unit(String tenantId, String groupId) {
    if (tenantId == null || groupId == null) {
      return Optional.empty();
    }
    String prefix = tenantId + "_";
    if (!groupId.startsWith(prefix)) {
      return Optional.empty();
    }
    return organization.find(tenantId).flatMap(j -> j.unit(groupId.substring(prefix.length())));
  }

  String unitName(String tenantId, String groupId) {
    if (groupId == null) {
      return NO_GROUP;
    }
    Optional<Unit> unit = unit(tenantId, groupId);
    if (unit.isPresent()) {
      return unit.get().shortName();
    }
    for (Role role : Role.values()) {
      if (groupId.equals(tenantId + "_" + role.suffix())) {
        return role.label();
      }
    }
    return groupId;
  }

  /** 区直/县直部门, 镇街, 指挥中心, 编办; empty for role groups and unknown ones. */
  String unitType(String tenantId, String groupId) {
    return unit(tenantId, groupId).map(u -> u.type().label()).orElse("");
  }

  /**
   * Who does a blueprint step, from its id {@code <key>_<unit>_<n>}: the unit's short name, or 镇街
   * for the case's township (a different group per case); empty for other activities.
   */
  String stepUnit(String tenantId, String key, String activityId) {
    if (key == null || activityId == null || !activityId.startsWith(key + "_")) {
      return "";
    }
    String rest = activityId.substring(key.length() + 1);
    int last = rest.lastIndexOf('_');
    if (last <= 0 || !rest.substring(last + 1).chars().allMatch(Character::isDigit) || last == rest.length() - 1) {
      return "";
    }
    String unitCode = rest.substring(0, last);
    if ("township".equals(unitCode)) {
      return CASE_TOWNSHIP;
    }
    return organization.find(tenantId == null ? "" : tenantId).flatMap(j -> j.unit(unitCode))
        .map(Unit::shortName).orElse("");
  }
}
