package cn.shudi.monitoring;

import java.util.List;

/**
 * The jurisdictions (tenants) a user's figures are drawn from.
 *
 * @param tenantIds the visible tenants, or {@code null} for all of them (Camunda admins)
 */
public record MonitoringScope(List<String> tenantIds) {

  public MonitoringScope {
    tenantIds = tenantIds == null ? null : List.copyOf(tenantIds);
  }

  public static MonitoringScope all() {
    return new MonitoringScope(null);
  }

  public static MonitoringScope of(List<String> tenantIds) {
    return new MonitoringScope(tenantIds == null ? List.of() : tenantIds);
  }

  public boolean isAll() {
    return tenantIds == null;
  }

  public boolean includes(String tenantId) {
    return tenantIds == null || tenantIds.contains(tenantId);
  }

  /** This scope narrowed to one jurisdiction; empty when the jurisdiction is outside it. */
  public MonitoringScope narrowTo(String tenantId) {
    return includes(tenantId) ? new MonitoringScope(List.of(tenantId)) : new MonitoringScope(List.of());
  }
}
