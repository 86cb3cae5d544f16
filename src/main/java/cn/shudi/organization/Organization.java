package cn.shudi.organization;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** All jurisdictions the platform hosts, as read from the data files at start-up. */
public record Organization(List<Jurisdiction> jurisdictions) {

  public Organization {
    jurisdictions = List.copyOf(jurisdictions);
  }

  public Optional<Jurisdiction> find(String code) {
    return jurisdictions.stream().filter(j -> j.code().equals(code)).findFirst();
  }

  /**
   * The time zone of a county (its tenant id); for a record without a known county, the zone every county
   * shares.
   *
   * @throws IllegalStateException when the county is unknown and the counties lie in different zones
   */
  public ZoneId zone(String tenant) {
    return find(tenant).map(Jurisdiction::zone).orElseGet(() -> {
      List<ZoneId> zones = jurisdictions.stream().map(Jurisdiction::zone).distinct().toList();
      if (zones.size() != 1) {
        throw new IllegalStateException("记录不属于任何辖区，无法确定时区（各辖区时区不同：" + zones + "）");
      }
      return zones.get(0);
    });
  }

  /** The county's wall-clock time of an instant (stored local times are in it). */
  public LocalDateTime local(Instant instant, String tenant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, zone(tenant));
  }

  /** The instant a county's wall clock showed. */
  public Instant instant(LocalDateTime local, String tenant) {
    return local == null ? null : local.atZone(zone(tenant)).toInstant();
  }

  public Jurisdiction jurisdiction(String code) {
    return find(code).orElseThrow(() -> new NoSuchElementException("未知辖区：" + code));
  }
}
