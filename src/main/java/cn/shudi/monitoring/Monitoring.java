package cn.shudi.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import cn.shudi.monitoring.Dashboard.ActivityFigures;
import cn.shudi.monitoring.Dashboard.DomainFigures;
import cn.shudi.monitoring.Dashboard.EscalationLine;
import cn.shudi.monitoring.Dashboard.ItemFigures;
import cn.shudi.monitoring.Dashboard.JurisdictionFigures;
import cn.shudi.monitoring.Dashboard.TaskLine;
import cn.shudi.monitoring.Dashboard.UnitFigures;
import cn.shudi.intake.IntakeRates;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;

/**
 * Builds the supervisors' figures from the plugin's queries: rolls the grouped rows up to
 * jurisdiction, domain, item, unit and step, and names everything from the organization and the
 * lists. Holds no state; the caller says whose figures (scope) and when "now" is (the engine clock).
 */
public class Monitoring {

  public static final int DEFAULT_DAYS = 90;
  public static final int MAX_DAYS = 3650;
  /** Length of the task lists (most overdue, calls waiting longest) and of the slowest steps. */
  static final int LIST_SIZE = 20;
  static final int SLOWEST = 10;

  private final Organization organization;
  private final Directory directory;
  private final Rankings rankings;
  private final IntakeFigures intake;

  /** Without the intake (a bare engine, as in the benchmarks): its section stays empty with a note. */
  public Monitoring(Organization organization, cn.shudi.catalog.Catalogs catalogs, Rankings rankings) {
    this(organization, catalogs, rankings, null);
  }

  /** @param intakeRates the intake's rates, or null where the intake is not there */
  public Monitoring(Organization organization, cn.shudi.catalog.Catalogs catalogs, Rankings rankings,
      IntakeRates intakeRates) {
    this.organization = organization;
    this.directory = new Directory(organization, catalogs);
    this.rankings = rankings;
    this.intake = new IntakeFigures(intakeRates, organization);
  }

  /** Window length in days, bounded to 1 … {@value #MAX_DAYS}; {@value #DEFAULT_DAYS} when not given. */
  public static int days(Integer requested) {
    if (requested == null) {
      return DEFAULT_DAYS;
    }
    return Math.max(1, Math.min(MAX_DAYS, requested));
  }

  Rankings rankings() {
    return rankings;
  }

  Directory directory() {
    return directory;
  }

  static Date since(Date now, int days) {
    return Date.from(now.toInstant().minus(Duration.ofDays(days)));
  }

  public Dashboard dashboard(MonitoringQueries queries, MonitoringScope scope, Date now, int days) {
    Date since = since(now, days);
    List<MonitoringRows.OpenCases> cases = queries.openCases(new MonitoringQuery(scope, now, since));
    List<MonitoringRows.OpenTasks> tasks = queries.openTasks(new MonitoringQuery(scope, now, since));
    List<MonitoringRows.TaskDurations> durations = queries.taskDurations(new MonitoringQuery(scope, now, since));
    List<MonitoringRows.Escalations> escalations = queries.escalations(new MonitoringQuery(scope, now, since));
    List<MonitoringRows.TaskRow> overdue = queries.taskList(new MonitoringQuery(scope, now, since).overdueOnly()
        .limit(LIST_SIZE));
    List<MonitoringRows.TaskRow> calls = queries.taskList(new MonitoringQuery(scope, now, since)
        .processDefinitionKey(SharedProcesses.CALL).taskDefinitionKey(SharedProcesses.CALL_ACCEPT).oldestFirst()
        .limit(LIST_SIZE));

    List<String> tenants = tenants(scope, cases, tasks, durations, escalations);
    List<JurisdictionFigures> jurisdictions = new ArrayList<>();
    for (String tenant : tenants) {
      jurisdictions.add(jurisdiction(tenant, cases, tasks, escalations));
    }
    List<ActivityFigures> activities = activities(tasks, durations);
    List<UnitFigures> units = units(tasks, escalations, t -> true);
    List<UnitFigures> callDepartments = units(tasks.stream().filter(Monitoring::isCallAccept).toList(), List.of(),
        t -> true);

    return new Dashboard(iso(now), days, iso(since),
        new Dashboard.Scope(scope.isAll(), tenants.stream()
            .map(t -> new Dashboard.Named(t, directory.jurisdictionName(t))).toList()),
        totals(jurisdictions), jurisdictions, domains(tenants, cases, tasks), items(cases, tasks, durations, escalations),
        units, activities, slowest(activities), lines(overdue, now),
        new Dashboard.Calls(sum(jurisdictions, JurisdictionFigures::waitingCalls),
            sum(jurisdictions, JurisdictionFigures::overdueCalls), callDepartments, lines(calls, now)),
        escalationSummary(escalations, SharedProcesses.SUPERVISION),
        escalationSummary(escalations, SharedProcesses.JOINT_MEETING),
        rankings.current(scope, directory), List.of());
  }

