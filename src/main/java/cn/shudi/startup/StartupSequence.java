package cn.shudi.startup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.shudi.blueprint.BlueprintDeployment;
import cn.shudi.governance.ListGovernance;
import cn.shudi.monitoring.MonitoringIndexes;
import cn.shudi.organization.Organization;
import cn.shudi.organization.OrganizationProperties;
import cn.shudi.organization.OrganizationProvisioner;
import cn.shudi.tasklist.TaskFilters;

/**
 * What the platform does when it starts, in order, in one place. It sits on top of the features and calls each
 * one's public start-up step; data flows one way (list → catalog → blueprint → deployment → engine → webapps):
 * <ol>
 * <li><b>organization</b>: tenants, groups, grants and the demo logins, in one transaction (all of it lands, or
 * none);</li>
 * <li><b>list in force</b>: per county the newest stored version, or the shipped catalog.csv stored as the next
 * version when it is newer ({@link ListGovernance#synchronise}), in one transaction;</li>
 * <li><b>blueprint files</b>: each county's blueprints, shared processes and forms, one deployment per county, the
 * items whose blueprint is generated left out ({@link BlueprintDeployment#deployAtStartup});</li>
 * <li><b>generated blueprints</b>: those of admitted and adjusted items, when not in force
 * ({@link ListGovernance#deployGenerated}), in one transaction. With step 3, each blueprint comes from its file or
 * is generated, never both;</li>
 * <li><b>Tasklist filters</b> and their READ grants, in one transaction;</li>
 * <li><b>Cockpit indexes</b>, when the application is ready ({@link #whenReady}).</li>
 * </ol>
 *
 * <p>Why a {@link SmartLifecycle} in an early phase: its {@code start} runs once every bean exists (the engine
 * built, its tables created) and before any other lifecycle, above all before the web server's, which opens the
 * port in a late phase: no request reaches a half-started platform. The job executor starts later still, on
 * {@link ApplicationReadyEvent}. A failing step fails the context's refresh, which closes the context (and gives
 * back the cluster's start-up lock). Camunda's {@code PostDeployEvent} is sent only for a process application,
 * which this platform is not; an {@code ApplicationRunner} would run after the web server answers. The indexes are
 * the exception, as before: they are made once the application is ready, so the web server already answers while
 * a large history table is indexed; on PostgreSQL the start-up lock is given back only after them.
 */
@Component
class StartupSequence implements SmartLifecycle {

  /** Before every other lifecycle, the web server's included. */
  static final int PHASE = Integer.MIN_VALUE + 1000;

  private static final Logger LOG = LoggerFactory.getLogger(StartupSequence.class);

  private final Organization organization;
  private final OrganizationProperties organizationProperties;
  private final OrganizationProvisioner provisioner;
  private final ListGovernance lists;
  private final BlueprintDeployment blueprints;
  private final TaskFilters filters;
  private final ObjectProvider<MonitoringIndexes> indexes;
  private final TransactionTemplate transaction;
  private volatile boolean started;

  StartupSequence(Organization organization, OrganizationProperties organizationProperties,
      OrganizationProvisioner provisioner, ListGovernance lists, BlueprintDeployment blueprints, TaskFilters filters,
      ObjectProvider<MonitoringIndexes> indexes, PlatformTransactionManager transactions) {
    this.organization = organization;
    this.organizationProperties = organizationProperties;
    this.provisioner = provisioner;
    this.lists = lists;
    this.blueprints = blueprints;
    this.filters = filters;
    this.indexes = indexes;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Override
  public void start() {
    long began = System.nanoTime();
    transaction.executeWithoutResult(status -> provisioner.provisionAtStartup(organization, organizationProperties));
    transaction.executeWithoutResult(status -> lists.synchronise());
    blueprints.deployAtStartup(organization, lists::generatedItems);
    transaction.executeWithoutResult(status -> lists.deployGenerated());
    transaction.executeWithoutResult(status -> filters.provision());
    started = true;
    LOG.info("启动步骤已完成：组织机构、清单、施工图、Tasklist 筛选器（{} ms）", (System.nanoTime() - began) / 1_000_000);
  }

  /** The last step, once the application is ready: the Cockpit indexes (unless switched off). */
  @EventListener(ApplicationReadyEvent.class)
  void whenReady() {
    indexes.ifAvailable(MonitoringIndexes::ensure);
  }

  @Override
  public void stop() {
    started = false;
  }

  @Override
  public boolean isRunning() {
    return started;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
