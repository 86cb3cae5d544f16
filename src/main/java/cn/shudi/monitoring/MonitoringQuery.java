package cn.shudi.monitoring;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.cockpit.db.QueryParameters;

/**
 * Parameters of the plugin's queries (read by the MyBatis mapping {@code monitoring.xml} through the
 * getters). The tenant filter is always set by the caller from the user's authentication:
 * {@code tenantIds == null} means every jurisdiction (admins), an empty list means none.
 */
public class MonitoringQuery extends QueryParameters {

  private static final long serialVersionUID = 1L;

  private final List<String> tenantIds;
  private final Date now;
  private final Date since;
  private String processDefinitionKey;
  private String taskDefinitionKey;
  private boolean overdueOnly;
  private boolean oldestFirst;

  /**
   * @param scope the jurisdictions the user may see
   * @param now the engine's "now": due dates before it are overdue
   * @param since start of the time window of completed work and of escalations
   */
  public MonitoringQuery(MonitoringScope scope, Date now, Date since) {
    this.tenantIds = scope.tenantIds();
    this.now = now;
    this.since = since;
    disableMaxResultsLimit();
  }

  /** A bounded list query: the first {@code maxResults} rows. */
  public MonitoringQuery limit(int maxResults) {
    setFirstResult(0);
    setMaxResults(maxResults);
    return this;
  }

  public MonitoringQuery processDefinitionKey(String key) {
    this.processDefinitionKey = key;
    return this;
  }

  public MonitoringQuery taskDefinitionKey(String key) {
    this.taskDefinitionKey = key;
    return this;
  }

  /** Only tasks whose due date has passed, most overdue first. */
  public MonitoringQuery overdueOnly() {
    this.overdueOnly = true;
    return this;
  }

  /** Order a task list by creation time, oldest first (default: by due date). */
  public MonitoringQuery oldestFirst() {
    this.oldestFirst = true;
    return this;
  }

  public List<String> getTenantIds() {
    return tenantIds;
  }

  public Date getNow() {
    return now;
  }

  public Date getSince() {
    return since;
  }

  public String getProcessDefinitionKey() {
    return processDefinitionKey;
  }

  public String getTaskDefinitionKey() {
    return taskDefinitionKey;
  }

  public boolean isOverdueOnly() {
    return overdueOnly;
  }

  public boolean isOldestFirst() {
    return oldestFirst;
  }

  public String getSupervisionKey() {
    return SharedProcesses.SUPERVISION;
  }

  public String getJointMeetingKey() {
    return SharedProcesses.JOINT_MEETING;
  }
}