  /**
   * The intake's 响应率, 解决率 and 满意率 per unit and per township of the scope's counties.
   *
   * @param month the month, or null for the current month of each county at {@code now} (engine clock)
   */
  public IntakeFigures.Table intake(MonitoringScope scope, Date now, YearMonth month) {
    return intake.of(scope, now, month);
  }

  /**
   * Per-step figures of one item in one jurisdiction, for the definition's runtime tab and diagram
   * overlay.
   */
  public DefinitionFigures definition(MonitoringQueries queries, String processDefinitionId, String key,
      String tenantId, Date now, int days) {
    Date since = since(now, days);
    MonitoringScope scope = tenantId == null ? MonitoringScope.all() : MonitoringScope.of(List.of(tenantId));
    List<MonitoringRows.OpenCases> cases = queries.openCases(new MonitoringQuery(scope, now, since)
        .processDefinitionKey(key)).stream().filter(c -> Objects.equals(c.tenantId, tenantId)).toList();
    List<MonitoringRows.OpenTasks> tasks = queries.openTasks(new MonitoringQuery(scope, now, since)
        .processDefinitionKey(key)).stream().filter(t -> Objects.equals(t.tenantId, tenantId)).toList();
    List<MonitoringRows.TaskDurations> durations = queries.taskDurations(new MonitoringQuery(scope, now, since)
        .processDefinitionKey(key)).stream().filter(d -> Objects.equals(d.tenantId, tenantId)).toList();
    List<MonitoringRows.Escalations> escalations = queries.escalations(new MonitoringQuery(scope, now, since)
        .processDefinitionKey(key)).stream().filter(e -> Objects.equals(e.tenantId, tenantId)).toList();
    long openCases = cases.stream().mapToLong(c -> c.all).sum();
    return new DefinitionFigures(processDefinitionId, key, tenantId, directory.jurisdictionName(tenantId),
        directory.itemCode(tenantId, key), directory.itemName(tenantId, key), directory.domain(tenantId, key),
        iso(now), days, iso(since), openCases,
        tasks.stream().mapToLong(t -> t.open).sum(), tasks.stream().mapToLong(t -> t.overdue).sum(),
        escalations.stream().filter(e -> SharedProcesses.SUPERVISION.equals(e.processDefinitionKey))
            .mapToLong(e -> e.open).sum(),
        escalations.stream().filter(e -> SharedProcesses.SUPERVISION.equals(e.processDefinitionKey))
            .mapToLong(e -> e.started).sum(),
        escalations.stream().filter(e -> SharedProcesses.JOINT_MEETING.equals(e.processDefinitionKey))
            .mapToLong(e -> e.open).sum(),
        escalations.stream().filter(e -> SharedProcesses.JOINT_MEETING.equals(e.processDefinitionKey))
            .mapToLong(e -> e.started).sum(),
        activities(tasks, durations));
  }

  // ------------------------------------------------------------------ roll-ups

  private List<String> tenants(MonitoringScope scope, List<MonitoringRows.OpenCases> cases,
      List<MonitoringRows.OpenTasks> tasks, List<MonitoringRows.TaskDurations> durations,
      List<MonitoringRows.Escalations> escalations) {
    Set<String> seen = new LinkedHashSet<>();
    for (Jurisdiction jurisdiction : organization.jurisdictions()) {
      if (scope.isAll() || scope.includes(jurisdiction.tenantId())) {
        seen.add(jurisdiction.tenantId());
      }
    }
    if (!scope.isAll()) {
      seen.addAll(scope.tenantIds());
    }
    cases.forEach(c -> seen.add(c.tenantId));
    tasks.forEach(t -> seen.add(t.tenantId));
    durations.forEach(d -> seen.add(d.tenantId));
    escalations.forEach(e -> seen.add(e.tenantId));
    return new ArrayList<>(seen);
  }

