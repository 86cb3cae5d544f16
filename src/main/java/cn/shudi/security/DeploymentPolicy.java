package cn.shudi.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

import cn.shudi.reliability.RequestRefusedException;

/**
 * What any deployment may hold, whoever deploys (an analyst from Camunda Modeler, governance, the platform at
 * start-up): BPMN files ({@link BpmnRules}) and Camunda Forms ({@link FormRules}), nothing else, each within
 * the size caps. Runs before Camunda parses or stores anything, so a refused deployment leaves no row behind;
 * the refusal names every file, element and rule at once, in Chinese (answered 400). A stored deployment the
 * engine loads again (after a restart, one model at a time) meets the same content rules, so a model deployed
 * before a rule existed does not run past it; the size caps are for new deployments.
 */
class DeploymentPolicy implements Deployer {

  private static final List<String> BPMN_SUFFIXES = List.of(".bpmn", ".bpmn20.xml");
  private static final String FORM_SUFFIX = ".form";

  private final BpmnRules bpmn;
  private final FormRules forms = new FormRules();
  private final SecurityProperties.Deployments limits;

  DeploymentPolicy(ExpressionPolicy expressions, SecurityProperties.Deployments limits) {
    this.bpmn = new BpmnRules(new ExpressionShapes(expressions));
    this.limits = limits;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    List<String> findings = new ArrayList<>();
    long total = 0;
    for (ResourceEntity resource : deployment.getResources().values()) {
      String name = resource.getName();
      byte[] bytes = resource.getBytes() == null ? new byte[0] : resource.getBytes();
      total += bytes.length;
      if (deployment.isNew() && bytes.length > limits.maxResourceBytes()) {
        findings.add(name + " 有 " + bytes.length + " 字节，超过单个文件上限 " + limits.maxResourceBytes() + " 字节");
      } else if (isBpmn(name)) {
        findings.addAll(bpmn.check(name, bytes));
      } else if (name.toLowerCase(Locale.ROOT).endsWith(FORM_SUFFIX)) {
        findings.addAll(forms.check(name, bytes));
      } else {
        findings.add(name + " 的类型不能部署：只接受 BPMN 流程（.bpmn）和 Camunda 表单（.form）");
      }
    }
    long cap = byUser() ? limits.maxBytes() : limits.maxStartupBytes();
    if (deployment.isNew() && total > cap) {
      findings.add("部署共 " + total + " 字节，超过上限 " + cap + " 字节");
    }
    if (!findings.isEmpty()) {
      throw new RequestRefusedException("部署被拒绝（部署规则见 docs/security.md）：" + String.join("；", findings));
    }
  }

  private static boolean isBpmn(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return BPMN_SUFFIXES.stream().anyMatch(lower::endsWith);
  }

  /** A person deploys (REST, Modeler, a task's listener); the platform's start-up deployment has no user. */
  private static boolean byUser() {
    Authentication user = Context.getCommandContext().getAuthentication();
    return user != null && user.getUserId() != null;
  }
}
