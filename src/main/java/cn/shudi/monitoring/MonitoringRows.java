package cn.shudi.monitoring;

import java.util.Date;

/**
 * What the plugin's queries return, one class per query; filled by MyBatis through the result maps
 * of {@code monitoring.xml}. Durations are in milliseconds, calendar time.
 */
final class MonitoringRows {

  private MonitoringRows() {
  }

  /** Running process instances of one definition key in one tenant. */
  public static class OpenCases {
    public String tenantId;
    public String processDefinitionKey;
    /** Instances started on their own: cases of an item, calls. */
    public long root;
    /** Also those called by another process (supervision, joint meeting, evaluation). */
    public long all;
  }

  /** Open user tasks of one step and candidate group. */
  public static class OpenTasks {
    public String tenantId;
    public String processDefinitionKey;
    public String taskDefinitionKey;
    public String name;
    /** The candidate group, i.e. the unit; {@code null} when the task has none. */
    public String groupId;
    public long open;
    public long overdue;
    public Date oldestCreated;
  }

  /** Completed user tasks of one step in the time window. */
  public static class TaskDurations {
    public String tenantId;
    public String processDefinitionKey;
    public String taskDefinitionKey;
    public String name;
    public long completed;
    public Double median;
    public Double p90;
    public Double average;
    public Long max;
  }

  /** One open task, for the lists (most overdue, calls waiting longest). */
  public static class TaskRow {
    public String taskId;
    public String processInstanceId;
    public String tenantId;
    public String processDefinitionKey;
    public String taskDefinitionKey;
    public String name;
    public String groupId;
    public Date created;
    public Date due;
    public String caseSubject;
    public String itemName;
    public String townshipGroup;
  }

  /** Supervisions (督办) or joint meetings (联席会议), per case item and overdue unit. */
  public static class Escalations {
    public String tenantId;
    public String processDefinitionKey;
    /** The item whose case was escalated (key of the root process instance). */
    public String rootKey;
    /** The unit whose step was overdue ({@code overdueGroup}). */
    public String overdueGroup;
    public long started;
    public long open;
  }
}
