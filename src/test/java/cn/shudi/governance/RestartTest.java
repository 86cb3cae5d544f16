package cn.shudi.governance;

import static cn.shudi.governance.GovernanceProcess.ITEM_CODE;
import static cn.shudi.governance.GovernanceProcess.PRIMARY_UNIT;
import static cn.shudi.governance.GovernanceProcess.REASONS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.ShudiApplication;
import cn.shudi.blueprint.BlueprintDeployment;
import cn.shudi.catalog.Catalogs;
import cn.shudi.support.CaseDriver;
import cn.shudi.support.EngineClock;

/**
 * Restarts on one database file: what governance approved is in force again after a restart — the list from the
 * database, and the items' generated blueprints, which the start-up deployment of the shipped files (deployed
 * again because a shared process changed) leaves in front: it leaves the generated items out, so no blueprint is
 * deployed from its file and generated both; and once analysts commit the exported list, the shipped file is in
 * force and nothing is stored or deployed twice.
 */
@Tag("own-application")
class RestartTest {

  static final ItemProcess.Ids ZQ008 = ItemProcess.ids("ZQ008");

  @TempDir
  Path dir;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  ConfigurableApplicationContext start(String... more) {
    List<String> args = new ArrayList<>(List.of(
        "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").resolve("shudi").toAbsolutePath()
            + ";DB_CLOSE_ON_EXIT=FALSE",
        "--server.port=0", "--shudi.governance.refresh-seconds=0", "--camunda.bpm.job-execution.enabled=false"));
    args.addAll(List.of(more));
    return new SpringApplicationBuilder(ShudiApplication.class).run(args.toArray(String[]::new));
  }

  static ProcessDefinition latest(ConfigurableApplicationContext context, String key) {
    return context.getBean(ProcessEngine.class).getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(key).tenantIdIn("zhangqiu").latestVersion().singleResult();
  }

  static String source(ConfigurableApplicationContext context, ProcessDefinition definition) {
    RepositoryService repository = context.getBean(ProcessEngine.class).getRepositoryService();
    return repository.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult().getSource();
  }

  @Test
  void whatWasApprovedIsInForceAfterARestart() throws IOException {
    String admitted;
    String exported;
    try (ConfigurableApplicationContext first = start()) {
      EngineClock.set(GovernanceTestBase.MONDAY_MORNING);
      GovernanceDriver driver = new GovernanceDriver(first.getBean(ProcessEngine.class));
      // ZQ008 兽药和饲料经营使用监管: 区农业农村局 → 区市场监管局
      Map<String, Object> form = new HashMap<>(Map.of(ITEM_CODE.name(), "ZQ008", PRIMARY_UNIT.name(), "区市场监管局",
          REASONS.name(), "饲料经营监管职责划入市场监管部门"));
      driver.approveAll(driver.propose(GovernanceDriver.ADJUSTMENT, "zhangqiu_agriculture", form));
      ProcessInstance admission = driver.propose(GovernanceDriver.ADMISSION, "zhangqiu_culture",
          GovernanceDriver.newItem("A级旅游景区安全监督管理"));
      driver.approveAll(admission);
      admitted = first.getBean(Catalogs.class).of("zhangqiu").items().stream()
          .filter(i -> i.name().equals("A级旅游景区安全监督管理")).findFirst().orElseThrow().code();
      ListGovernance lists = first.getBean(ListGovernance.class);
      assertThat(lists.versions("zhangqiu")).hasSize(3);
      exported = lists.current("zhangqiu").csv();
    }
    ClockUtil.reset();

    // the shipped files change (a shared process is edited), so the start-up deployment redeploys every shipped
    // blueprint, ZQ008 with 区农业农村局 included
    Path processes = copy(Path.of("processes"), dir.resolve("processes"));
    Path supervision = processes.resolve("shared/shared_supervision.bpmn");
    Files.writeString(supervision, Files.readString(supervision, StandardCharsets.UTF_8) + "<!-- 已修订 -->\n",
        StandardCharsets.UTF_8);
    String zq008InForce;
    long governanceDeployments;
    try (ConfigurableApplicationContext second = start("--shudi.blueprint.processes=" + processes.toUri())) {
      Catalogs catalogs = second.getBean(Catalogs.class);
      ListGovernance lists = second.getBean(ListGovernance.class);
      assertThat(lists.versions("zhangqiu")).as("a restart stores nothing").hasSize(3);
      assertThat(lists.servedVersion("zhangqiu")).isEqualTo(3);
      assertThat(catalogs.of("zhangqiu").version()).isEqualTo("2024.3");
      assertThat(catalogs.of("zhangqiu").item("ZQ008").orElseThrow().primary().party().name()).isEqualTo("区市场监管局");
      assertThat(catalogs.of("zhangqiu").item(admitted)).isPresent();

      RepositoryService repository = second.getBean(ProcessEngine.class).getRepositoryService();
      assertThat(repository.createDeploymentQuery().deploymentName(BlueprintDeployment.deploymentName(
          second.getBean(cn.shudi.organization.Organization.class).jurisdiction("zhangqiu"))).count())
          .as("the shipped blueprints were deployed again").isEqualTo(2);
      ProcessDefinition zq008 = latest(second, "zq008");
      assertThat(source(second, zq008)).isEqualTo(BlueprintPublisher.SOURCE);
      zq008InForce = zq008.getId();
      governanceDeployments = repository.createDeploymentQuery().deploymentSource(BlueprintPublisher.SOURCE).count();
      assertThat(governanceDeployments).as("two approvals, nothing deployed twice").isEqualTo(2);
      ProcessDefinition newItem = latest(second, admitted.toLowerCase());
      assertThat(newItem.getVersion()).as("unchanged: not deployed again").isEqualTo(1);

      CaseDriver cases = new CaseDriver(second.getBean(ProcessEngine.class));
      ProcessInstance instance = cases.start("zq008", "zhangqiu", "mingshui", Map.of());
      assertThat(instance.getProcessDefinitionId()).isEqualTo(zq008.getId());
      assertThat(cases.openTasks(instance.getId())).extracting(t -> CaseDriver.stepOf(t.getTaskDefinitionKey()))
          .contains(ZQ008.step("market", 1).id()) // its 检查 pattern's first task
          .noneMatch(k -> ZQ008.unitOf(k).filter("agriculture"::equals).isPresent());
      ProcessInstance admittedCase = cases.start(admitted.toLowerCase(), "zhangqiu", "mingshui", Map.of());
      assertThat(cases.openTasks(admittedCase.getId())).hasSize(3);
    }

    // analysts commit the exported list: the shipped file is the version in force, nothing is stored again
    Path jurisdictions = copy(Path.of("jurisdictions"), dir.resolve("jurisdictions"));
    Files.writeString(jurisdictions.resolve("zhangqiu/catalog.csv"), exported, StandardCharsets.UTF_8);
    try (ConfigurableApplicationContext third = start("--shudi.blueprint.processes=" + processes.toUri(),
        "--shudi.organization.location=" + jurisdictions.toUri())) {
      ListGovernance lists = third.getBean(ListGovernance.class);
      assertThat(lists.versions("zhangqiu")).hasSize(3);
      assertThat(lists.servedVersion("zhangqiu")).isEqualTo(3);
      assertThat(third.getBean(Catalogs.class).of("zhangqiu").item(admitted)).isPresent();
      assertThat(latest(third, "zq008").getId()).as("nothing deployed again").isEqualTo(zq008InForce);
      assertThat(third.getBean(ProcessEngine.class).getRepositoryService().createDeploymentQuery()
          .deploymentSource(BlueprintPublisher.SOURCE).count()).isEqualTo(governanceDeployments);
    }
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return to;
  }
}
