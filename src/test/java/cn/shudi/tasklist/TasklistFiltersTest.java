package cn.shudi.tasklist;

import static cn.shudi.support.StaffUsers.ADMIN_PASSWORD;
import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import static cn.shudi.tasklist.TaskFilters.KEY_PROPERTY;
import static cn.shudi.tasklist.TaskFilters.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;
import cn.shudi.support.Http;
import cn.shudi.support.WebappSession;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.CaseDriver;

/**
 * The Chinese webapps and the per-unit Tasklist filters, over real HTTP against the running platform:
 * what the staff's browser loads, which filters each login sees, and what the filters list.
 */
@PlatformTest
class TasklistFiltersTest {

  static final String MARKET = "zhangqiu_market";
  static final String AGRICULTURE = "zhangqiu_agriculture";
  static final String MINGSHUI = "zhangqiu_mingshui";
  /** The old all-users filter of OrganizationProvisioner, until it is retired (it has no key). */
  static final String LEGACY_INBOX = "本单位待办";

  @LocalServerPort
  int port;
  @Autowired
  TaskFilters taskFilters;
  @Autowired
  FilterService filterService;
  @Autowired
  AuthorizationService authorizations;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  Organization organization;
  @Autowired
  ProcessEngine engine;

  final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void backToRealTime() {
    ClockUtil.reset();
    taskFilters.refreshDueDates();
  }

  // ---- the Chinese webapps ----

  @Test
  void configAndChineseLocalesAreServed() throws Exception {
    for (String app : List.of("tasklist", "admin", "welcome")) {
      Http.Response config = new Http(port).get("/camunda/app/" + app + "/scripts/config.js");
      assertThat(config.status()).as(app + " config.js").isEqualTo(200);
      assertThat(config.body()).contains("availableLocales: ['zh', 'en']").contains("fallbackLocale: 'zh'")
          .contains("属地管理清单平台");

      Http.Response zh = new Http(port).get("/camunda/app/" + app + "/locales/zh.json?bust=7.24.0");
      assertThat(zh.status()).as(app + " zh.json").isEqualTo(200);
      JsonNode labels = json.readTree(zh.body()).get("labels");
      assertThat(labels.get("PAGE_LOGIN_SIGN_IN_ACTION").asText()).isEqualTo("登录");

      assertThat(new Http(port).get("/camunda/app/" + app + "/locales/en.json").status()).as("en stays").isEqualTo(200);
    }
    JsonNode tasklist = json.readTree(new Http(port).get("/camunda/app/tasklist/locales/zh.json").body()).get("labels");
    assertThat(tasklist.get("CLAIM_TASK").asText()).isEqualTo("认领");
    assertThat(tasklist.get("FILTERS").asText()).isEqualTo("筛选器");
    assertThat(new Http(port).get("/camunda/app/tasklist/scripts/config.js").body()).as("shortcuts kept")
        .contains("claimTask").contains("ctrl+alt+c");
  }

  // ---- which filters exist, and who reads them ----

  @Test
  void everyUnitHasItsFiltersReadByItsGroupOnly() {
    Map<String, Filter> managed = taskFilters.managed().stream()
        .collect(Collectors.toMap(TaskFilters::keyOf, f -> f));
    int expected = 0;
    for (Jurisdiction jurisdiction : organization.jurisdictions()) {
      for (Unit unit : jurisdiction.units()) {
        List<String> kinds = new ArrayList<>(List.of(TaskFilters.KIND_INBOX, TaskFilters.KIND_DUE_SOON,
            TaskFilters.KIND_OVERDUE, TaskFilters.KIND_STARTED));
        if (unit.isTownship()) {
          kinds.add(TaskFilters.KIND_MY_CALLS);
        }
        for (String kind : kinds) {
          Filter filter = managed.get(key(unit.groupId(), kind));
          assertThat(filter).as(key(unit.groupId(), kind)).isNotNull();
          List<Authorization> grants = authorizations.createAuthorizationQuery().resourceType(Resources.FILTER)
              .resourceId(filter.getId()).list();
          assertThat(grants).as("grants of " + key(unit.groupId(), kind)).hasSize(1);
          assertThat(grants.get(0).getGroupId()).isEqualTo(unit.groupId());
          assertThat(grants.get(0).getAuthorizationType()).isEqualTo(Authorization.AUTH_TYPE_GRANT);
          assertThat(grants.get(0).isPermissionGranted(Permissions.READ)).isTrue();
          expected++;
        }
      }
      expected += 2; // the county's supervision filters
    }
    assertThat(managed).hasSize(expected);

    Filter inbox = managed.get(key(MARKET, TaskFilters.KIND_INBOX));
    assertThat(inbox.getName()).isEqualTo("本单位待办");
    assertThat(inbox.getProperties()).containsEntry("refresh", true)
        .hasEntrySatisfying("description", d -> assertThat(d.toString()).contains("区市场监管局"));
    assertThat(managed.get(key(MINGSHUI, TaskFilters.KIND_MY_CALLS)).getName()).isEqualTo("我发起的呼叫");
    assertThat(managed.get(key(MARKET, TaskFilters.KIND_DUE_SOON)).getName()).isEqualTo("即将超期");
    assertThat(managed.get(key(MARKET, TaskFilters.KIND_OVERDUE)).getName()).isEqualTo("已超期");
    assertThat(managed).doesNotContainKey(key(MARKET, TaskFilters.KIND_MY_CALLS));
    assertThat(managed.get(key(MARKET, TaskFilters.KIND_STARTED)).getName()).isEqualTo("我发起的案件");
  }

