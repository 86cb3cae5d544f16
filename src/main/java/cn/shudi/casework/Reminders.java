package cn.shudi.casework;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The reminder before a deadline ({@code ${reminders.remind(execution, 'zq054_market_inspect')}}):
 * the step's open task moves to the top of the unit's list (priority) and gets a comment staff see.
 */
@Component("reminders")
public class Reminders {

  /** Tasklist sorts by priority; a reminded task stands above the default 50. */
  public static final int REMINDED_PRIORITY = 80;

  private final TaskService tasks;

  Reminders(@Lazy TaskService tasks) {
    this.tasks = tasks;
  }

  public void remind(DelegateExecution execution, String stepId) {
    for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(stepId).list()) {
      tasks.setPriority(task.getId(), REMINDED_PRIORITY);
      tasks.createComment(task.getId(), execution.getProcessInstanceId(), "即将到期，请及时办理：" + task.getName());
    }
  }
}
