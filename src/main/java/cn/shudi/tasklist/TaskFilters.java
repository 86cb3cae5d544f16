package cn.shudi.tasklist;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.call.CallProcess;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Role;
import cn.shudi.organization.Unit;

/**
 * The Tasklist filters of the platform, kept in the engine from the organization data.
 *
 * <h2>Which filters</h2>
 * Every unit (department, township, command centre, establishment office) gets its own filters, readable
 * by the unit's group only (a {@code FILTER READ} grant per filter and group; filters are shared objects,
 * so one filter per unit, not one for all):
 * <ul>
 * <li><b>本单位待办</b>: the unit's open tasks: candidate group = the unit's group, with the tasks a
 * colleague has claimed (includeAssignedTasks), so the unit sees its whole backlog. Comes first.</li>
 * <li><b>即将超期</b>: the unit's tasks due within the next 24 hours.</li>
 * <li><b>已超期</b>: the unit's tasks past their due date.</li>
 * <li><b>我发起的案件</b>: the open tasks of the cases the unit's staff started (process variable
 * {@code caseStarterGroup}), whichever unit works on them: casework grants the starting unit READ on each of
 * those tasks, so the filter follows where the case is; they are read-only to it.</li>
 * <li><b>我发起的呼叫</b> (townships only): Tasklist filters list <em>tasks</em>, and while a department
 * accepts and handles a township's call (乡呼县应, process {@value #CALL_PROCESS_KEY}) those tasks belong to
 * the department, which the township may not read. So the filter shows the call tasks that wait for the
 * township itself: tasks of {@value #CALL_PROCESS_KEY} with the township as candidate group (today the
 * evaluation of the department's result, 评价办理结果), i.e. "my calls that need me".</li>
 * </ul>
 * Each jurisdiction also gets two read-only supervision filters (全部待办, 已超期 of the whole county,
 * restricted to the tenant) for its supervisors and dispatchers, who belong to no unit group and would
 * otherwise have no filter once the old all-users filter is retired.
 *
 * <h2>Time-relative filters without expressions</h2>
 * "Due within 24 hours" is relative to now, but the platform refuses expressions in queries
 * ({@code enable-expressions-in-stored-queries=false}, and {@code RequestGuardFilter} answers 400 to any
 * {@code …Expression} field or {@code ${…}} value), so a stored {@code dueBeforeExpression=${dateTime().plusHours(24)}}
 * is not an option, and Camunda's task query only knows absolute {@code dueBefore}/{@code dueAfter}.
 * Instead the filters hold <em>absolute</em> dates that {@link #refreshDueDates()} rewrites on a schedule
 * ({@link DueFilterRefresh}, every {@code shudi.tasklist.due-filter-refresh}, default 15 minutes), and at
 * every start-up. With R the time of the last refresh and I the refresh interval:
 * <ul>
 * <li>已超期 = due &lt; R;</li>
 * <li>即将超期 = R ≤ due &lt; R + 24 h + I.</li>
 * </ul>
 * The two windows meet at R, so at any moment t in [R, R + I) every task that is overdue or due within
 * 24 hours of t is in one of the two filters: a task that became overdue since the last refresh still shows
 * under 即将超期 (Tasklist paints its due date red) until the next refresh moves it, and the extra I at the
 * far end means nothing due within t + 24 h is missing. No task falls between refreshes; the price is that
 * 即将超期 may show tasks due up to 24 h + I ahead. "Now" is the engine clock ({@link ClockUtil}), like the
 * deadlines of the blueprints. The refresh is idempotent and cheap (two filters per unit); on several
 * nodes each refreshes, and a concurrent update that loses the optimistic lock is simply retried next time.
 *
 * <h2>Identity across restarts</h2>
 * Names repeat (every unit has a 本单位待办), so each filter carries a stable key in its properties
 * ({@value #KEY_PROPERTY}, e.g. {@code zhangqiu_market:inbox}). {@link #provision()} creates what is
 * missing, updates what changed, removes duplicates (two nodes starting at once) and the filters of
 * units no longer in the data, and makes the READ grants exactly the spec's groups. Filters without the
 * key (made by users or by other code) are never touched.
 */
public class TaskFilters {

  /** Property of a filter that marks it as kept by the platform, with its stable key. */
  public static final String KEY_PROPERTY = "shudiFilter";

