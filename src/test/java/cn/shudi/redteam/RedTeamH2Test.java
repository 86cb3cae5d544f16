package cn.shudi.redteam;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.shudi.security.AttackCanary;
import cn.shudi.support.PlatformTest;

/**
 * The red-team suite of issue 12 against the application on its embedded H2 database, over real HTTP; the same
 * probes run on PostgreSQL in {@link RedTeamPostgresTest}. A context of its own: the webapps keep state in static
 * fields that a context closed later by another test class would take from a shared one.
 */
@PlatformTest
class RedTeamH2Test implements ExpressionProbes, VariableProbes, ModelProbes, BodyProbes, BoundaryProbes {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  AttackCanary canary;
  @Autowired
  DataSource dataSource;

  @Override
  public int port() {
    return port;
  }

  @Override
  public ProcessEngine engine() {
    return engine;
  }

  @Override
  public AttackCanary canary() {
    return canary;
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }
}