  private JurisdictionFigures jurisdiction(String tenant, List<MonitoringRows.OpenCases> cases,
      List<MonitoringRows.OpenTasks> tasks, List<MonitoringRows.Escalations> escalations) {
    long openCases = cases.stream().filter(c -> Objects.equals(c.tenantId, tenant) && isCase(c.processDefinitionKey))
        .mapToLong(c -> c.root).sum();
    List<MonitoringRows.OpenTasks> own = tasks.stream().filter(t -> Objects.equals(t.tenantId, tenant)).toList();
    List<MonitoringRows.OpenTasks> calls = own.stream().filter(Monitoring::isCallAccept).toList();
    List<MonitoringRows.Escalations> supervisions = escalations.stream()
        .filter(e -> Objects.equals(e.tenantId, tenant) && SharedProcesses.SUPERVISION.equals(e.processDefinitionKey))
        .toList();
    List<MonitoringRows.Escalations> meetings = escalations.stream()
        .filter(e -> Objects.equals(e.tenantId, tenant) && SharedProcesses.JOINT_MEETING.equals(e.processDefinitionKey))
        .toList();
    return new JurisdictionFigures(tenant, directory.jurisdictionName(tenant), openCases,
        own.stream().mapToLong(t -> t.open).sum(), own.stream().mapToLong(t -> t.overdue).sum(),
        calls.stream().mapToLong(t -> t.open).sum(), calls.stream().mapToLong(t -> t.overdue).sum(),
        supervisions.stream().mapToLong(e -> e.open).sum(), supervisions.stream().mapToLong(e -> e.started).sum(),
        meetings.stream().mapToLong(e -> e.open).sum(), meetings.stream().mapToLong(e -> e.started).sum());
  }

  private static Dashboard.Totals totals(List<JurisdictionFigures> all) {
    return new Dashboard.Totals(sum(all, JurisdictionFigures::openCases), sum(all, JurisdictionFigures::openTasks),
        sum(all, JurisdictionFigures::overdueTasks), sum(all, JurisdictionFigures::waitingCalls),
        sum(all, JurisdictionFigures::overdueCalls), sum(all, JurisdictionFigures::openEscalations),
        sum(all, JurisdictionFigures::escalations), sum(all, JurisdictionFigures::openJointMeetings),
        sum(all, JurisdictionFigures::jointMeetings));
  }

  private List<DomainFigures> domains(List<String> tenants, List<MonitoringRows.OpenCases> cases,
      List<MonitoringRows.OpenTasks> tasks) {
    Map<List<String>, long[]> figures = new LinkedHashMap<>();
    for (MonitoringRows.OpenCases c : cases) {
      if (isCase(c.processDefinitionKey)) {
        figures.computeIfAbsent(domainKey(c.tenantId, c.processDefinitionKey), k -> new long[3])[0] += c.root;
      }
    }
    for (MonitoringRows.OpenTasks t : tasks) {
      long[] f = figures.computeIfAbsent(domainKey(t.tenantId, t.processDefinitionKey), k -> new long[3]);
      f[1] += t.open;
      f[2] += t.overdue;
    }
    List<DomainFigures> result = new ArrayList<>();
    figures.forEach((k, f) -> result.add(new DomainFigures(k.get(0), k.get(1), f[0], f[1], f[2])));
    result.sort(Comparator.comparing((DomainFigures d) -> tenants.indexOf(d.jurisdiction()))
        .thenComparing(Comparator.comparingLong(DomainFigures::overdueTasks).reversed())
        .thenComparing(Comparator.comparingLong(DomainFigures::openTasks).reversed())
        .thenComparing(DomainFigures::domain));
    return result;
  }

  private List<String> domainKey(String tenant, String key) {
    return java.util.Arrays.asList(tenant, directory.domain(tenant, key));
  }

