package cn.shudi.reliability;

import java.util.Set;

import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;

/**
 * The platform's history level {@value #NAME}: Camunda's {@code full} without the three kinds of rows nobody
 * reads here, which are a third of what a case writes.
 *
 * <ul>
 * <li>{@code ACT_HI_DETAIL} rows for each variable update (every intermediate value of every variable, the
 * task-local form fields included). The last value of each variable stays in {@code ACT_HI_VARINST}; what each
 * step recorded (unit, who, facts) is in casework's step outcomes, written when the step completes; the credit
 * entry keeps each unit's contribution.</li>
 * <li>The job log's "created" and "deleted" rows: two per deadline or reminder timer that never fires (a
 * case makes about 20). "Failed" and "successful" stay: a job that ran, when, on which node, and why it
 * failed.</li>
 * <li>The history of a task's card variables (task-local, named {@value #CARD_PREFIX}…): copies of the case's
 * subject, township, unit and item put on each task for Tasklist's cards; the case keeps the originals.</li>
 * <li>Personal data in transit: variables named {@value #PRIVATE_PREFIX}… (a requester's name and phone on the
 * intake's start form), which the process moves into its own table the moment it starts, and the form-field history
 * rows ({@code ACT_HI_DETAIL} of type FormField: every submitted form value again, read by nobody here).</li>
 * </ul>
 *
 * Everything else of {@code full} stays. The credit file no longer reads history (it seals the step
 * outcomes), but the platform still reads: candidate-group links ({@code ACT_HI_IDENTITYLINK}: the monthly
 * metrics' {@code taskHadCandidateGroup}, the conflict answer of {@code FailureInterceptor}); the operation
 * log (the audit trail of who completed, claimed or changed what, which accountability goes back to, shown
 * in Cockpit and scoped by security's {@code ScopeGuardInterceptor}); incidents, and activity, task and
 * variable instances (Cockpit, monitoring).
 *
 * <p>Its id is {@code full}'s (3) on purpose: both write the same tables, this one fewer rows, so a database
 * that ran with {@code full} starts with this level (the engine compares ids at start-up) and the other way
 * round, without a migration. Figures: docs/reliability.md.
 */
public final class LeanHistoryLevel extends HistoryLevelFull {

  public static final String NAME = "full-lean";
  /** Task-local variables named so are display copies for Tasklist's cards: no history. */
  public static final String CARD_PREFIX = "card";
  /** Variables named so carry personal data only until the process stores it elsewhere: no history. */
  public static final String PRIVATE_PREFIX = "private";

  private static final Set<HistoryEventType> NOT_WRITTEN = Set.of(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL,
      HistoryEventTypes.FORM_PROPERTY_UPDATE, HistoryEventTypes.JOB_CREATE, HistoryEventTypes.JOB_DELETE);

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public int getId() {
    return HistoryLevel.HISTORY_LEVEL_FULL.getId();
  }

  @Override
  public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
    return !NOT_WRITTEN.contains(eventType) && !isCardVariable(entity) && !isPrivateVariable(entity)
        && super.isHistoryEventProduced(eventType, entity);
  }

  private static boolean isPrivateVariable(Object entity) {
    return entity instanceof VariableInstanceEntity variable && variable.getName() != null
        && variable.getName().startsWith(PRIVATE_PREFIX);
  }

  private static boolean isCardVariable(Object entity) {
    return entity instanceof VariableInstanceEntity variable && variable.getTaskId() != null
        && variable.getName() != null && variable.getName().startsWith(CARD_PREFIX);
  }
}
