package cn.shudi.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;

/**
 * Puts the deployment guards in front of the engine's own deployers, whoever deploys (REST, Modeler,
 * start-up): {@link TenantDeploymentGuard} keeps a user's deployment in the user's jurisdiction,
 * {@link ScriptFreeDeployer} refuses a model with a script before it is parsed or stored.
 */
class ScriptFreeDeploymentPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> deployers = new ArrayList<>();
    deployers.add(new TenantDeploymentGuard());
    deployers.add(new ScriptFreeDeployer());
    if (configuration.getCustomPreDeployers() != null) {
      deployers.addAll(configuration.getCustomPreDeployers());
    }
    configuration.setCustomPreDeployers(deployers);
  }
}
