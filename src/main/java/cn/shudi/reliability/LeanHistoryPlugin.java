package cn.shudi.reliability;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;

/**
 * Makes {@link LeanHistoryLevel} known to the engine, so that {@code camunda.bpm.history-level: full-lean}
 * selects it; {@code full} and {@code audit} stay available as they are.
 */
class LeanHistoryPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryLevel> levels = new ArrayList<>();
    if (configuration.getCustomHistoryLevels() != null) {
      levels.addAll(configuration.getCustomHistoryLevels());
    }
    levels.add(new LeanHistoryLevel());
    configuration.setCustomHistoryLevels(levels);
  }
}
