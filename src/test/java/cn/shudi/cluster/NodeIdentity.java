package cn.shudi.cluster;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Names a cluster test node in the database: its job executor locks jobs as {@code LOCK_OWNER_ = <node>}
 * (instead of a random UUID) and its history writes {@code HOSTNAME_ = <node>} into ACT_HI_JOB_LOG, so the
 * test can tell which node holds or ran which job. Changes nothing else.
 *
 * <p>Not a Spring component (component scanning of the test classpath must not find it): {@link AppNode}
 * adds it to a child JVM with {@code --spring.main.sources=cn.shudi.cluster.NodeIdentity}, where the
 * Camunda starter picks it up like any {@code ProcessEnginePlugin} bean. The name comes from the system
 * property {@value #NODE_PROPERTY}.
 */
public class NodeIdentity extends AbstractProcessEnginePlugin {

  public static final String NODE_PROPERTY = "shudi.cluster.node";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    String node = System.getProperty(NODE_PROPERTY);
    if (node != null) {
      configuration.setHostname(node);
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    String node = System.getProperty(NODE_PROPERTY);
    if (node != null && configuration.getJobExecutor() != null) {
      configuration.getJobExecutor().setLockOwner(node);
    }
  }
}