  public static final String UNIT_INBOX = "本单位待办";
  public static final String DUE_SOON = "即将超期";
  public static final String OVERDUE = "已超期";
  public static final String MY_CALLS = "我发起的呼叫";
  public static final String STARTED = "我发起的案件";

  /** The process of a township's call to a department (乡呼县应). */
  public static final String CALL_PROCESS_KEY = CallProcess.KEY;

  /** How far ahead 即将超期 looks (plus one refresh interval, see the class comment). */
  public static final Duration SOON = Duration.ofHours(24);

  public static final String KIND_INBOX = "inbox";
  public static final String KIND_DUE_SOON = "due-soon";
  public static final String KIND_OVERDUE = "overdue";
  public static final String KIND_MY_CALLS = "my-calls";
  public static final String KIND_STARTED = "started";
  public static final String KIND_COUNTY_OPEN = "county-open";
  public static final String KIND_COUNTY_OVERDUE = "county-overdue";

  private static final Logger LOG = LoggerFactory.getLogger(TaskFilters.class);

  /**
   * The variable on the task cards of every filter: one line of the case's subject, township, the task's unit and the list
   * item, which tell two cases' tasks apart (the due date and the time left are on every card anyway). It is local to
   * each task (casework writes it when the task is created): Tasklist reads card variables with the staff member's
   * grants, and unit staff may read their tasks, not the case's process variables.
   */
  private static final Map<String, String> CARD_VARIABLES = Map.of(ItemProcess.CARD.name(), "案件");

  /** What {@link #provision()} did. */
  public record Result(int created, int updated, int deleted, int unchanged) {
  }

  private final FilterService filters;
  private final AuthorizationService authorizations;
  private final TaskService tasks;
  private final Organization organization;
  private final Duration refreshInterval;

  /**
   * @param refreshInterval how often {@link #refreshDueDates()} runs; widens 即将超期 by as much
   */
  public TaskFilters(ProcessEngine engine, Organization organization, Duration refreshInterval) {
    if (refreshInterval.isNegative() || refreshInterval.isZero() || refreshInterval.compareTo(SOON) > 0) {
      throw new IllegalArgumentException("shudi.tasklist.due-filter-refresh 应在 0 与 24 小时之间：" + refreshInterval);
    }
    this.filters = engine.getFilterService();
    this.authorizations = engine.getAuthorizationService();
    this.tasks = engine.getTaskService();
    this.organization = organization;
    this.refreshInterval = refreshInterval;
  }

  public static String key(String owner, String kind) {
    return owner + ":" + kind;
  }

  public Duration refreshInterval() {
    return refreshInterval;
  }