  private List<ItemFigures> items(List<MonitoringRows.OpenCases> cases, List<MonitoringRows.OpenTasks> tasks,
      List<MonitoringRows.TaskDurations> durations, List<MonitoringRows.Escalations> escalations) {
    // open cases, open tasks, overdue, completed, open escalations, escalations, joint meetings
    Map<List<String>, long[]> figures = new LinkedHashMap<>();
    Function<List<String>, long[]> add = k -> figures.computeIfAbsent(k, x -> new long[7]);
    for (MonitoringRows.OpenCases c : cases) {
      if (c.root > 0) {
        add.apply(java.util.Arrays.asList(c.tenantId, c.processDefinitionKey))[0] += c.root;
      }
    }
    for (MonitoringRows.OpenTasks t : tasks) {
      long[] f = add.apply(java.util.Arrays.asList(t.tenantId, t.processDefinitionKey));
      f[1] += t.open;
      f[2] += t.overdue;
    }
    for (MonitoringRows.TaskDurations d : durations) {
      add.apply(java.util.Arrays.asList(d.tenantId, d.processDefinitionKey))[3] += d.completed;
    }
    for (MonitoringRows.Escalations e : escalations) {
      if (e.rootKey == null) {
        continue;
      }
      long[] f = add.apply(java.util.Arrays.asList(e.tenantId, e.rootKey));
      if (SharedProcesses.SUPERVISION.equals(e.processDefinitionKey)) {
        f[4] += e.open;
        f[5] += e.started;
      } else {
        f[6] += e.started;
      }
    }
    List<ItemFigures> result = new ArrayList<>();
    figures.forEach((k, f) -> result.add(new ItemFigures(k.get(0), k.get(1), directory.itemCode(k.get(0), k.get(1)),
        directory.itemName(k.get(0), k.get(1)), directory.domain(k.get(0), k.get(1)), f[0], f[1], f[2], f[3], f[4],
        f[5], f[6])));
    result.sort(Comparator.comparingLong(ItemFigures::overdueTasks).reversed()
        .thenComparing(Comparator.comparingLong(ItemFigures::openTasks).reversed())
        .thenComparing(Comparator.comparingLong(ItemFigures::openCases).reversed())
        .thenComparing(i -> String.valueOf(i.jurisdiction())).thenComparing(ItemFigures::code));
    return result;
  }

  private List<UnitFigures> units(List<MonitoringRows.OpenTasks> tasks, List<MonitoringRows.Escalations> escalations,
      java.util.function.Predicate<MonitoringRows.OpenTasks> which) {
    // open, overdue, waiting calls, open escalations, escalations
    Map<List<String>, long[]> figures = new LinkedHashMap<>();
    for (MonitoringRows.OpenTasks t : tasks) {
      if (!which.test(t)) {
        continue;
      }
      long[] f = figures.computeIfAbsent(java.util.Arrays.asList(t.tenantId, t.groupId), k -> new long[5]);
      f[0] += t.open;
      f[1] += t.overdue;
      if (isCallAccept(t)) {
        f[2] += t.open;
      }
    }
    for (MonitoringRows.Escalations e : escalations) {
      if (SharedProcesses.SUPERVISION.equals(e.processDefinitionKey) && e.overdueGroup != null) {
        long[] f = figures.computeIfAbsent(java.util.Arrays.asList(e.tenantId, e.overdueGroup), k -> new long[5]);
        f[3] += e.open;
        f[4] += e.started;
      }
    }
    List<UnitFigures> result = new ArrayList<>();
    figures.forEach((k, f) -> result.add(new UnitFigures(k.get(0), k.get(1), directory.unitName(k.get(0), k.get(1)),
        directory.unitType(k.get(0), k.get(1)), f[0], f[1], f[2], f[3], f[4])));
    result.sort(Comparator.comparingLong(UnitFigures::overdueTasks).reversed()
        .thenComparing(Comparator.comparingLong(UnitFigures::openTasks).reversed())
        .thenComparing(u -> String.valueOf(u.jurisdiction())).thenComparing(u -> String.valueOf(u.group())));
    return result;
  }

  private List<ActivityFigures> activities(List<MonitoringRows.OpenTasks> tasks,
      List<MonitoringRows.TaskDurations> durations) {
    Map<List<String>, long[]> open = new LinkedHashMap<>();
    Map<List<String>, String> names = new LinkedHashMap<>();
    for (MonitoringRows.OpenTasks t : tasks) {
      List<String> k = java.util.Arrays.asList(t.tenantId, t.processDefinitionKey, t.taskDefinitionKey);
      long[] f = open.computeIfAbsent(k, x -> new long[2]);
      f[0] += t.open;
      f[1] += t.overdue;
      names.putIfAbsent(k, t.name);
    }
    Map<List<String>, MonitoringRows.TaskDurations> done = new LinkedHashMap<>();
    for (MonitoringRows.TaskDurations d : durations) {
      List<String> k = java.util.Arrays.asList(d.tenantId, d.processDefinitionKey, d.taskDefinitionKey);
      done.put(k, d);
      names.putIfAbsent(k, d.name);
    }
    List<ActivityFigures> result = new ArrayList<>();
    names.forEach((k, name) -> {
      long[] f = open.getOrDefault(k, new long[2]);
      MonitoringRows.TaskDurations d = done.get(k);
      String tenant = k.get(0);
      String key = k.get(1);
      result.add(new ActivityFigures(tenant, key, directory.itemName(tenant, key), k.get(2), name,
          directory.stepUnit(tenant, key, k.get(2)), f[0], f[1], d == null ? 0 : d.completed,
          d == null ? null : round(d.median), d == null ? null : round(d.p90), d == null ? null : round(d.average),
          d == null ? null : d.max));
    });
    result.sort(Comparator.comparing((ActivityFigures a) -> String.valueOf(a.jurisdiction()))
        .thenComparing(ActivityFigures::key).thenComparing(ActivityFigures::activityId));
    return result;
  }

