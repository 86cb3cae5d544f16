package cn.shudi.casework;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;

/** A county's local time: the zone of its jurisdiction ({@code jurisdictions.csv}). */
final class CountyTime {

  private final Organization organization;

  CountyTime(Organization organization) {
    this.organization = organization;
  }

  /**
   * The zone of the tenant's jurisdiction; without a known tenant, the zone every jurisdiction shares.
   *
   * @throws IllegalStateException when the tenant is unknown and the counties lie in different zones
   */
  ZoneId zone(String tenant) {
    return organization.find(tenant).map(Jurisdiction::zone).orElseGet(() -> {
      List<ZoneId> zones = organization.jurisdictions().stream().map(Jurisdiction::zone).distinct().toList();
      if (zones.size() != 1) {
        throw new IllegalStateException("案件不属于任何辖区，无法确定时区（各辖区时区不同：" + zones + "）");
      }
      return zones.get(0);
    });
  }

  LocalDateTime local(Instant instant, String tenant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, zone(tenant));
  }

  Instant instant(LocalDateTime local, String tenant) {
    return local == null ? null : local.atZone(zone(tenant)).toInstant();
  }
}