  /** Every filter the platform keeps, from the organization data, in a stable order. */
  public List<FilterSpec> specs() {
    String every = every(refreshInterval);
    List<FilterSpec> specs = new ArrayList<>();
    for (Jurisdiction jurisdiction : organization.jurisdictions()) {
      for (Unit unit : jurisdiction.units()) {
        String group = unit.groupId();
        List<String> readers = List.of(group);
        specs.add(new FilterSpec(key(group, KIND_INBOX), UNIT_INBOX,
            unit.shortName() + "的全部待办任务，含同事已认领、正在办理的", -40, "#3c78b5", readers, CARD_VARIABLES,
            false, FilterSpec.timeless(t -> unitTasks(t, group))));
        specs.add(new FilterSpec(key(group, KIND_DUE_SOON), DUE_SOON,
            unit.shortName() + "在 24 小时内到期的待办任务（" + every + "更新；刚到期的任务在下次更新时移入“已超期”）", -30,
            "#f0ad4e", readers, CARD_VARIABLES, true, (t, now) -> dueSoon(unitTasks(t, group), now)));
        specs.add(new FilterSpec(key(group, KIND_OVERDUE), OVERDUE,
            unit.shortName() + "已超过办理期限、尚未办结的任务（" + every + "更新），请尽快办理", -20, "#d9534f", readers,
            CARD_VARIABLES, true, (t, now) -> overdue(unitTasks(t, group), now)));
        specs.add(new FilterSpec(key(group, KIND_STARTED), STARTED,
            unit.shortName() + "的人员发起的案件正在办理的环节：由哪个单位办理、期限何时（只能查看，由承办单位办理）", -15,
            "#5cb85c", readers, CARD_VARIABLES, false, FilterSpec.timeless(t -> t.createTaskQuery()
                .processVariableValueEquals(ItemProcess.CASE_STARTER_GROUP.name(), group).orderByTaskCreateTime().asc())));
        if (unit.isTownship()) {
          specs.add(new FilterSpec(key(group, KIND_MY_CALLS), MY_CALLS,
              unit.shortName() + "发起的“乡呼县应”呼叫中，轮到本单位办理的任务（如评价部门的办理结果）；"
                  + "部门受理、办理期间的任务由部门办理，不在此列",
              -10, "#5bc0de", readers, CARD_VARIABLES, false,
              FilterSpec.timeless(t -> unitTasks(t, group).processDefinitionKey(CALL_PROCESS_KEY))));
        }
      }
      String tenant = jurisdiction.tenantId();
      List<String> supervisors = List.of(Role.SUPERVISOR.groupId(jurisdiction), Role.DISPATCHER.groupId(jurisdiction));
      specs.add(new FilterSpec(key(tenant, KIND_COUNTY_OPEN), jurisdiction.shortName() + "全部待办",
          jurisdiction.shortName() + "所有单位尚未办结的任务（督查、调度用）", 10, "#777777", supervisors, CARD_VARIABLES,
          false, FilterSpec.timeless(t -> t.createTaskQuery().tenantIdIn(tenant))));
      specs.add(new FilterSpec(key(tenant, KIND_COUNTY_OVERDUE), jurisdiction.shortName() + "已超期",
          jurisdiction.shortName() + "所有单位已超过办理期限的任务（" + every + "更新；督办用）", 20, "#a94442", supervisors,
          CARD_VARIABLES, true, (t, now) -> overdue(t.createTaskQuery().tenantIdIn(tenant), now)));
    }
    return specs;
  }

  /** Creates, updates and removes the platform's filters so they match {@link #specs()}; see the class comment. */
  public Result provision() {
    Date now = ClockUtil.getCurrentTime();
    Map<String, List<Filter>> existing = managedByKey();
    int created = 0;
    int updated = 0;
    int deleted = 0;
    int unchanged = 0;
    for (FilterSpec spec : specs()) {
      List<Filter> found = existing.remove(spec.key());
      Filter filter;
      if (found == null || found.isEmpty()) {
        filter = filters.newTaskFilter(spec.name());
        apply(filter, spec, now);
        filters.saveFilter(filter);
        created++;
      } else {
        filter = found.get(0);
        for (Filter duplicate : found.subList(1, found.size())) {
          filters.deleteFilter(duplicate.getId());
          deleted++;
        }
        if (apply(filter, spec, now)) {
          filters.saveFilter(filter);
          updated++;
        } else {
          unchanged++;
        }
      }
      grantReadOnlyTo(filter.getId(), spec.readers());
    }
    for (List<Filter> stale : existing.values()) {
      for (Filter filter : stale) {
        filters.deleteFilter(filter.getId());
        deleted++;
      }
    }
    Result result = new Result(created, updated, deleted, unchanged);
    LOG.info("Tasklist 筛选器已就绪：新建 {}，更新 {}，删除 {}，未变 {}", created, updated, deleted, unchanged);
    return result;
  }

  /**
   * Moves the absolute dates of the time-relative filters (即将超期, 已超期) to the engine clock's now.
   *
   * @return how many filters were rewritten
   */
  public int refreshDueDates() {
    Date now = ClockUtil.getCurrentTime();
    Map<String, FilterSpec> timeRelative = specs().stream().filter(FilterSpec::timeRelative)
        .collect(Collectors.toMap(FilterSpec::key, s -> s));
    int refreshed = 0;
    for (Filter filter : managed()) {
      FilterSpec spec = timeRelative.get(keyOf(filter));
      if (spec != null) {
        filter.setQuery(spec.query().at(tasks, now));
        filters.saveFilter(filter);
        refreshed++;
      }
    }
    LOG.debug("已按 {} 更新 {} 个时间相关筛选器", now, refreshed);
    return refreshed;
  }

  /** The filter kept under a key, if it exists. */
  public Optional<Filter> filter(String key) {
    return managed().stream().filter(f -> key.equals(keyOf(f))).findFirst();
  }

