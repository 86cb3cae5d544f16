package cn.shudi.credit;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import cn.shudi.support.PlatformTest;

/** The credit file's promises on H2 (the default profile). */
@PlatformTest
class CreditFileTest extends CreditFileContract {

  @Autowired
  ProcessEngine engine;
  @Autowired
  CreditFile creditFile;
  @Autowired
  PlatformTransactionManager transactions;
  @Autowired
  JdbcClient jdbc;

  @Override
  ProcessEngine engine() {
    return engine;
  }

  @Override
  CreditFile creditFile() {
    return creditFile;
  }

  @Override
  PlatformTransactionManager transactions() {
    return transactions;
  }

  @Override
  JdbcClient jdbc() {
    return jdbc;
  }
}
