package cn.shudi.redteam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.impl.el.ElProviderCompatible;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

import cn.shudi.security.AttackCanary;
import cn.shudi.support.Http;

/**
 * Models an analyst deploys from Camunda Modeler (issue 12, findings 3 and 4): every BPMN place that holds an
 * expression carrying a command, an escalation to administrator or a reach for the database; Java classes,
 * scripts, external tasks and connectors; embedded and external HTML forms; resources other than BPMN and
 * Camunda Forms; files and deployments over the size caps. Each is refused with the file, the element and the
 * rule in Chinese, and leaves no deployment and no definition. Behind the deployment policy, the engine's
 * sandbox refuses the same expressions when they run, which is shown on a running case.
 */
interface ModelProbes extends RedTeamTarget {

  AtomicInteger KEYS = new AtomicInteger();

  AttackCanary canary();

  /** A place in a model that holds a payload ({@code %s}): in the task {@code rt_bad}, its outgoing flow, or a root element. */
  record Place(String name, String element, String flow, String roots, String elementId) {
    static Place of(String name, String element) {
      return new Place(name, element, "", "", "rt_bad");
    }
  }

  static String model(String key, String element, String flow, String roots) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bpmn:definitions "
        + "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" "
        + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" id=\"rt_definitions\" "
        + "targetNamespace=\"http://shudi.cn/redteam\">" + roots
        + "<bpmn:process id=\"" + key + "\" name=\"红队测试\" isExecutable=\"true\" camunda:historyTimeToLive=\"30\">"
        + "<bpmn:startEvent id=\"rt_start\"/><bpmn:sequenceFlow id=\"rt_in\" sourceRef=\"rt_start\" targetRef=\"rt_bad\"/>"
        + element + "<bpmn:sequenceFlow id=\"rt_out\" sourceRef=\"rt_bad\" targetRef=\"rt_end\">" + flow
        + "</bpmn:sequenceFlow><bpmn:endEvent id=\"rt_end\"/></bpmn:process></bpmn:definitions>";
  }

  static List<Place> expressionPlaces() {
    String io = "<bpmn:task id=\"rt_bad\"><bpmn:extensionElements><camunda:inputOutput>%s</camunda:inputOutput>"
        + "</bpmn:extensionElements></bpmn:task>";
    String call = "<bpmn:callActivity id=\"rt_bad\" calledElement=\"shared_evaluation\"><bpmn:extensionElements>%s"
        + "</bpmn:extensionElements></bpmn:callActivity>";
    String timer = "<bpmn:intermediateCatchEvent id=\"rt_bad\"><bpmn:timerEventDefinition><bpmn:%1$s>%%s</bpmn:%1$s>"
        + "</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>";
    List<Place> places = new ArrayList<>(List.of(
        Place.of("service task expression", "<bpmn:serviceTask id=\"rt_bad\" camunda:expression=\"%s\"/>"),
        Place.of("service task delegate", "<bpmn:serviceTask id=\"rt_bad\" camunda:delegateExpression=\"%s\"/>"),
        Place.of("execution listener", "<bpmn:task id=\"rt_bad\"><bpmn:extensionElements><camunda:executionListener "
            + "event=\"start\" expression=\"%s\"/></bpmn:extensionElements></bpmn:task>"),
        Place.of("execution listener delegate", "<bpmn:task id=\"rt_bad\"><bpmn:extensionElements>"
            + "<camunda:executionListener event=\"start\" delegateExpression=\"%s\"/></bpmn:extensionElements></bpmn:task>"),
        Place.of("task listener", "<bpmn:userTask id=\"rt_bad\"><bpmn:extensionElements><camunda:taskListener "
            + "event=\"create\" expression=\"%s\"/></bpmn:extensionElements></bpmn:userTask>"),
        Place.of("task listener delegate", "<bpmn:userTask id=\"rt_bad\"><bpmn:extensionElements><camunda:taskListener "
            + "event=\"complete\" delegateExpression=\"%s\"/></bpmn:extensionElements></bpmn:userTask>"),
        Place.of("input parameter", io.formatted("<camunda:inputParameter name=\"x\">%s</camunda:inputParameter>")),
        Place.of("output parameter", io.formatted("<camunda:outputParameter name=\"x\">%s</camunda:outputParameter>")),
        Place.of("input list", io.formatted("<camunda:inputParameter name=\"x\"><camunda:list><camunda:value>%s"
            + "</camunda:value></camunda:list></camunda:inputParameter>")),
        Place.of("input map key", io.formatted("<camunda:inputParameter name=\"x\"><camunda:map><camunda:entry "
            + "key=\"%s\">v</camunda:entry></camunda:map></camunda:inputParameter>")),
        Place.of("assignee", "<bpmn:userTask id=\"rt_bad\" camunda:assignee=\"%s\"/>"),
        Place.of("candidate groups", "<bpmn:userTask id=\"rt_bad\" camunda:candidateGroups=\"%s\"/>"),
        Place.of("candidate users", "<bpmn:userTask id=\"rt_bad\" camunda:candidateUsers=\"%s\"/>"),
        Place.of("due date", "<bpmn:userTask id=\"rt_bad\" camunda:dueDate=\"%s\"/>"),
        Place.of("follow-up date", "<bpmn:userTask id=\"rt_bad\" camunda:followUpDate=\"%s\"/>"),
        Place.of("priority", "<bpmn:userTask id=\"rt_bad\" camunda:priority=\"%s\"/>"),
        Place.of("form version", "<bpmn:userTask id=\"rt_bad\" camunda:formRef=\"duty-step\" "
            + "camunda:formRefBinding=\"version\" camunda:formRefVersion=\"%s\"/>"),
        Place.of("potential owner", "<bpmn:userTask id=\"rt_bad\"><bpmn:potentialOwner><bpmn:resourceAssignmentExpression>"
            + "<bpmn:formalExpression>%s</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:potentialOwner>"
            + "</bpmn:userTask>"),
        Place.of("multi-instance collection", "<bpmn:task id=\"rt_bad\"><bpmn:multiInstanceLoopCharacteristics "
            + "camunda:collection=\"%s\" camunda:elementVariable=\"x\"/></bpmn:task>"),
        Place.of("loop cardinality", "<bpmn:task id=\"rt_bad\"><bpmn:multiInstanceLoopCharacteristics>"
            + "<bpmn:loopCardinality>%s</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:task>"),
        Place.of("completion condition", "<bpmn:task id=\"rt_bad\"><bpmn:multiInstanceLoopCharacteristics>"
            + "<bpmn:loopCardinality>2</bpmn:loopCardinality><bpmn:completionCondition>%s</bpmn:completionCondition>"
            + "</bpmn:multiInstanceLoopCharacteristics></bpmn:task>"),
        Place.of("called element", "<bpmn:callActivity id=\"rt_bad\" calledElement=\"%s\"/>"),
        Place.of("called element version", "<bpmn:callActivity id=\"rt_bad\" calledElement=\"shared_evaluation\" "
            + "camunda:calledElementBinding=\"version\" camunda:calledElementVersion=\"%s\"/>"),
        Place.of("in mapping", call.formatted("<camunda:in sourceExpression=\"%s\" target=\"x\"/>")),
        Place.of("out mapping", call.formatted("<camunda:out sourceExpression=\"%s\" target=\"x\"/>")),
        Place.of("business key", call.formatted("<camunda:in businessKey=\"%s\"/>")),
        Place.of("job priority", "<bpmn:serviceTask id=\"rt_bad\" camunda:asyncBefore=\"true\" camunda:jobPriority=\"%s\" "
            + "camunda:expression=\"${true}\"/>"),
        Place.of("retry cycle", "<bpmn:serviceTask id=\"rt_bad\" camunda:asyncBefore=\"true\" camunda:expression=\"${true}\">"
            + "<bpmn:extensionElements><camunda:failedJobRetryTimeCycle>%s</camunda:failedJobRetryTimeCycle>"
            + "</bpmn:extensionElements></bpmn:serviceTask>"),
        Place.of("timer date", timer.formatted("timeDate")),
        Place.of("timer duration", timer.formatted("timeDuration")),
        Place.of("timer cycle", timer.formatted("timeCycle")),
        Place.of("conditional event", "<bpmn:intermediateCatchEvent id=\"rt_bad\"><bpmn:conditionalEventDefinition>"
            + "<bpmn:condition xsi:type=\"bpmn:tFormalExpression\">%s</bpmn:condition></bpmn:conditionalEventDefinition>"
            + "</bpmn:intermediateCatchEvent>")));
    places.add(new Place("sequence flow condition", "<bpmn:exclusiveGateway id=\"rt_bad\"/>",
        "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">%s</bpmn:conditionExpression>", "", "rt_out"));
    places.add(new Place("message name", "<bpmn:receiveTask id=\"rt_bad\" messageRef=\"rt_message\"/>", "",
        "<bpmn:message id=\"rt_message\" name=\"%s\"/>", "rt_message"));
    places.add(new Place("signal name", "<bpmn:intermediateCatchEvent id=\"rt_bad\"><bpmn:signalEventDefinition "
        + "signalRef=\"rt_signal\"/></bpmn:intermediateCatchEvent>", "", "<bpmn:signal id=\"rt_signal\" name=\"%s\"/>",
        "rt_signal"));
    return places;
  }

  /** Features a model may not use at all, each with the element it sits in and a word of the refusal. */
  static Map<String, String[]> refusedFeatures() {
    Map<String, String[]> features = new LinkedHashMap<>();
    features.put("Java class", new String[] {"<bpmn:serviceTask id=\"rt_bad\" camunda:class=\"java.lang.Object\"/>", "",
        "camunda:class"});
    features.put("Java class listener", new String[] {"<bpmn:task id=\"rt_bad\"><bpmn:extensionElements>"
        + "<camunda:executionListener event=\"start\" class=\"java.lang.Object\"/></bpmn:extensionElements></bpmn:task>",
        "", "Java 类"});
    features.put("external task", new String[] {"<bpmn:serviceTask id=\"rt_bad\" camunda:type=\"external\" "
        + "camunda:topic=\"x\"/>", "", "camunda:type"});
    features.put("connector", new String[] {"<bpmn:serviceTask id=\"rt_bad\"><bpmn:extensionElements><camunda:connector>"
        + "<camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements>"
        + "</bpmn:serviceTask>", "", "连接器"});
    features.put("script task", new String[] {"<bpmn:scriptTask id=\"rt_bad\" scriptFormat=\"groovy\"><bpmn:script>"
        + "'touch /tmp/x'.execute()</bpmn:script></bpmn:scriptTask>", "", "脚本任务"});
    features.put("script listener", new String[] {"<bpmn:task id=\"rt_bad\"><bpmn:extensionElements>"
        + "<camunda:executionListener event=\"start\"><camunda:script scriptFormat=\"javascript\">"
        + "java.lang.Runtime.getRuntime()</camunda:script></camunda:executionListener></bpmn:extensionElements>"
        + "</bpmn:task>", "", "脚本"});
    features.put("script mapping", new String[] {"<bpmn:task id=\"rt_bad\"><bpmn:extensionElements><camunda:inputOutput>"
        + "<camunda:inputParameter name=\"x\"><camunda:script scriptFormat=\"groovy\" resource=\"deployment://x.groovy\"/>"
        + "</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:task>", "", "脚本"});
    features.put("scripted condition", new String[] {"<bpmn:exclusiveGateway id=\"rt_bad\"/>",
        "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\" language=\"javascript\">true"
            + "</bpmn:conditionExpression>", "脚本语言"});
    features.put("embedded form", new String[] {"<bpmn:userTask id=\"rt_bad\" "
        + "camunda:formKey=\"embedded:deployment:rt.html\"/>", "", "formKey"});
    features.put("app form", new String[] {"<bpmn:userTask id=\"rt_bad\" camunda:formKey=\"embedded:app:forms/x.html\"/>",
        "", "formKey"});
    features.put("external form", new String[] {"<bpmn:startEvent id=\"rt_bad\" "
        + "camunda:formKey=\"https://evil.example/form.html\"/>", "", "formKey"});
    features.put("generated form", new String[] {"<bpmn:userTask id=\"rt_bad\"><bpmn:extensionElements><camunda:formData>"
        + "<camunda:formField id=\"x\" type=\"string\"/></camunda:formData></bpmn:extensionElements></bpmn:userTask>",
        "", "生成式表单"});
    features.put("decision", new String[] {"<bpmn:businessRuleTask id=\"rt_bad\" camunda:decisionRef=\"d\"/>", "", "DMN"});
    features.put("another county", new String[] {"<bpmn:callActivity id=\"rt_bad\" calledElement=\"yx001\" "
        + "camunda:calledElementTenantId=\"yunxi\"/>", "", "其他辖区"});
    features.put("field injection", new String[] {"<bpmn:serviceTask id=\"rt_bad\" camunda:delegateExpression="
        + "\"${caseOpening}\"><bpmn:extensionElements><camunda:field name=\"x\"><camunda:expression>${true}"
        + "</camunda:expression></camunda:field></bpmn:extensionElements></bpmn:serviceTask>", "", "camunda:field"});
    features.put("Spin function", new String[] {"<bpmn:serviceTask id=\"rt_bad\" "
        + "camunda:expression=\"${S('{}').mapTo('java.lang.Object')}\"/>", "", "函数"});
    features.put("unknown extension", new String[] {"<bpmn:userTask id=\"rt_bad\" camunda:somethingNew=\"x\"/>", "",
        "不在本平台允许"});
    return features;
  }

  /** Deploys, expects the refusal with every word given, and checks nothing was stored. */
  default void assertRefused(String what, Map<String, byte[]> files, String key, String... words) {
    String name = "rt-" + key;
    Http.Response response = deploy(ANALYST, name, files);
    assertThat(response.status()).as("%s: %s", what, response).isEqualTo(400);
    assertThat(RedTeamTarget.read(response).get("message").asText()).as(what).contains("部署被拒绝").contains(words);
    assertThat(deployments(name)).as("%s left a deployment", what).isZero();
    assertThat(definitions(key)).as("%s left a definition", what).isZero();
  }

  private static String key() {
    return "rt_model_" + KEYS.incrementAndGet();
  }

  @Test
  default void everyPlaceThatHoldsAnExpressionRefusesPayloads() {
    Path marker = RedTeamTarget.marker();
    List<String> payloads = new ArrayList<>(List.of(RedTeamTarget.command(marker), "${dataSource.getConnection()}",
        "${deadlines.getClass().getClassLoader()}", "${''.class}", "${caseOpening}", "#{processEngine.identityService}"));
    payloads.addAll(RedTeamTarget.escalations());
    for (Place place : expressionPlaces()) {
      for (String payload : payloads) {
        if (place.name().contains("delegate") && payload.equals("${caseOpening}")) {
          continue; // an allowed delegate: the one shape a delegate expression may have
        }
        String key = key();
        String bpmn = model(key, place.element().formatted(payload), place.flow().formatted(payload),
            place.roots().formatted(payload));
        assertThat(bpmn).as("%s carries its payload", place.name()).contains(payload);
        assertRefused(place.name() + " ← " + payload, Map.of(key + ".bpmn", RedTeamTarget.utf8(bpmn)), key,
            key + ".bpmn", place.elementId());
      }
    }
    assertNothingRan(marker);
  }

  @Test
  default void javaClassesScriptsAndForeignFeaturesAreRefused() {
    refusedFeatures().forEach((what, parts) -> {
      String key = key();
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put(key + ".bpmn", RedTeamTarget.utf8(model(key, parts[0], parts[1], "")));
      if (what.equals("embedded form")) {
        files.put("rt.html", RedTeamTarget.utf8("<script>fetch('/camunda/api/admin/user')</script>"));
      }
      assertRefused(what, files, key, key + ".bpmn", parts[2]);
    });
    String key = key();
    String clean = model(key, "<bpmn:task id=\"rt_bad\"/>", "", "");
    String doctype = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + clean.substring(clean.indexOf("?>") + 2).replace("红队测试", "&x;");
    assertRefused("DOCTYPE", Map.of(key + ".bpmn", RedTeamTarget.utf8(doctype)), key, "DOCTYPE");
  }

  @Test
  default void onlyBpmnAndCamundaFormsWithinTheCapsMayBeDeployed() {
    String dmn = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" "
        + "id=\"d\" name=\"d\" namespace=\"x\"><decision id=\"rt_decision\" name=\"d\"><decisionTable id=\"t\"><input id=\"i\">"
        + "<inputExpression id=\"e\" typeRef=\"string\" expressionLanguage=\"juel\"><text>${''.getClass()}</text>"
        + "</inputExpression></input><output id=\"o\" typeRef=\"string\"/></decisionTable></decision></definitions>";
    Map<String, String> foreign = new LinkedHashMap<>();
    foreign.put("rt.dmn", dmn);
    foreign.put("rt.cmmn", "<definitions/>");
    foreign.put("rt.html", "<script>alert(document.cookie)</script>");
    foreign.put("rt.htm", "<script>alert(1)</script>");
    foreign.put("rt.js", "alert(1)");
    foreign.put("rt.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");
    foreign.put("rt.groovy", "'touch /tmp/x'.execute()");
    foreign.put("rt.bpmn.html", "<script>alert(1)</script>");
    foreign.forEach((file, content) -> {
      String key = key();
      assertRefused(file, Map.of(file, RedTeamTarget.utf8(content)), key, file, "只接受 BPMN");
    });
    Map<String, String> forms = new LinkedHashMap<>();
    forms.put("HTML", "{\"id\":\"rt-form\",\"type\":\"default\",\"components\":[{\"id\":\"h\",\"type\":\"html\","
        + "\"content\":\"<img src=x onerror=alert(1)>\"}]}");
    forms.put("iframe", "{\"id\":\"rt-form\",\"type\":\"default\",\"components\":[{\"id\":\"f\",\"type\":\"iframe\","
        + "\"url\":\"https://evil.example\"}]}");
    forms.put("image", "{\"id\":\"rt-form\",\"type\":\"default\",\"components\":[{\"type\":\"group\",\"id\":\"g\","
        + "\"components\":[{\"id\":\"i\",\"type\":\"image\",\"source\":\"https://evil.example/x.png\"}]}]}");
    forms.put("not JSON", "{\"id\":\"rt-form\",");
    forms.put("duplicate key", "{\"id\":\"rt-form\",\"type\":\"default\",\"components\":[],\"components\":[{}]}");
    forms.forEach((what, form) -> {
      String key = key();
      assertRefused("form with " + what, Map.of("rt-" + key + ".form", RedTeamTarget.utf8(form)), key,
          "rt-" + key + ".form");
    });

    String key = key();
    String padded = model(key, "<bpmn:task id=\"rt_bad\"/>", "", "").replace("</bpmn:definitions>",
        "<!--" + "x".repeat(1_048_576) + "--></bpmn:definitions>");
    assertRefused("a file over 1 MB", Map.of(key + ".bpmn", RedTeamTarget.utf8(padded)), key, "超过单个文件上限");

    String many = key();
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      String fileKey = many + "_" + i;
      files.put(fileKey + ".bpmn", RedTeamTarget.utf8(model(fileKey, "<bpmn:task id=\"rt_bad\"/>", "", "")
          .replace("</bpmn:definitions>", "<!--" + "x".repeat(850_000) + "--></bpmn:definitions>")));
    }
    assertRefused("a deployment over 4 MB", files, many + "_0", "部署共", "超过上限");
    files.put("more.bpmn", RedTeamTarget.utf8("<!--" + "x".repeat(200_000) + "-->"));
    Http.Response tooBig = deploy(ANALYST, "rt-" + many, files);
    assertThat(tooBig.status()).as("a request over the deployment cap: %s", tooBig).isEqualTo(413);
    assertThat(deployments("rt-" + many)).isZero();
  }

  @Test
  default void theSameAnalystDeploysAModelOfTheAllowedShapes() {
    String key = key();
    String element = "<bpmn:userTask id=\"rt_bad\" name=\"排查隐患\" camunda:candidateGroups=\"${townshipGroup}\" "
        + "camunda:dueDate=\"${deadlines.after('5个工作日')}\"><bpmn:documentation>文档里的 ${''.getClass()} 不会求值"
        + "</bpmn:documentation><bpmn:extensionElements><camunda:taskListener event=\"complete\" "
        + "expression=\"${evaluations.record(task.execution)}\"/><camunda:inputOutput><camunda:inputParameter "
        + "name=\"x\">${execution.getVariable('caseSubject')}</camunda:inputParameter></camunda:inputOutput>"
        + "</bpmn:extensionElements></bpmn:userTask>";
    String bpmn = model(key, element, "", "").replace("<bpmn:startEvent id=\"rt_start\"/>",
        "<bpmn:startEvent id=\"rt_start\"><bpmn:extensionElements><camunda:executionListener event=\"start\" "
            + "delegateExpression=\"${caseOpening}\"/></bpmn:extensionElements></bpmn:startEvent>");
    Http.Response response = deploy(ANALYST, "rt-" + key, Map.of(key + ".bpmn", RedTeamTarget.utf8(bpmn)));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    String deploymentId = RedTeamTarget.read(response).get("id").asText();
    assertThat(engine().getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
        .singleResult().getTenantId()).as("Modeler sends no tenant: the analyst's county").isEqualTo("zhangqiu");
    engine().getRepositoryService().deleteDeployment(deploymentId, true);
  }

  @Test
  default void theEngineSandboxRefusesWhatAModelPastThePolicyWouldRun() {
    Path marker = RedTeamTarget.marker();
    canary().reset();
    String caseId = newCase();
    String taskId = engine().getTaskService().createTaskQuery().processInstanceId(caseId).list().get(0).getId();
    ExpressionManager expressions = configuration().getExpressionManager();

    List<String> payloads = new ArrayList<>(List.of(RedTeamTarget.command(marker), "${dataSource.getConnection()}",
        "${applicationContext.getBean('dataSource')}", "${''.class}", "${'x'.concat('y')}",
        "${caseOpening.getClass()}", "${deadlines.toString()}", "${deadlines['after']}",
        "${execution.setVariable('x', 1)}", "${execution.processEngine}", "${execution.bpmnModelInstance}",
        "${task.execution.processEngineServices}", "${S('{}')}", "${JSON('{}')}", "${now()}", "${currentUser()}",
        "${Mocks}", "${execution.getVariable('caseSubject').getClass()}", "${task.setAssignee('x')}"));
    payloads.addAll(RedTeamTarget.escalations());
    for (String payload : payloads) {
      for (boolean onTask : List.of(false, true)) {
        assertThatThrownBy(() -> configuration().getCommandExecutorTxRequired().execute(context -> {
          var scope = onTask ? context.getTaskManager().findTaskById(taskId)
              : context.getExecutionManager().findExecutionById(caseId);
          return expressions.createExpression(payload).getValue(scope);
        })).as("%s on the %s", payload, onTask ? "task" : "execution").isNotNull();
      }
      // a DMN expression (juel) goes through the same resolvers
      assertThatThrownBy(() -> configuration().getCommandExecutorTxRequired().execute(context ->
          ((ElProviderCompatible) expressions).toElProvider().createExpression(payload)
              .getValue(Variables.createVariables().asVariableContext()))).as("%s in DMN", payload).isNotNull();
    }
    assertNothingRan(marker);
    assertThat(engine().getTaskService().getVariable(taskId, "x")).as("nothing written").isNull();
    assertThat(engine().getTaskService().createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();

    // what models may do still works in the same scopes
    Object[] allowed = configuration().getCommandExecutorTxRequired().execute(context -> {
      ExecutionEntity execution = context.getExecutionManager().findExecutionById(caseId);
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      return new Object[] {expressions.createExpression("${attackCanary.fire('sandbox')}").getValue(execution),
          expressions.createExpression("${execution.getVariable('caseSubject')}").getValue(execution),
          expressions.createExpression("${task.execution.processInstanceId}").getValue(task),
          expressions.createExpression("${deadlines.after('1个工作日')}").getValue(execution),
          expressions.createExpression("${caseSubject == '某食品有限公司' && not empty caseSubject}").getValue(execution)};
    });
    assertThat(canary().fired()).containsExactly("sandbox");
    assertThat(allowed[1]).isEqualTo("某食品有限公司");
    assertThat(allowed[2]).isEqualTo(caseId);
    assertThat(allowed[3]).isInstanceOf(java.util.Date.class);
    assertThat(allowed[4]).isEqualTo(true);
    engine().getRuntimeService().deleteProcessInstance(caseId, "red team");
  }
}
