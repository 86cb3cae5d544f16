package cn.shudi.casework;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import cn.shudi.blueprint.ItemProcess;

/**
 * The reminder before a deadline ({@code ${reminders.remind(execution, 'zq054_market_inspect')}}):
 * the step's open task moves to the top of the unit's list (priority) and gets a comment staff see.
 */
@Component(ItemProcess.REMINDERS)
public class Reminders {

  /** Tasklist sorts by priority; a reminded task stands above the default 50. */
  public static final int REMINDED_PRIORITY = 80;

  private final TaskService tasks;

  Reminders(@Lazy TaskService tasks) {
    this.tasks = tasks;
  }

  /** The adapter: the case is the execution's process instance. */
  public void remind(DelegateExecution execution, String stepId) {
    remind(execution.getProcessInstanceId(), stepId);
  }

  /**
   * Reminds the open tasks of the step in the case: its task, or the tasks inside it when the step follows a case
   * pattern (their ids start with the step's).
   */
  void remind(String caseId, String stepId) {
    for (Task task : tasks.createTaskQuery().processInstanceId(caseId).list()) {
      String key = task.getTaskDefinitionKey();
      if (!key.equals(stepId) && !key.startsWith(stepId + "_")) {
        continue;
      }
      tasks.setPriority(task.getId(), REMINDED_PRIORITY);
      tasks.createComment(task.getId(), caseId, "即将到期，请及时办理：" + task.getName());
    }
  }
}
