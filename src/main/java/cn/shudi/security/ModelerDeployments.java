package cn.shudi.security;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.repository.DeploymentBuilderImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * A blueprint deployed from Camunda Modeler keeps its forms and is deployed once. Modeler sends only the
 * {@code .bpmn} file, without a tenant, with {@code deploy-changed-only=true}; the blueprints bind their forms to
 * their own deployment ({@code camunda:formRefBinding="deployment"}). Before Camunda filters unchanged files, for a
 * user of one county (not an administrator):
 * <ul>
 * <li>the deployment is put in the user's county, so the filter compares the file with the county's earlier
 * deployment of the same name and source, and an unchanged file creates no new version (after the filter
 * {@link TenantDeploymentGuard} would be too late: the filter would look among deployments without a tenant);</li>
 * <li>the county's forms the process binds to its deployment (the newest version of each, as the platform
 * deployed them) are added, so the new version finds its forms in Tasklist;</li>
 * <li>once forms are added, a changed file deploys the whole set (not only the changed file), so the forms are
 * always in the deployment they are bound to.</li>
 * </ul>
 * The forms added are the county's own, already deployed, and still pass the {@link DeploymentPolicy}.
 */
class ModelerDeployments extends CommandInterceptor {

  private static final Field BUILDER = builderField();

  @Override
  public <T> T execute(Command<T> command) {
    CommandContext context = Context.getCommandContext();
    if (command instanceof DeployCmd deploy && context != null) {
      Authentication caller = context.getAuthentication();
      if (caller != null && caller.getUserId() != null && !isAdmin(caller)) {
        prepare(builder(deploy), caller, context);
      }
    }
    return next.execute(command);
  }

  private static void prepare(DeploymentBuilderImpl builder, Authentication caller, CommandContext context) {
    DeploymentEntity deployment = builder.getDeployment();
    List<String> tenants = caller.getTenantIds() == null ? List.of() : caller.getTenantIds();
    if (deployment.getTenantId() == null && tenants.size() == 1) {
      builder.tenantId(tenants.get(0));
    }
    String tenant = deployment.getTenantId();
    if (tenant == null || !tenants.contains(tenant) || deployment.getResources() == null) {
      return; // the guard refuses or settles it
    }
    Set<String> present = deployment.getResources().keySet();
    boolean added = false;
    for (String key : formsBound(deployment)) {
      CamundaFormDefinitionEntity form = context.runWithoutAuthorization(() -> context
          .getCamundaFormDefinitionManager().findLatestDefinitionByKeyAndTenantId(key, tenant));
      if (form == null || present.contains(form.getResourceName())) {
        continue; // no such form in the county (the start of the case will say so), or the analyst sent it
      }
      ResourceEntity resource = context.runWithoutAuthorization(() -> context.getResourceManager()
          .findResourceByDeploymentIdAndResourceName(form.getDeploymentId(), form.getResourceName()));
      if (resource != null) {
        builder.addInputStream(form.getResourceName(), new ByteArrayInputStream(resource.getBytes()));
        added = true;
      }
    }
    if (added && builder.isDuplicateFilterEnabled()) {
      builder.enableDuplicateFiltering(false); // a changed file deploys with its forms, or nothing is deployed
    }
  }

  /** The keys of the Camunda Forms the deployment's processes bind to their own deployment. */
  private static Set<String> formsBound(DeploymentEntity deployment) {
    Set<String> keys = new LinkedHashSet<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      String name = resource.getName().toLowerCase(Locale.ROOT);
      if (!(name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) || resource.getBytes() == null) {
        continue;
      }
      BpmnModelInstance model;
      try {
        model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
      } catch (RuntimeException e) {
        continue; // not a model: the deployment policy names what is wrong with it
      }
      for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
        bound(start.getCamundaFormRef(), start.getCamundaFormRefBinding(), keys);
      }
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        bound(task.getCamundaFormRef(), task.getCamundaFormRefBinding(), keys);
      }
    }
    return keys;
  }

  private static void bound(String key, String binding, Set<String> keys) {
    if (key != null && !key.isBlank() && !key.contains("$") && "deployment".equals(binding)) {
      keys.add(key);
    }
  }

  private static boolean isAdmin(Authentication caller) {
    return caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN);
  }

  private static DeploymentBuilderImpl builder(DeployCmd command) {
    try {
      return (DeploymentBuilderImpl) BUILDER.get(command);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Field builderField() {
    try {
      Field field = DeployCmd.class.getDeclaredField("deploymentBuilder");
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("Camunda 的 DeployCmd 没有 deploymentBuilder：请检查 Camunda 版本", e);
    }
  }
}
