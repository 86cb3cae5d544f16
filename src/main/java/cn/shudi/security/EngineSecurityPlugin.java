package cn.shudi.security;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.variable.ValueTypeResolverImpl;

/**
 * The engine's own walls, whoever calls it (REST, the webapps, a model, the platform): deployments stay in the
 * deployer's county ({@link TenantDeploymentGuard}) and within the {@link DeploymentPolicy}, a deployment from
 * Camunda Modeler keeps its forms and is not repeated unchanged ({@link ModelerDeployments}); expressions run
 * in the {@link SandboxedExpressionManager}; variables keep to the {@link VariableTypes}; statistics, metrics and
 * the operation log are scoped like task lists ({@link ScopeGuardInterceptor}).
 */
class EngineSecurityPlugin extends AbstractProcessEnginePlugin {

  private final ExpressionPolicy expressions;
  private final SecurityProperties.Deployments deployments;
  private final Function<String, Object> beans;

  EngineSecurityPlugin(ExpressionPolicy expressions, SecurityProperties.Deployments deployments,
      Function<String, Object> beans) {
    this.expressions = expressions;
    this.deployments = deployments;
    this.beans = beans;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> deployers = new ArrayList<>();
    deployers.add(new TenantDeploymentGuard());
    deployers.add(new DeploymentPolicy(expressions, deployments));
    if (configuration.getCustomPreDeployers() != null) {
      deployers.addAll(configuration.getCustomPreDeployers());
    }
    configuration.setCustomPreDeployers(deployers);

    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configuration.getCustomPostCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPostCommandInterceptorsTxRequired());
    }
    interceptors.add(new ScopeGuardInterceptor());
    interceptors.add(new FormFieldsGuardInterceptor());
    interceptors.add(new ModelerDeployments());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);

    configuration.setExpressionManager(new SandboxedExpressionManager(expressions, beans));
    configuration.setValueTypeResolver(VariableTypes.restTypes(new ValueTypeResolverImpl()));
    configuration.setDeserializationTypeValidationEnabled(true);
    configuration.setDeserializationTypeValidator(VariableTypes.deserialization());
    configuration.setJavaSerializationFormatEnabled(false);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setVariableTypes(VariableTypes.guard(configuration.getVariableSerializers()));
  }
}
