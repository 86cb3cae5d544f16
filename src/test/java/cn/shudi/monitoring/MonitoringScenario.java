package cn.shudi.monitoring;

import static cn.shudi.support.EngineClock.at;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.catalog.CaseFact;
import cn.shudi.support.CaseDriver;
import cn.shudi.call.CallProcess;
import cn.shudi.call.SupervisionProcess;
import cn.shudi.support.EngineClock;

/**
 * A small fixed data set made of real cases of the generated blueprint ZQ001 (动物疫病防控和重大动物疫情处置:
 * 区农业农村局 primary, 镇街 and 区公安分局 cooperating), two calls and one Yunxi case, driven by the demo
 * users with authorization checks on and the engine clock moved so that durations and overdue tasks
 * are known exactly.
 *
 * <pre>
 * T0 = Monday 2 March 2026, 09:00 (Asia/Shanghai)
 * T0        cases A B C D E of zq001 (township 明水街道) where 发生疫情 holds, each with 监测排查
 *           (zq001_agriculture_2, 24小时), 组织免疫 (zq001_township_1) and 维护秩序 (zq001_police_1, 24小时) open;
 *           calls 1 (→ 区农业农村局) and 2 (→ 区公安分局) about ZQ001 (呼叫响应时限 2小时), each dispatched at once to
 *           the department called (研判派单); case Y of yx001 in Yunxi
 * T0+2h     A 维护秩序 completed      T0+4h  B    T0+6h  C    T0+20h  D
 * T0+8h     B 监测排查 completed      T0+10h C    T0+12h D    T0+14h  E  → 疫情处置 (zq001_agriculture_3, 3日)
 * T0+30h    A 监测排查 completed (late) → A 疫情处置 (due T0+102h)
 * NOW=T0+72h E's due jobs run: 维护秩序 (due T0+24h) is supervised (督办, overdueGroup zhangqiu_police);
 *           the command centre completes 督办超期事项 at once, choosing 需提请联席会议协调 → 联席会议 opens
 * </pre>
 */
final class MonitoringScenario {

