package cn.shudi.security;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What a BPMN file may hold, checked on the XML as Camunda will read it (entities and character references
 * already resolved). Camunda's extensions are allowed by name, not refused by name: an extension element or
 * attribute this class does not know is refused, so a future Camunda feature does not slip through.
 *
 * <ul>
 * <li>No DOCTYPE (the carrier of external entities), no script task, no {@code bpmn:script}, no business
 * rule task (the platform deploys no DMN), no scripted condition.</li>
 * <li>No {@code camunda:class} (Java classes), no {@code camunda:formKey} (embedded or external HTML forms:
 * the platform's forms are Camunda Forms through {@code camunda:formRef}), no external tasks or connectors, no
 * generated forms, no calls into another county's tenant.</li>
 * <li>Every {@code ${…}} or {@code #{…}} anywhere, in an attribute or a text, has an allowed shape
 * ({@link ExpressionShapes}); documentation, text annotations and the diagram are not evaluated and not read.</li>
 * </ul>
 */
final class BpmnRules {

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final Set<String> CAMUNDA = Set.of("http://camunda.org/schema/1.0/bpmn", "http://activiti.org/bpmn");
  /** The diagram, schema instance and XML namespaces: layout and typing, never evaluated. */
  private static final Set<String> NOT_EVALUATED = Set.of("http://www.omg.org/spec/BPMN/20100524/DI",
      "http://www.omg.org/spec/DD/20100524/DI", "http://www.omg.org/spec/DD/20100524/DC",
      "http://www.w3.org/2001/XMLSchema-instance", "http://www.w3.org/2000/xmlns/");
  /** BPMN elements whose text is read by people, not by the engine. */
  private static final Set<String> PROSE = Set.of("documentation", "text");

  private static final Map<String, String> REFUSED_BPMN = Map.of(
      "scriptTask", "脚本任务：本平台不执行脚本，流程应调用白名单中的 Bean",
      "script", "脚本（bpmn:script）：本平台不执行脚本",
      "businessRuleTask", "业务规则任务：本平台不部署 DMN 决策表");

  /** Camunda's extension elements a model may use, each with the attributes (no namespace) it may carry. */
  private static final Map<String, Set<String>> CAMUNDA_ELEMENTS = Map.ofEntries(
      Map.entry("inputOutput", Set.of()), Map.entry("inputParameter", Set.of("name")),
      Map.entry("outputParameter", Set.of("name")), Map.entry("list", Set.of()), Map.entry("map", Set.of()),
      Map.entry("entry", Set.of("key")), Map.entry("value", Set.of()),
      Map.entry("in", Set.of("source", "sourceExpression", "target", "variables", "local", "businessKey")),
      Map.entry("out", Set.of("source", "sourceExpression", "target", "variables", "local")),
      Map.entry("executionListener", Set.of("event", "expression", "delegateExpression")),
      Map.entry("taskListener", Set.of("id", "event", "expression", "delegateExpression")),
      Map.entry("properties", Set.of()), Map.entry("property", Set.of("id", "name", "value")),
      Map.entry("failedJobRetryTimeCycle", Set.of()));

  /** Camunda's attributes a model may use on BPMN elements. */
  private static final Set<String> CAMUNDA_ATTRIBUTES = Set.of("asyncBefore", "asyncAfter", "async", "exclusive",
      "jobPriority", "taskPriority", "historyTimeToLive", "versionTag", "isStartableInTasklist",
      "candidateStarterGroups", "candidateStarterUsers", "initiator", "assignee", "candidateGroups", "candidateUsers",
      "dueDate", "followUpDate", "priority", "formRef", "formRefBinding", "formRefVersion", "expression",
      "delegateExpression", "resultVariable", "calledElementBinding", "calledElementVersion",
      "calledElementVersionTag", "collection", "elementVariable", "variableName", "variableEvents",
      "errorCodeVariable", "errorMessageVariable", "escalationCodeVariable", "modelerTemplate",
      "modelerTemplateVersion");

  /** Why the best-known refused Camunda features are refused; others get the general rule. */
  private static final Map<String, String> REFUSED_CAMUNDA = Map.ofEntries(
      Map.entry("class", "camunda:class 指定 Java 类：流程只能调用白名单中的 Bean"),
      Map.entry("formKey", "camunda:formKey（嵌入式或外部 HTML 表单）：本平台只用 Camunda Forms（camunda:formRef）"),
      Map.entry("formHandlerClass", "camunda:formHandlerClass 指定 Java 类"),
      Map.entry("script", "camunda:script 脚本：本平台不执行脚本"),
      Map.entry("connector", "camunda:connector 连接器：本平台不从流程访问外部系统"),
      Map.entry("type", "camunda:type（外部任务或连接器）"),
      Map.entry("topic", "camunda:topic（外部任务）"),
      Map.entry("field", "camunda:field（只用于 Java 类委托）"),
      Map.entry("formData", "camunda:formData（生成式表单）：本平台只用 Camunda Forms"),
      Map.entry("formProperty", "camunda:formProperty（生成式表单）：本平台只用 Camunda Forms"),
      Map.entry("calledElementTenantId", "camunda:calledElementTenantId：不能调用其他辖区的流程"),
      Map.entry("variableMappingClass", "camunda:variableMappingClass 指定 Java 类"),
      Map.entry("variableMappingDelegateExpression", "camunda:variableMappingDelegateExpression：变量映射请用 camunda:in/out"),
      Map.entry("decisionRef", "camunda:decisionRef：本平台不部署 DMN 决策表"),
      Map.entry("caseRef", "camunda:caseRef：本平台不部署 CMMN"));

  private final ExpressionShapes expressions;
  private final XMLInputFactory xml;

  BpmnRules(ExpressionShapes expressions) {
    this.expressions = expressions;
    this.xml = XMLInputFactory.newInstance();
    xml.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    xml.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
  }

  /** Every rule the file breaks, each naming the element and the rule; empty when it may be deployed. */
  List<String> check(String resource, byte[] bytes) {
    List<String> findings = new ArrayList<>();
    try {
      XMLStreamReader reader = xml.createXMLStreamReader(new ByteArrayInputStream(bytes));
      try {
        scan(reader, resource, findings);
      } finally {
        reader.close();
      }
    } catch (XMLStreamException | RuntimeException e) {
      findings.add(resource + " 不是合法的 BPMN XML（" + e.getMessage() + "）");
    }
    return findings;
  }

  private void scan(XMLStreamReader reader, String resource, List<String> findings) throws XMLStreamException {
    Deque<Open> open = new ArrayDeque<>();
    while (reader.hasNext()) {
      int event = reader.next();
      switch (event) {
        case XMLStreamConstants.DTD -> {
          findings.add(resource + " 含有 DOCTYPE 声明（可能引入外部实体），不予部署");
          return;
        }
        case XMLStreamConstants.START_ELEMENT -> {
          String id = reader.getAttributeValue(null, "id");
          Open parent = open.peek();
          Open element = new Open(reader.getNamespaceURI(), reader.getLocalName(),
              id != null ? id : parent == null ? "（根元素）" : parent.id,
              parent != null && parent.prose || isProse(reader.getNamespaceURI(), reader.getLocalName()));
          open.push(element);
          checkElement(reader, resource, element, findings);
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
          Open element = open.peek();
          if (element != null && !element.prose) {
            element.text.append(reader.getText());
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          Open element = open.pop();
          String text = element.text.toString();
          if (isExpression(text)) {
            checkExpression(text.strip(), false, resource, element, "的内容", findings);
          }
        }
        default -> {
        }
      }
    }
  }

  private void checkElement(XMLStreamReader reader, String resource, Open element, List<String> findings) {
    String where = resource + " 的元素「" + element.id + "」";
    boolean camundaElement = CAMUNDA.contains(element.namespace);
    if (BPMN.equals(element.namespace) && REFUSED_BPMN.containsKey(element.name)) {
      findings.add(where + "：" + REFUSED_BPMN.get(element.name));
    }
    if (camundaElement && !CAMUNDA_ELEMENTS.containsKey(element.name)) {
      findings.add(where + "：" + REFUSED_CAMUNDA.getOrDefault(element.name,
          "camunda:" + element.name + " 不在本平台允许的扩展元素之列"));
    }
    if (BPMN.equals(element.namespace) && element.name.equals("conditionExpression")
        && reader.getAttributeValue(null, "language") != null) {
      findings.add(where + "：条件使用脚本语言「" + reader.getAttributeValue(null, "language") + "」，条件只能是表达式");
    }
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      String namespace = reader.getAttributeNamespace(i);
      String name = reader.getAttributeLocalName(i);
      String value = reader.getAttributeValue(i);
      boolean camundaAttribute = namespace != null && CAMUNDA.contains(namespace);
      if (camundaAttribute && !CAMUNDA_ATTRIBUTES.contains(name)) {
        findings.add(where + "：" + REFUSED_CAMUNDA.getOrDefault(name,
            "camunda:" + name + " 不在本平台允许的扩展属性之列"));
      } else if (camundaElement && (namespace == null || namespace.isEmpty())
          && CAMUNDA_ELEMENTS.containsKey(element.name) && !CAMUNDA_ELEMENTS.get(element.name).contains(name)) {
        findings.add(where + "：camunda:" + element.name + " 的属性「" + name + "」"
            + (name.equals("class") ? "指定 Java 类：流程只能调用白名单中的 Bean" : "不在本平台允许之列"));
      }
      if (!element.prose && (namespace == null || !NOT_EVALUATED.contains(namespace)) && isExpression(value)) {
        checkExpression(value, name.equals("delegateExpression"), resource, element, "的属性「" + name + "」", findings);
      }
    }
  }

  private void checkExpression(String text, boolean delegate, String resource, Open element, String part,
      List<String> findings) {
    for (String problem : expressions.check(text, delegate)) {
      findings.add(resource + " 的元素「" + element.id + "」" + part + "：" + problem);
    }
  }

  private static boolean isProse(String namespace, String name) {
    return NOT_EVALUATED.contains(namespace) || BPMN.equals(namespace) && PROSE.contains(name);
  }

  private static boolean isExpression(String text) {
    return text.contains("${") || text.contains("#{");
  }

  /** An element being read: where it is, for messages, and its text so far. */
  private static final class Open {
    final String namespace;
    final String name;
    final String id;
    final boolean prose;
    final StringBuilder text = new StringBuilder();

    Open(String namespace, String name, String id, boolean prose) {
      this.namespace = namespace;
      this.name = name;
      this.id = id;
      this.prose = prose;
    }
  }
}
