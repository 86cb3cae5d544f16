package cn.shudi.monitoring;

import org.springframework.boot.test.context.SpringBootTest;

/** The plugin's queries on H2, the default database (a context of its own: nobody else's cases count). */
@SpringBootTest(properties = "spring.application.name=shudi-monitoring-figures")
class MonitoringFiguresTest extends MonitoringFiguresTestBase {
}
