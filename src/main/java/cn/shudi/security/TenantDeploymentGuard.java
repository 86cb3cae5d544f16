package cn.shudi.security;

import java.util.List;

import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

import cn.shudi.reliability.RequestRefusedException;

/**
 * Puts a deployment made by a user into that user's jurisdiction: Camunda Modeler sends no tenant,
 * and a blueprint without a tenant would be visible to every county. A user of one county cannot
 * deploy into another. Start-up deployments (no user) and admins are left alone.
 */
class TenantDeploymentGuard implements Deployer {

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return; // a stored deployment loaded again: its county was settled when it was made
    }
    Authentication user = Context.getCommandContext().getAuthentication();
    if (user == null || user.getUserId() == null) {
      return;
    }
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    if (groups.contains(Groups.CAMUNDA_ADMIN)) {
      return;
    }
    List<String> tenants = user.getTenantIds() == null ? List.of() : user.getTenantIds();
    String tenant = deployment.getTenantId();
    if (tenant == null) {
      if (tenants.size() != 1) {
        throw new RequestRefusedException("部署被拒绝：用户「" + user.getUserId() + "」属于 " + tenants.size()
            + " 个辖区，请用 tenant-id 指明部署到哪个辖区");
      }
      tenant = tenants.get(0);
      deployment.setTenantId(tenant);
      for (ResourceEntity resource : deployment.getResources().values()) {
        resource.setTenantId(tenant);
      }
    } else if (!tenants.contains(tenant)) {
      throw new RequestRefusedException("部署被拒绝：用户「" + user.getUserId() + "」不属于辖区「" + tenant + "」");
    }
  }
}
