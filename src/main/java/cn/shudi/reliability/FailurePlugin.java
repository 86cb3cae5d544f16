package cn.shudi.reliability;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Puts {@link FailureInterceptor} outermost in the engine's command chains, and {@link HeldEngineLog} into
 * logback so an expected refusal is logged as one line.
 */
class FailurePlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    HeldEngineLog.install();
    configuration.setCustomPreCommandInterceptorsTxRequired(
        first(new FailureInterceptor(configuration), configuration.getCustomPreCommandInterceptorsTxRequired()));
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(
        first(new FailureInterceptor(configuration), configuration.getCustomPreCommandInterceptorsTxRequiresNew()));
  }

  private static List<CommandInterceptor> first(CommandInterceptor interceptor, List<CommandInterceptor> others) {
    List<CommandInterceptor> all = new ArrayList<>();
    all.add(interceptor);
    if (others != null) {
      all.addAll(others);
    }
    return all;
  }
}
