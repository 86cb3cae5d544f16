package cn.shudi.monitoring;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The supervisors' Cockpit plugin (督查看板): backlog, overdue work and bottlenecks per jurisdiction,
 * domain, item, unit and step. Found by Cockpit through
 * {@code META-INF/services/org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin}; its REST resource lives
 * under {@code /camunda/api/cockpit/plugin/shudi-monitoring/{engine}/…} and its browser code under
 * {@code plugin-webapp/shudi-monitoring/app/} on the classpath (served as {@code …/static/app/plugin.js}).
 */
public class MonitoringPlugin extends AbstractCockpitPlugin {

  public static final String ID = "shudi-monitoring";
  /** The MyBatis mapping with the plugin's queries (namespace {@value MonitoringQueries#NAMESPACE}). */
  public static final String MAPPING = "cn/shudi/monitoring/monitoring.xml";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(MonitoringRootResource.class);
  }

  @Override
  public List<String> getMappingFiles() {
    return List.of(MAPPING);
  }
}