  @Test
  void staffSeeOnlyTheirUnitsFiltersInboxFirst() throws Exception {
    assertThat(visibleKeys("zhangqiu_market_staff")).containsExactlyInAnyOrder(key(MARKET, "inbox"),
        key(MARKET, "due-soon"), key(MARKET, "overdue"), key(MARKET, "started"));
    assertThat(visibleKeys("zhangqiu_mingshui_staff")).containsExactlyInAnyOrder(key(MINGSHUI, "inbox"),
        key(MINGSHUI, "due-soon"), key(MINGSHUI, "overdue"), key(MINGSHUI, "started"), key(MINGSHUI, "my-calls"));
    assertThat(visibleKeys("zhangqiu_mingshui_grid")).as("grid workers are township staff")
        .contains(key(MINGSHUI, "my-calls"));
    assertThat(visibleKeys("yunxi_chengguan_staff")).allMatch(k -> k.startsWith("yunxi_chengguan:"));
    assertThat(visibleKeys("zhangqiu_supervisor")).containsExactlyInAnyOrder(key("zhangqiu", "county-open"),
        key("zhangqiu", "county-overdue"));
    assertThat(visibleKeys("zhangqiu_dispatcher")).contains(key("zhangqiu_command", "inbox"),
        key("zhangqiu", "county-overdue"));

    // Tasklist orders by priority: 本单位待办 first, also before the old all-users filter while it exists
    JsonNode visible = filtersOf("zhangqiu_mingshui_staff");
    List<String> byPriority = new ArrayList<>();
    visible.forEach(f -> byPriority.add(f.at("/properties/priority").asInt() + "|" + f.get("name").asText()));
    byPriority.sort((a, b) -> Integer.compare(Integer.parseInt(a.split("\\|")[0]), Integer.parseInt(b.split("\\|")[0])));
    assertThat(byPriority.get(0)).endsWith("|本单位待办");
    assertThat(byPriority).extracting(s -> s.split("\\|")[1]).startsWith("本单位待办", "即将超期", "已超期");
  }

  /**
   * What Tasklist itself asks right after login (7.24's bundle): the filter count, then the filters in pages
   * of 2000 ({@code maxResults=2000}), then each filter's page of tasks; if any of it fails, the staff see
   * "加载筛选器时部分失败" and no filter at all.
   */
  @Test
  void tasklistLoadsTheFiltersAsItsBundleAsksForThem() throws Exception {
    WebappSession tasklist = WebappSession.login(port, "zhangqiu_market_staff", DEMO_PASSWORD, "tasklist");
    String api = "/camunda/api/engine/engine/default";
    Http.Response count = tasklist.get(api + "/filter/count?itemCount=false&resourceType=Task");
    assertThat(count.status()).as(count.toString()).isEqualTo(200);
    Http.Response page = tasklist.get(api + "/filter?firstResult=0&maxResults=2000&itemCount=false&resourceType=Task");
    assertThat(page.status()).as("Tasklist's filter page: " + page).isEqualTo(200);
    List<String> names = new ArrayList<>();
    json.readTree(page.body()).forEach(f -> names.add(f.get("name").asText()));
    assertThat(names).contains("本单位待办", "即将超期", "已超期");
  }

