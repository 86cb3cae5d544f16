package cn.shudi.monitoring;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

/**
 * The figures of one engine, {@code /camunda/api/cockpit/plugin/shudi-monitoring/{engine}/…}. Only for
 * users with access to Cockpit; a user sees the jurisdictions (tenants) they belong to, a Camunda
 * admin sees all. "Now" is the engine's clock.
 */
public class MonitoringResource extends AbstractCockpitPluginResource {

  static final String COCKPIT = "cockpit";

  private final Monitoring monitoring;

  public MonitoringResource(String engineName, Monitoring monitoring) {
    super(engineName);
    this.monitoring = monitoring;
  }

  /**
   * {@code GET dashboard?days=90&jurisdiction=zhangqiu}: everything the dashboard shows.
   *
   * @param days the window of completed work and escalations (default 90)
   * @param jurisdiction narrows to one of the user's jurisdictions (optional)
   */
  @GET
  @Path("dashboard")
  @Produces(MediaType.APPLICATION_JSON)
  public Dashboard dashboard(@QueryParam("days") Integer days, @QueryParam("jurisdiction") String jurisdiction) {
    MonitoringScope scope = scope(jurisdiction);
    return monitoring().dashboard(queries(), scope, ClockUtil.getCurrentTime(), Monitoring.days(days))
        .withIncidents(incidents(scope));
  }

  /**
   * {@code GET intake-rates?month=2026-12&jurisdiction=zhangqiu}: the intake's 响应率, 解决率 and 满意率 per unit and
   * per township (docs/intake-rates.md).
   *
   * @param month {@code yyyy-MM}; the current month (engine clock, the county's time) when not given
   * @param jurisdiction narrows to one of the user's jurisdictions (optional)
   */
  @GET
  @Path("intake-rates")
  @Produces(MediaType.APPLICATION_JSON)
  public IntakeFigures.Table intakeRates(@QueryParam("month") String month,
      @QueryParam("jurisdiction") String jurisdiction) {
    MonitoringScope scope = scope(jurisdiction);
    YearMonth period = null;
    if (month != null && !month.isBlank()) {
      try {
        period = YearMonth.parse(month.trim());
      } catch (DateTimeParseException e) {
        throw new InvalidRequestException(Status.BAD_REQUEST, "月份应为 yyyy-MM（如 2026-01），收到：" + month);
      }
    }
    return monitoring().intake(scope, ClockUtil.getCurrentTime(), period);
  }

  /** The user's scope, narrowed to the jurisdiction asked for (which must be one of theirs). */
  private MonitoringScope scope(String jurisdiction) {
    MonitoringScope scope = scope();
    if (jurisdiction != null && !jurisdiction.isBlank()) {
      if (!scope.includes(jurisdiction)) {
        throw new InvalidRequestException(Status.FORBIDDEN, "无权查看辖区「" + jurisdiction + "」");
      }
      scope = scope.narrowTo(jurisdiction);
    }
    return scope;
  }

  /**
   * The open incidents of the scope, newest first, as the signed-in user may read them (the engine's
   * authorization and tenant checks apply).
   */
  private List<Dashboard.IncidentLine> incidents(MonitoringScope scope) {
    var query = getProcessEngine().getRuntimeService().createIncidentQuery();
    if (!scope.isAll()) {
      query.tenantIdIn(scope.tenantIds().toArray(String[]::new));
    }
    Map<String, String> names = new HashMap<>();
    return query.orderByIncidentTimestamp().desc().listPage(0, Monitoring.LIST_SIZE).stream()
        .map(i -> new Dashboard.IncidentLine(i.getId(), i.getProcessInstanceId(), i.getTenantId(),
            names.computeIfAbsent(i.getProcessDefinitionId(), this::definitionName), i.getActivityId(),
            i.getIncidentMessage(), i.getIncidentTimestamp().toInstant().toString()))
        .toList();
  }

  private String definitionName(String processDefinitionId) {
    ProcessDefinition definition = getProcessEngine().getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionId(processDefinitionId).singleResult();
    return definition == null ? processDefinitionId : definition.getName();
  }

  /**
   * {@code GET process-definition/{id}?days=90}: per-step figures of the definition's item in the
   * definition's jurisdiction (all versions), for the runtime tab and the diagram overlay.
   */
  @GET
  @Path("process-definition/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public DefinitionFigures definition(@PathParam("id") String id, @QueryParam("days") Integer days) {
    MonitoringScope scope = scope();
    // a query as the signed-in user: the engine's authorization (READ) and tenant checks apply, and a
    // definition the user may not see is simply not found (no exception, no error in the log)
    ProcessDefinition definition = getProcessEngine().getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionId(id).singleResult();
    if (definition == null) {
      throw new InvalidRequestException(Status.NOT_FOUND, "流程定义「" + id + "」不存在或无权查看");
    }
    if (definition.getTenantId() != null && !scope.includes(definition.getTenantId())) {
      throw new InvalidRequestException(Status.NOT_FOUND, "流程定义「" + id + "」不存在或无权查看");
    }
    return monitoring().definition(queries(), definition.getId(), definition.getKey(), definition.getTenantId(),
        ClockUtil.getCurrentTime(), Monitoring.days(days));
  }

  /** Whose figures: admins all, Cockpit users their jurisdictions; anybody else none at all. */
  MonitoringScope scope() {
    Authentication authentication = getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new InvalidRequestException(Status.UNAUTHORIZED, "请先登录");
    }
    if (isCamundaAdmin(authentication)) {
      return MonitoringScope.all();
    }
    if (isAuthorizationEnabled()) {
      AuthorizationService authorizations = getProcessEngine().getAuthorizationService();
      List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
      if (!authorizations.isUserAuthorized(authentication.getUserId(), groups, Permissions.ACCESS,
          Resources.APPLICATION, COCKPIT)) {
        throw new InvalidRequestException(Status.FORBIDDEN, "督查看板仅向可使用 Cockpit 的用户开放");
      }
    }
    return MonitoringScope.of(authentication.getTenantIds());
  }

  private MonitoringQueries queries() {
    return new MonitoringQueries(getQueryService());
  }

  private Monitoring monitoring() {
    if (monitoring == null) {
      throw new InvalidRequestException(Status.SERVICE_UNAVAILABLE, "督查看板未就绪：找不到 Spring 上下文中的 Monitoring");
    }
    return monitoring;
  }
}
