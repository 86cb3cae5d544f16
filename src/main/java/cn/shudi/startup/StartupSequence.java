package cn.shudi.startup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.shudi.blueprint.BlueprintDeployment;
import cn.shudi.governance.ListGovernance;
import cn.shudi.intake.IntakeEvidence;
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
 * <li><b>intake evidence</b>: the confirmed dispatches replayed into the suggestion ({@link IntakeEvidence#replay});</li>
 * <li><b>Cockpit indexes</b>, when the application is ready ({@link #whenReady}).</li>
 * </ol>
 *
 * <p>Why an ordered runner at bean creation ({@link InitializingBean}): it runs while the context creates its
 * singletons, before the context starts its lifecycles, so before the web server opens its port (its lifecycle, at
 * the end of the refresh) and before the job executor starts (on {@link ApplicationReadyEvent}): no request and no
 * job meets a half-started platform. A failing step fails the context like a bad bean, before anything else is
 * started (StartupFailureTest), and the context gives back the cluster's start-up lock when it closes. Being a
 * component of the application, it is created before the auto-configured beans (the Camunda webapp's among them),
 * as the marker beans it replaces were. A {@code SmartLifecycle} of an early phase was tried: it runs after every
 * singleton exists, and a start-up that fails there leaves the Camunda webapp's filters holding (in a static) a
 * context that is never closed, so the next application in the same JVM (the test suite) cannot start its web
 * server. Camunda's {@code PostDeployEvent} is sent only for a process application, which this platform is not;
 * an {@code ApplicationRunner} runs after the web server answers. The indexes are the exception, as before: they
 * are made once the application is ready, so the web server already answers while a large history table is
 * indexed; on PostgreSQL the start-up lock is given back only after them.
 */
@Component
class StartupSequence implements InitializingBean {

  private static final Logger LOG = LoggerFactory.getLogger(StartupSequence.class);

  private final Organization organization;
  private final OrganizationProperties organizationProperties;
  private final OrganizationProvisioner provisioner;
  private final ListGovernance lists;
  private final BlueprintDeployment blueprints;
  private final TaskFilters filters;
  private final IntakeEvidence evidence;
  private final ObjectProvider<MonitoringIndexes> indexes;
  private final TransactionTemplate transaction;

  StartupSequence(Organization organization, OrganizationProperties organizationProperties,
      OrganizationProvisioner provisioner, ListGovernance lists, BlueprintDeployment blueprints, TaskFilters filters,
      IntakeEvidence evidence, ObjectProvider<MonitoringIndexes> indexes, PlatformTransactionManager transactions) {
    this.organization = organization;
    this.organizationProperties = organizationProperties;
    this.provisioner = provisioner;
    this.lists = lists;
    this.blueprints = blueprints;
    this.filters = filters;
    this.evidence = evidence;
    this.indexes = indexes;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Override
  public void afterPropertiesSet() {
    long began = System.nanoTime();
    transaction.executeWithoutResult(status -> provisioner.provisionAtStartup(organization, organizationProperties));
    transaction.executeWithoutResult(status -> lists.synchronise());
    blueprints.deployAtStartup(organization, lists::generatedItems);
    transaction.executeWithoutResult(status -> lists.deployGenerated());
    transaction.executeWithoutResult(status -> filters.provision());
    evidence.replay(organization);
    LOG.info("启动步骤已完成：组织机构、清单、施工图、Tasklist 筛选器、研判建议（{} ms）", (System.nanoTime() - began) / 1_000_000);
  }

  /** The last step, once the application is ready: the Cockpit indexes (unless switched off). */
  @EventListener(ApplicationReadyEvent.class)
  void whenReady() {
    indexes.ifAvailable(MonitoringIndexes::ensure);
  }
}
