package cn.shudi.monitoring;

import java.util.List;

import org.camunda.bpm.cockpit.db.QueryService;

/**
 * Runs the plugin's MyBatis statements through Cockpit's {@link QueryService} (a command on the
 * engine's database, with the mapping {@value MonitoringPlugin#MAPPING} loaded).
 */
public class MonitoringQueries {

  public static final String NAMESPACE = "cn.shudi.monitoring";

  private final QueryService queries;

  public MonitoringQueries(QueryService queries) {
    this.queries = queries;
  }

  public List<MonitoringRows.OpenCases> openCases(MonitoringQuery query) {
    return run("selectOpenCases", query);
  }

  public List<MonitoringRows.OpenTasks> openTasks(MonitoringQuery query) {
    return run("selectOpenTasks", query);
  }

  public List<MonitoringRows.TaskDurations> taskDurations(MonitoringQuery query) {
    return run("selectTaskDurations", query);
  }

  public List<MonitoringRows.TaskRow> taskList(MonitoringQuery query) {
    return run("selectTaskList", query);
  }

  public List<MonitoringRows.Escalations> escalations(MonitoringQuery query) {
    return run("selectEscalations", query);
  }

  private <T> List<T> run(String statement, MonitoringQuery query) {
    if (query.getTenantIds() != null && query.getTenantIds().isEmpty()) {
      return List.of(); // a user of no jurisdiction sees nothing; no need to ask the database
    }
    return queries.executeQuery(NAMESPACE + "." + statement, query);
  }
}