  private static List<ActivityFigures> slowest(List<ActivityFigures> activities) {
    return activities.stream().filter(a -> a.medianMillis() != null)
        .sorted(Comparator.comparing(ActivityFigures::medianMillis).reversed()
            .thenComparing(Comparator.comparing(ActivityFigures::p90Millis).reversed()))
        .limit(SLOWEST).toList();
  }

  private Dashboard.Escalations escalationSummary(List<MonitoringRows.Escalations> rows, String key) {
    List<MonitoringRows.Escalations> own = rows.stream().filter(e -> key.equals(e.processDefinitionKey)).toList();
    Map<List<String>, long[]> byUnit = new LinkedHashMap<>();
    Map<List<String>, long[]> byItem = new LinkedHashMap<>();
    for (MonitoringRows.Escalations e : own) {
      long[] u = byUnit.computeIfAbsent(java.util.Arrays.asList(e.tenantId, e.overdueGroup), k -> new long[2]);
      u[0] += e.open;
      u[1] += e.started;
      long[] i = byItem.computeIfAbsent(java.util.Arrays.asList(e.tenantId, e.rootKey), k -> new long[2]);
      i[0] += e.open;
      i[1] += e.started;
    }
    List<EscalationLine> units = new ArrayList<>();
    byUnit.forEach((k, f) -> units.add(new EscalationLine(k.get(0), k.get(1), directory.unitName(k.get(0), k.get(1)),
        f[0], f[1])));
    List<EscalationLine> items = new ArrayList<>();
    byItem.forEach((k, f) -> items.add(new EscalationLine(k.get(0), k.get(1), directory.itemName(k.get(0), k.get(1)),
        f[0], f[1])));
    Comparator<EscalationLine> order = Comparator.comparingLong(EscalationLine::open).reversed()
        .thenComparing(Comparator.comparingLong(EscalationLine::started).reversed())
        .thenComparing(l -> String.valueOf(l.id()));
    units.sort(order);
    items.sort(order);
    return new Dashboard.Escalations(own.stream().mapToLong(e -> e.open).sum(),
        own.stream().mapToLong(e -> e.started).sum(), units, items);
  }

  private List<TaskLine> lines(List<MonitoringRows.TaskRow> rows, Date now) {
    return rows.stream().map(r -> new TaskLine(r.taskId, r.processInstanceId, r.tenantId, r.processDefinitionKey,
        itemOf(r),
        r.taskDefinitionKey, r.name, r.groupId, directory.unitName(r.tenantId, r.groupId), iso(r.created), iso(r.due),
        r.due == null ? 0 : Math.max(0, now.getTime() - r.due.getTime()),
        r.created == null ? 0 : Math.max(0, now.getTime() - r.created.getTime()), r.caseSubject,
        r.townshipGroup == null ? null : directory.unitName(r.tenantId, r.townshipGroup))).toList();
  }

  /** The item of a listed task: a shared process names the case's item it works for (variable itemName). */
  private String itemOf(MonitoringRows.TaskRow row) {
    String name = directory.itemName(row.tenantId, row.processDefinitionKey);
    if (SharedProcesses.NAMES.containsKey(row.processDefinitionKey) && row.itemName != null) {
      return name + "：" + row.itemName;
    }
    return name;
  }

  // ------------------------------------------------------------------ helpers

  /** A case is an instance of a list item; calls and the shared sub-processes are counted on their own. */
  private static boolean isCase(String key) {
    return !SharedProcesses.NAMES.containsKey(key);
  }

  private static boolean isCallAccept(MonitoringRows.OpenTasks t) {
    return SharedProcesses.CALL.equals(t.processDefinitionKey)
        && SharedProcesses.CALL_ACCEPT.equals(t.taskDefinitionKey);
  }

  private static <T> long sum(List<T> list, java.util.function.ToLongFunction<T> f) {
    return list.stream().mapToLong(f).sum();
  }

  private static Long round(Double value) {
    return value == null ? null : Math.round(value);
  }

  static String iso(Date date) {
    return date == null ? null : Instant.ofEpochMilli(date.getTime()).toString();
  }
}
