package cn.shudi.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import cn.shudi.support.PlatformTest;

/** The indexes on Camunda's tables exist once the platform is up, and creating them again is a no-op. */
@PlatformTest
class MonitoringIndexesTest {

  @Autowired
  ProcessEngine engine;

  static MonitoringIndexes indexesOf(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return new MonitoringIndexes(configuration.getDataSource(), configuration.getDatabaseType(),
        configuration.getDatabaseTablePrefix());
  }

  @Test
  void theIndexesAreCreatedAtStartUpAndOnlyOnce() {
    MonitoringIndexes indexes = indexesOf(engine);
    assertThat(MonitoringIndexes.INDEXES).allSatisfy(index -> assertThat(indexes.exists(index))
        .as(index.name()).isTrue());
    assertThat(indexes.ensure()).isEmpty();
  }

  @Test
  void droppedIndexesAreCreatedAgain() {
    MonitoringIndexes indexes = indexesOf(engine);
    indexes.drop();
    assertThat(indexes.ensure()).containsExactly("SHUDI_IDX_HI_TASK_TENANT_END", "SHUDI_IDX_HI_TASK_KEY_END",
        "SHUDI_IDX_RU_TASK_DUE", "SHUDI_IDX_RU_AUTH_USER");
  }
}