  static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 2, 9, 0);
  static final LocalDateTime NOW = T0.plusHours(72);
  static final String ZHANGQIU = "zhangqiu";
  static final String YUNXI = "yunxi";
  static final ItemProcess.Ids ZQ001 = ItemProcess.ids("ZQ001");
  static final String ITEM = ZQ001.key();
  static final ItemProcess.Element POLICE_1 = ZQ001.step("police", 1);
  /** 监测排查, the agriculture bureau's first task (its first duty, 制定免疫计划, is routine work outside a case). */
  static final ItemProcess.Element MONITORING = ZQ001.step("agriculture", 2);
  /** 疫情处置, after 监测排查 when 发生疫情 holds. */
  static final ItemProcess.Element OUTBREAK_RESPONSE = ZQ001.step("agriculture", 3);
  static final ItemProcess.Element TOWNSHIP_1 = ZQ001.step(ItemProcess.TOWNSHIP_UNIT, 1);
  static final long HOUR = 3_600_000L;

  final List<String> cases = new ArrayList<>();
  final List<String> calls = new ArrayList<>();
  String yunxiCase;

  static Date now() {
    return at(NOW);
  }

  /** Runs the scenario; leaves the engine clock at NOW (the caller resets it). */
  static MonitoringScenario run(ProcessEngine engine) {
    MonitoringScenario scenario = new MonitoringScenario();
    CaseDriver driver = new CaseDriver(engine);
    IdentityService identity = engine.getIdentityService();
    RuntimeService runtime = engine.getRuntimeService();

    EngineClock.set(T0);
    identity.setAuthentication("zhangqiu_mingshui_grid", List.of("zhangqiu_mingshui", "zhangqiu_grid_workers"),
        List.of(ZHANGQIU));
    try {
      for (int i = 0; i < 5; i++) {
        scenario.cases.add(runtime.createProcessInstanceByKey(ITEM).processDefinitionTenantId(ZHANGQIU)
            .setVariables(Map.of(CallProcess.TOWNSHIP.name(), "mingshui", "caseSubject", "养殖场 " + (char) ('A' + i),
                "caseDescription", "疑似动物疫病", CaseFact.OUTBREAK.variable(), true))
            .execute().getId());
      }
    } finally {
      identity.clearAuthentication();
    }
    identity.setAuthentication("zhangqiu_mingshui_staff", List.of("zhangqiu_mingshui"), List.of(ZHANGQIU));
    try {
      for (String department : List.of("agriculture", "police")) {
        Map<String, Object> form = new HashMap<>();
        form.put(CallProcess.TOWNSHIP.name(), "mingshui");
        form.put(CallProcess.CALLED_DEPARTMENT.name(), department);
        form.put(CallProcess.CALL_ITEM_CODE.name(), "ZQ001");
        form.put(CallProcess.CALL_PROBLEM.name(), "养殖场疑似疫情，请求处置");
        form.put(CallProcess.CALL_PLACE.name(), "明水街道某村");
        form.put(CallProcess.CALL_URGENCY.name(), "urgent");
        ProcessInstance call = runtime.createProcessInstanceByKey(SharedProcesses.CALL)
            .processDefinitionTenantId(ZHANGQIU).setVariables(form).execute();
        scenario.calls.add(call.getId());
      }
    } finally {
      identity.clearAuthentication();
    }
    // the command centre sends each call to the department the township called, with no cooperating department
    for (int i = 0; i < 2; i++) {
      driver.dispatchCall(ZHANGQIU, scenario.calls.get(i), Map.of(CallProcess.CALL_PRIMARY_DEPARTMENT.name(),
          List.of("区农业农村局", "区公安分局").get(i), CallProcess.CALL_COOPERATING_DEPARTMENTS.name(), ""));
    }
    identity.setAuthentication("yunxi_chengguan_grid", List.of("yunxi_chengguan", "yunxi_grid_workers"),
        List.of(YUNXI));
    try {
      scenario.yunxiCase = runtime.createProcessInstanceByKey("yx001").processDefinitionTenantId(YUNXI)
          .setVariables(Map.of(CallProcess.TOWNSHIP.name(), "chengguan", "caseSubject", "某企业", "caseDescription", "排污"))
          .execute().getId();
    } finally {
      identity.clearAuthentication();
    }

    // hour, case (A = 0), step: in the engine clock's order
    Object[][] completions = {{2, 0, POLICE_1}, {4, 1, POLICE_1}, {6, 2, POLICE_1}, {8, 1, MONITORING},
        {10, 2, MONITORING}, {12, 3, MONITORING}, {14, 4, MONITORING}, {20, 3, POLICE_1}, {30, 0, MONITORING}};
    for (Object[] completion : completions) {
      EngineClock.set(T0.plusHours((Integer) completion[0]));
      driver.completeAsStaff(task(engine, scenario.cases.get((Integer) completion[1]),
          ((ItemProcess.Element) completion[2]).id()), CaseDriver.FORM_VALUES);
    }

    EngineClock.set(NOW);
    String e = scenario.cases.get(4);
    driver.runDueJobs(e);
    Task supervision = driver.openTasks(e).stream()
        .filter(t -> t.getTaskDefinitionKey().equals(SupervisionProcess.Element.TASK.id())).findFirst()
        .orElseThrow(() -> new AssertionError("E's overdue step was not supervised"));
    // the dispatcher puts it before the joint meeting
    Map<String, Object> escalate = new HashMap<>(CaseDriver.FORM_VALUES);
    escalate.put(SupervisionProcess.SUPERVISION_OUTCOME.name(), SupervisionProcess.ESCALATE);
    driver.completeAsStaff(supervision, escalate);
    return scenario;
  }

  static Task task(ProcessEngine engine, String processInstanceId, String key) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(key).singleResult();
    if (task == null) {
      throw new AssertionError("no open task " + key + " in " + processInstanceId);
    }
    return task;
  }
}
