package cn.shudi.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.ServiceLoader;

import org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin;
import org.junit.jupiter.api.Test;

/** Cockpit finds the plugin the way it finds every plugin: through the services file. */
class MonitoringPluginTest {

  @Test
  void cockpitDiscoversThePluginByItsId() {
    List<CockpitPlugin> plugins = ServiceLoader.load(CockpitPlugin.class).stream().map(ServiceLoader.Provider::get)
        .toList();
    assertThat(plugins).filteredOn(p -> p.getId().equals(MonitoringPlugin.ID)).singleElement().satisfies(plugin -> {
      assertThat(plugin).isInstanceOf(MonitoringPlugin.class);
      assertThat(plugin.getResourceClasses()).containsExactly(MonitoringRootResource.class);
      assertThat(plugin.getMappingFiles()).containsExactly("cn/shudi/monitoring/monitoring.xml");
      assertThat(plugin.getAssetDirectory()).isEqualTo("plugin-webapp/shudi-monitoring");
    });
  }

  @Test
  void theMappingAndTheAssetsAreOnTheClasspath() {
    ClassLoader loader = getClass().getClassLoader();
    assertThat(loader.getResource(MonitoringPlugin.MAPPING)).isNotNull();
    assertThat(loader.getResource("plugin-webapp/shudi-monitoring/app/plugin.js")).isNotNull();
    assertThat(loader.getResource("plugin-webapp/shudi-monitoring/app/plugin.css")).isNotNull();
  }
}
