package cn.shudi.monitoring;

import cn.shudi.support.FreshPlatformTest;

/** The plugin's queries on H2, the default database (a context of its own: nobody else's cases count). */
@FreshPlatformTest
class MonitoringFiguresTest extends MonitoringFiguresTestBase {
}
