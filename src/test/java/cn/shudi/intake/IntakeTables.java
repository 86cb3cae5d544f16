package cn.shudi.intake;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the intake holds, counted: the HTTP tests show with it that a refused request stored and started nothing. */
record IntakeTables(JdbcClient jdbc, RuntimeService runtime) {

  long requests() {
    return jdbc.sql("select count(*) from shudi_intake_request").query(Long.class).single();
  }

  /** Running 诉求受理 processes. */
  long intakes() {
    return runtime.createProcessInstanceQuery().processDefinitionKey(IntakeProcess.KEY).count();
  }

  long photos() {
    return jdbc.sql("select count(*) from shudi_intake_photo").query(Long.class).single();
  }
}