  /** All filters the platform keeps (those with {@value #KEY_PROPERTY}). */
  public List<Filter> managed() {
    return filters.createTaskFilterQuery().list().stream().filter(f -> keyOf(f) != null).toList();
  }

  public static String keyOf(Filter filter) {
    Map<String, Object> properties = filter.getProperties();
    Object key = properties == null ? null : properties.get(KEY_PROPERTY);
    return key == null ? null : key.toString();
  }

  private Map<String, List<Filter>> managedByKey() {
    Map<String, List<Filter>> byKey = new TreeMap<>();
    managed().stream().sorted(Comparator.comparing(Filter::getId))
        .forEach(f -> byKey.computeIfAbsent(keyOf(f), k -> new ArrayList<>()).add(f));
    return byKey;
  }

  /** Writes the spec into the filter; tells whether anything changed. */
  private boolean apply(Filter filter, FilterSpec spec, Date now) {
    String queryBefore = ((FilterEntity) filter).getQueryInternal();
    Map<String, Object> propertiesBefore = filter.getProperties();
    String nameBefore = filter.getName();

    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(KEY_PROPERTY, spec.key());
    properties.put("description", spec.description());
    properties.put("priority", spec.priority());
    properties.put("color", spec.color());
    properties.put("refresh", true);
    properties.put("showUndefinedVariable", false);
    List<Map<String, Object>> variables = new ArrayList<>();
    spec.variables().forEach((name, label) -> variables.add(new LinkedHashMap<>(Map.of("name", name, "label", label))));
    properties.put("variables", variables);

    filter.setName(spec.name());
    filter.setProperties(properties);
    filter.setQuery(spec.query().at(tasks, now));
    return !Objects.equals(nameBefore, spec.name()) || !Objects.equals(propertiesBefore, properties)
        || !Objects.equals(queryBefore, ((FilterEntity) filter).getQueryInternal());
  }

  /** READ for exactly these groups: missing grants are added, grants to anyone else are removed. */
  private void grantReadOnlyTo(String filterId, List<String> groups) {
    Set<String> wanted = Set.copyOf(groups);
    for (Authorization existing : authorizations.createAuthorizationQuery().resourceType(Resources.FILTER)
        .resourceId(filterId).list()) {
      boolean ours = existing.getAuthorizationType() == AUTH_TYPE_GRANT && existing.getGroupId() != null
          && wanted.contains(existing.getGroupId());
      if (!ours) {
        authorizations.deleteAuthorization(existing.getId());
      }
    }
    for (String group : groups) {
      Authorization grant = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
          .groupIdIn(group).resourceType(Resources.FILTER).resourceId(filterId).singleResult();
      if (grant == null) {
        grant = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        grant.setGroupId(group);
        grant.setResource(Resources.FILTER);
        grant.setResourceId(filterId);
        grant.addPermission(Permissions.READ);
        authorizations.saveAuthorization(grant);
      } else if (!grant.isPermissionGranted(Permissions.READ)) {
        grant.addPermission(Permissions.READ);
        authorizations.saveAuthorization(grant);
      }
    }
  }

  /** Open tasks of a unit, claimed or not. */
  private static TaskQuery unitTasks(TaskService tasks, String group) {
    return tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks();
  }

  /** R ≤ due &lt; R + 24 h + interval (due after R − 1 ms: the engine compares strictly, dates are in ms). */
  private TaskQuery dueSoon(TaskQuery query, Date now) {
    return query.dueAfter(new Date(now.getTime() - 1))
        .dueBefore(new Date(now.getTime() + SOON.toMillis() + refreshInterval.toMillis()))
        .orderByDueDate().asc();
  }

  /** due &lt; R. */
  private static TaskQuery overdue(TaskQuery query, Date now) {
    return query.dueBefore(now).orderByDueDate().asc();
  }

  private static String every(Duration interval) {
    if (interval.toMinutes() < 1) {
      return "每 " + interval.toSeconds() + " 秒";
    }
    if (interval.toMinutes() % 60 != 0) {
      return "每 " + interval.toMinutes() + " 分钟";
    }
    return interval.toHours() == 1 ? "每小时" : "每 " + interval.toHours() + " 小时";
  }
}