  // ---- what the filters list ----

  @Test
  void theInboxListsTheUnitsTasksClaimedOrNot() throws Exception {
    ProcessInstance instance = startCase();
    Task agricultureTask = tasks.createTaskQuery().processInstanceId(instance.getId()).taskCandidateGroup(AGRICULTURE)
        .singleResult();
    Task townshipTask = tasks.createTaskQuery().processInstanceId(instance.getId()).taskCandidateGroup(MINGSHUI)
        .singleResult();
    assertThat(agricultureTask).isNotNull();
    assertThat(townshipTask).isNotNull();

    assertThat(list("zhangqiu_agriculture_staff", key(AGRICULTURE, "inbox"))).contains(agricultureTask.getId())
        .doesNotContain(townshipTask.getId());
    assertThat(list("zhangqiu_mingshui_staff", key(MINGSHUI, "inbox"))).contains(townshipTask.getId())
        .doesNotContain(agricultureTask.getId());
    assertThat(list("zhangqiu_market_staff", key(MARKET, "inbox"))).doesNotContain(agricultureTask.getId(),
        townshipTask.getId());

    tasks.claim(agricultureTask.getId(), "zhangqiu_agriculture_lead");
    assertThat(list("zhangqiu_agriculture_staff", key(AGRICULTURE, "inbox"))).as("claimed by a colleague")
        .contains(agricultureTask.getId());

    String agricultureInbox = taskFilters.filter(key(AGRICULTURE, "inbox")).orElseThrow().getId();
    assertThat(rest("zhangqiu_market_staff").postJson("/engine-rest/filter/" + agricultureInbox + "/list", "{}")
        .status()).as("another unit's filter").isEqualTo(403);
  }

  @Test
  void dueSoonAndOverdueFollowTheEngineClockOnceRefreshed() throws Exception {
    ProcessInstance instance = startCase();
    // the township's 组织免疫 (20个工作日)
    Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).taskCandidateGroup(MINGSHUI)
        .singleResult();
    Date due = task.getDueDate();
    assertThat(due).as("the blueprint's time limit").isNotNull();
    String soon = key(MINGSHUI, "due-soon");
    String overdue = key(MINGSHUI, "overdue");
    String user = "zhangqiu_mingshui_staff";

    assertThat(list(user, soon)).as("due in 20 working days").doesNotContain(task.getId());
    assertThat(list(user, overdue)).doesNotContain(task.getId());

    moveClockTo(due, Duration.ofHours(-12));
    assertThat(list(user, soon)).as("due in 12 hours").contains(task.getId());
    assertThat(list(user, overdue)).doesNotContain(task.getId());

    moveClockTo(due, Duration.ofHours(-30));
    assertThat(list(user, soon)).as("due in 30 hours").doesNotContain(task.getId());

    moveClockTo(due, Duration.ZERO);
    assertThat(list(user, soon)).as("due this instant: still soon, not yet overdue").contains(task.getId());
    assertThat(list(user, overdue)).doesNotContain(task.getId());

    moveClockTo(due, Duration.ofHours(1));
    assertThat(list(user, overdue)).as("an hour late").contains(task.getId());
    assertThat(list(user, soon)).doesNotContain(task.getId());
    assertThat(list("zhangqiu_supervisor", key("zhangqiu", "county-overdue"))).as("the county's supervisors")
        .contains(task.getId());
    assertThat(list("zhangqiu_market_staff", key(MARKET, "overdue"))).doesNotContain(task.getId());

