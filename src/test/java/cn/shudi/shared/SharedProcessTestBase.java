package cn.shudi.shared;

import static cn.shudi.support.EngineClock.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;

import cn.shudi.evaluation.AppealProcess;
import cn.shudi.blueprint.ItemProcess;
import cn.shudi.call.SupervisionProcess;
import cn.shudi.call.CallProcess;
import cn.shudi.call.JointMeetingProcess;
import cn.shudi.support.OneCountyProcessTest;
import cn.shudi.support.ProcessTestBase;
import cn.shudi.support.ZhangqiuScenario;
import cn.shudi.support.EngineClock;

/**
 * The shared processes as the platform deploys them at start-up (one deployment per jurisdiction,
 * tenant {@code zhangqiu} here), driven by the demo staff of the groups the tasks name, with
 * authorization checks on. The engine clock starts on a Monday morning so working days are plain.
 */
@OneCountyProcessTest
abstract class SharedProcessTestBase extends ProcessTestBase implements ZhangqiuScenario {

  /** ZQ054 食品生产经营企业日常安全监管: 区市场监管局 primary, 镇街 cooperating (one department). */
  static final String ONE_DEPARTMENT_ITEM = "ZQ054";
  /** ZQ002 食用农产品生产环节质量安全监管: 区农业农村局 primary, 镇街 and 区市场监管局 cooperating. */
  static final String TWO_DEPARTMENT_ITEM = "ZQ002";

  @BeforeEach
  void startOnMondayMorning() {
    BpmnAwareTests.init(engine);
    EngineClock.set(MONDAY_MORNING);
  }

  /** The variables a blueprint passes to a shared process ({@code camunda:in variables="all"}). */
  static Map<String, Object> caseVariables(String itemCode, boolean severalDepartments) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(CallProcess.TOWNSHIP.name(), "mingshui");
    variables.put(CallProcess.TOWNSHIP_GROUP.name(), MINGSHUI);
    variables.put(JointMeetingProcess.COMMAND_CENTRE_GROUP.name(), COMMAND);
    variables.put(AppealProcess.JURISDICTION.name(), TENANT);
    variables.put(JointMeetingProcess.ITEM_CODE.name(), itemCode);
    variables.put(ItemProcess.SEVERAL_DEPARTMENTS.name(), severalDepartments);
    variables.put("caseSubject", "某食品有限公司");
    return variables;
  }

  ProcessInstance start(String key, Map<String, Object> variables) {
    return runtime.createProcessInstanceByKey(key).processDefinitionTenantId(TENANT).setVariables(variables)
        .execute();
  }

  /** Moves the engine clock and runs the instance's timers that are due then, as the job executor would. */
  int passTimeAndRunTimers(ProcessInstance instance, LocalDateTime now) {
    EngineClock.set(now);
    List<Job> due = management.createJobQuery().processInstanceId(instance.getId()).timers()
        .duedateLowerThan(at(now.plusSeconds(1))).list();
    for (Job job : due) {
      management.executeJob(job.getId());
    }
    return due.size();
  }


  void assertDeployedInEveryCounty(String key) {
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().list())
        .extracting(d -> d.getTenantId()).containsExactly("zhangqiu"); // the coverage context hosts one county;
    // every county's deployment is covered by BlueprintDeploymentTest
  }
}
