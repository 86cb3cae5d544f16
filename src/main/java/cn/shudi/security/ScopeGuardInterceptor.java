package cn.shudi.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.lang.reflect.Field;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.ActivityStatisticsQueryImpl;
import org.camunda.bpm.engine.impl.HistoricActivityStatisticsQueryImpl;
import org.camunda.bpm.engine.impl.ProcessDefinitionStatisticsQueryImpl;
import org.camunda.bpm.engine.impl.UserOperationLogQueryImpl;
import org.camunda.bpm.engine.impl.cmd.GetUniqueTaskWorkerCountCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.metrics.MetricsQueryImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;

/**
 * Figures and logs scoped like task lists, where Camunda 7.24's own checks are wider than the platform's
 * grants (docs/security.md, "Scoping"). Runs inside the command context with the caller's login, for the REST
 * API, the webapps and the Java API alike; the platform's own work (no login) and administrators pass.
 *
 * <ul>
 * <li>Process-definition statistics count every case, failed job and incident of a county, while the engine
 * asks only for READ on the definition, which staff hold to start cases: they need READ_INSTANCE on all
 * definitions or READ on all cases, as supervisors have.</li>
 * <li>Metrics count both counties together and the engine checks nothing: administrators only.</li>
 * <li>Activity statistics (runtime and history) of a definition check no tenant: the caller's county only.</li>
 * <li>The operation log lets everyone with READ_HISTORY on all definitions read every entry without a
 * process, identity operations of the other county included: others than administrators read it per case,
 * task or definition.</li>
 * </ul>
 */
class ScopeGuardInterceptor extends CommandInterceptor {

  /** The fields of an operation-log query that tie it to a case, a task or a definition. */
  private static final List<Field> LOG_SCOPE = List.of(field("processInstanceId"), field("processDefinitionId"),
      field("processDefinitionKey"), field("executionId"), field("taskId"));

  @Override
  public <T> T execute(Command<T> command) {
    CommandContext context = Context.getCommandContext();
    Authentication caller = context == null ? null : context.getAuthentication();
    if (caller != null && caller.getUserId() != null && context.isAuthorizationCheckEnabled()
        && context.getProcessEngineConfiguration().isAuthorizationEnabled()
        && !context.getAuthorizationManager().isCamundaAdmin(caller)) {
      check(command, context, caller);
    }
    return next.execute(command);
  }

  private static void check(Command<?> command, CommandContext context, Authentication caller) {
    AuthorizationManager authorizations = context.getAuthorizationManager();
    if (command instanceof ProcessDefinitionStatisticsQueryImpl) {
      if (!authorizations.isAuthorized(Permissions.READ_INSTANCE, Resources.PROCESS_DEFINITION, ANY)
          && !authorizations.isAuthorized(Permissions.READ, Resources.PROCESS_INSTANCE, ANY)) {
        throw refused(caller, Permissions.READ_INSTANCE.getName(), Resources.PROCESS_DEFINITION.resourceName(), ANY);
      }
    } else if (command instanceof MetricsQueryImpl || command instanceof GetUniqueTaskWorkerCountCmd) {
      authorizations.checkCamundaAdmin();
    } else if (command instanceof HistoricActivityStatisticsQueryImpl query) {
      requireOwnCounty(context, caller, query.getProcessDefinitionId());
    } else if (command instanceof ActivityStatisticsQueryImpl query) {
      requireOwnCounty(context, caller, query.getProcessDefinitionId());
    } else if (command instanceof UserOperationLogQueryImpl query && !scoped(query)) {
      throw refused(caller, Permissions.READ.getName(), Resources.OPERATION_LOG_CATEGORY.resourceName(), ANY);
    }
  }

  private static void requireOwnCounty(CommandContext context, Authentication caller, String definitionId) {
    if (definitionId == null) {
      return;
    }
    ProcessDefinitionEntity definition = context.getProcessDefinitionManager().findLatestProcessDefinitionById(
        definitionId);
    if (definition != null && definition.getTenantId() != null
        && !context.getTenantManager().isAuthenticatedTenant(definition.getTenantId())) {
      throw refused(caller, Permissions.READ.getName(), Resources.PROCESS_DEFINITION.resourceName(), definitionId);
    }
  }

  private static boolean scoped(UserOperationLogQueryImpl query) {
    try {
      for (Field field : LOG_SCOPE) {
        if (field.get(query) != null) {
          return true;
        }
      }
      return false;
    } catch (IllegalAccessException e) {
      return false; // cannot tell: refuse
    }
  }

  private static AuthorizationException refused(Authentication caller, String permission, String resource, String id) {
    return new AuthorizationException(caller.getUserId(), permission, resource, id);
  }

  private static Field field(String name) {
    try {
      Field field = UserOperationLogQueryImpl.class.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("UserOperationLogQueryImpl has no field " + name + ": Camunda changed", e);
    }
  }
}