    // between two refreshes nothing is lost: 10 minutes after the refresh the task is still listed
    ClockUtil.setCurrentTime(new Date(due.getTime() - Duration.ofMinutes(5).toMillis()));
    taskFilters.refreshDueDates();
    ClockUtil.setCurrentTime(new Date(due.getTime() + Duration.ofMinutes(5).toMillis()));
    assertThat(list(user, soon)).as("overdue since the last refresh: still in 即将超期").contains(task.getId());
  }

  @Test
  void aStationedAgencysInboxHoldsItsDepartmentsTasksOfItsTownshipOnly() throws Exception {
    ProcessInstance instance = runtime.createProcessInstanceByKey("zq054").processDefinitionTenantId("zhangqiu")
        .setVariables(Map.of("township", "mingshui", "caseSubject", "明水派驻测试食品厂", "caseDescription", "日常监管",
            "creditCode", "91350100M000100Y43"))
        .execute();
    Task plan = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    assertThat(list("zhangqiu_mingshuimarket_staff", key("zhangqiu_mingshuimarket", TaskFilters.KIND_INBOX)))
        .as("明水市场监管所 finds the bureau's task of a 明水 case").contains(plan.getId());
    assertThat(list("zhangqiu_shuangshanmarket_staff", key("zhangqiu_shuangshanmarket", TaskFilters.KIND_INBOX)))
        .as("双山's agency does not").doesNotContain(plan.getId());
    assertThat(list("zhangqiu_mingshuipolice_staff", key("zhangqiu_mingshuipolice", TaskFilters.KIND_INBOX)))
        .as("nor 明水's police station").doesNotContain(plan.getId());
    assertThat(list("zhangqiu_market_staff", key(MARKET, TaskFilters.KIND_INBOX))).as("the bureau keeps it")
        .contains(plan.getId());
  }

  @Test
  void myCallsShowsTheCallTasksThatWaitForTheTownship() throws Exception {
    Map<String, Object> call = new HashMap<>(Map.of("township", "mingshui", "calledDepartment", "market",
        "callItemCode", "ZQ054", "callProblem", "某食品作坊疑似使用过期原料", "callPlace", "明水街道某村", "callUrgency", "urgent"));
    ProcessInstance instance = runtime.createProcessInstanceByKey(TaskFilters.CALL_PROCESS_KEY)
        .processDefinitionTenantId("zhangqiu").setVariables(call).execute();
    Task dispatch = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(dispatch.getTaskDefinitionKey()).isEqualTo("shared_call_dispatch");
    assertThat(list("zhangqiu_mingshui_staff", key(MINGSHUI, "my-calls"))).as("the command centre's turn")
        .doesNotContain(dispatch.getId());
    tasks.complete(dispatch.getId(), Map.of("callPrimaryDepartment", "区市场监管局", "callCooperatingDepartments", "",
        "callResponseLimit", "24小时", "callTimeLimit", "30个工作日"));
    Task accept = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(accept.getTaskDefinitionKey()).isEqualTo("shared_call_accept");

    assertThat(list("zhangqiu_mingshui_staff", key(MINGSHUI, "my-calls"))).as("the department's turn")
        .doesNotContain(accept.getId());
    assertThat(list("zhangqiu_market_staff", key(MARKET, "inbox"))).contains(accept.getId());

    tasks.complete(accept.getId(), Map.of("callAccepted", "yes", "callAcceptNote", "立即派员"));
    Task handle = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    tasks.complete(handle.getId(), Map.of("dutyResult", "已现场检查并下达整改通知", "dutyFindings", "请镇街督促整改",
        "callJustified", "yes", "callComplete", "yes", "callWithinList", "yes"));
    new CaseDriver(engine).runAsyncContinuations(instance.getId()); // the join after the departments' parts
    Task evaluate = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(evaluate.getTaskDefinitionKey()).isEqualTo("shared_call_evaluate");

    assertThat(list("zhangqiu_mingshui_staff", key(MINGSHUI, "my-calls"))).as("the township rates the result")
        .contains(evaluate.getId());

    ProcessInstance blueprintCase = startCase();
    List<String> blueprintTasks = tasks.createTaskQuery().processInstanceId(blueprintCase.getId())
        .taskCandidateGroup(MINGSHUI).list().stream().map(Task::getId).toList();
    assertThat(list("zhangqiu_mingshui_staff", key(MINGSHUI, "my-calls"))).as("only call processes")
        .doesNotContainAnyElementsOf(blueprintTasks);
  }

  // ---- safety and idempotence ----

  @Test
  void noFilterQueryHoldsAnExpression() throws Exception {
    List<Filter> all = filterService.createTaskFilterQuery().list();
    assertThat(all).isNotEmpty();
    for (Filter filter : all) {
      String query = ((FilterEntity) filter).getQueryInternal();
      assertThat(query).as(filter.getName()).doesNotContainIgnoringCase("expression").doesNotContain("${")
          .doesNotContain("#{");
    }
    String overdue = taskFilters.filter(key(MARKET, "overdue")).orElseThrow().getId();
    Http.Response stored = new Http(port).as("admin", ADMIN_PASSWORD).get("/engine-rest/filter/" + overdue);
    assertThat(stored.status()).isEqualTo(200);
    assertThat(json.readTree(stored.body()).at("/query/dueBefore").isMissingNode()).as("an absolute date").isFalse();
    assertThat(stored.body()).doesNotContainIgnoringCase("expression");
  }

  @Test
  void provisioningAgainChangesNoFilterAndRepairsDuplicatesAndLeftovers() {
    long filters = filterService.createFilterQuery().count();
    long grants = authorizations.createAuthorizationQuery().resourceType(Resources.FILTER).count();
    TaskFilters.Result again = taskFilters.provision();
    assertThat(again.created()).isZero();
    assertThat(again.deleted()).isZero();
    assertThat(again.updated()).as("only the time-relative ones move with the clock")
        .isLessThanOrEqualTo((int) taskFilters.specs().stream().filter(FilterSpec::timeRelative).count());
    assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);
    assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.FILTER).count()).isEqualTo(grants);

    filterService.saveFilter(filterService.newTaskFilter("本单位待办")
        .setQuery(tasks.createTaskQuery()).setProperties(new LinkedHashMap<>(Map.of(KEY_PROPERTY, key(MARKET, "inbox")))));
    Filter leftover = filterService.saveFilter(filterService.newTaskFilter("本单位待办")
        .setQuery(tasks.createTaskQuery()).setProperties(new LinkedHashMap<>(Map.of(KEY_PROPERTY, "zhangqiu_gone:inbox"))));
    Filter usersOwn = filterService.saveFilter(filterService.newTaskFilter("我的任务").setQuery(tasks.createTaskQuery()));
    try {
      TaskFilters.Result repaired = taskFilters.provision();
      assertThat(repaired.deleted()).isEqualTo(2);
      assertThat(repaired.created()).isZero();
      assertThat(filterService.getFilter(leftover.getId())).isNull();
      assertThat(taskFilters.managed().stream().filter(f -> key(MARKET, "inbox").equals(TaskFilters.keyOf(f))))
          .hasSize(1);
      assertThat(filterService.getFilter(usersOwn.getId())).as("filters without the key are not ours").isNotNull();
      assertThat(filterService.createFilterQuery().count()).isEqualTo(filters + 1);
      assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.FILTER).count()).isEqualTo(grants);
    } finally {
      filterService.deleteFilter(usersOwn.getId());
    }
  }

  // ---- helpers ----

  ProcessInstance startCase() {
    return runtime.createProcessInstanceByKey("zq001").processDefinitionTenantId("zhangqiu")
        .setVariables(Map.of("township", "mingshui", "caseSubject", "某养殖场", "caseDescription", "春季防疫"))
        .execute();
  }

  void moveClockTo(Date due, Duration offset) {
    ClockUtil.setCurrentTime(new Date(due.getTime() + offset.toMillis()));
    taskFilters.refreshDueDates();
  }

  Http rest(String user) {
    return new Http(port).as(user, DEMO_PASSWORD);
  }

  JsonNode filtersOf(String user) throws Exception {
    Http.Response response = rest(user).get("/engine-rest/filter?resourceType=Task");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return json.readTree(response.body());
  }

  /** The keys of the platform's filters the user sees; other filters can only be the old all-users one. */
  Set<String> visibleKeys(String user) throws Exception {
    Set<String> keys = new java.util.HashSet<>();
    for (JsonNode filter : filtersOf(user)) {
      JsonNode key = filter.at("/properties/" + KEY_PROPERTY);
      if (key.isMissingNode()) {
        assertThat(filter.get("name").asText()).as("a filter " + user + " sees").isEqualTo(LEGACY_INBOX);
      } else {
        keys.add(key.asText());
      }
    }
    return keys;
  }

  /** The ids of the tasks a filter lists for a user, through the REST API as Tasklist calls it. */
  List<String> list(String user, String filterKey) throws Exception {
    String id = taskFilters.filter(filterKey).orElseThrow().getId();
    Http.Response response = rest(user).postJson("/engine-rest/filter/" + id + "/list", "{}");
    assertThat(response.status()).as(user + " lists " + filterKey + ": " + response).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    json.readTree(response.body()).forEach(t -> ids.add(t.get("id").asText()));
    return ids;
  }
}
