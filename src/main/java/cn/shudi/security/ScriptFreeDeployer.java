package cn.shudi.security;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

/**
 * Refuses a deployment whose BPMN, CMMN or DMN resources carry a script: a script task, a
 * {@code camunda:script} (in a listener or an input/output mapping), a scripted condition, or a
 * DMN expression in a script language. It also refuses a DOCTYPE, the carrier of XML external
 * entities. Scripts run arbitrary code in the engine; this platform's models call Spring beans.
 */
class ScriptFreeDeployer implements Deployer {

  private static final List<String> MODEL_SUFFIXES =
      List.of(".bpmn", ".bpmn20.xml", ".cmmn", ".cmmn10.xml", ".cmmn11.xml", ".dmn", ".dmn11.xml");
  private static final Set<String> CAMUNDA_NAMESPACES = Set.of("http://camunda.org/schema/1.0/bpmn",
      "http://camunda.org/schema/1.0/cmmn", "http://activiti.org/bpmn", "http://camunda.org/schema/1.0/dmn");
  private static final Set<String> SAFE_EXPRESSION_LANGUAGES = Set.of("juel", "feel", "feel-scala",
      "feel-juel", "http://www.omg.org/spec/feel/20140401", "https://www.omg.org/spec/dmn/20191111/feel/",
      "https://www.omg.org/spec/dmn/20230324/feel/");

  private final XMLInputFactory xml;

  ScriptFreeDeployer() {
    xml = XMLInputFactory.newInstance();
    xml.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    xml.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    List<String> findings = new ArrayList<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      if (isModel(resource.getName())) {
        findings.addAll(scan(resource.getName(), resource.getBytes()));
      }
    }
    if (!findings.isEmpty()) {
      throw new NotValidException("部署被拒绝：本平台不执行脚本，流程应通过 Spring Bean 表达式或外部任务调用功能。"
          + String.join("；", findings));
    }
  }

  private static boolean isModel(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return MODEL_SUFFIXES.stream().anyMatch(lower::endsWith);
  }

  List<String> scan(String resourceName, byte[] bytes) {
    List<String> findings = new ArrayList<>();
    try {
      XMLStreamReader reader = xml.createXMLStreamReader(new ByteArrayInputStream(bytes));
      try {
        String currentId = null;
        while (reader.hasNext()) {
          int event = reader.next();
          if (event == XMLStreamConstants.DTD) {
            findings.add(resourceName + " 含有 DOCTYPE 声明（可能引入外部实体）");
            break;
          }
          if (event != XMLStreamConstants.START_ELEMENT) {
            continue;
          }
          String id = reader.getAttributeValue(null, "id");
          if (id != null) {
            currentId = id;
          }
          String local = reader.getLocalName();
          String where = resourceName + " 的元素「" + (id != null ? id : currentId) + "」";
          if (local.equals("scriptTask")) {
            findings.add(where + " 是脚本任务");
          } else if (local.equals("script") && CAMUNDA_NAMESPACES.contains(reader.getNamespaceURI())) {
            findings.add(where + " 含有 camunda:script 脚本");
          } else if (local.equals("conditionExpression") && reader.getAttributeValue(null, "language") != null) {
            findings.add(where + " 的条件使用脚本语言「" + reader.getAttributeValue(null, "language") + "」");
          }
          String language = reader.getAttributeValue(null, "expressionLanguage");
          if (language != null && resourceName.toLowerCase(Locale.ROOT).contains(".dmn")
              && !SAFE_EXPRESSION_LANGUAGES.contains(language.toLowerCase(Locale.ROOT))) {
            findings.add(where + " 使用脚本表达式语言「" + language + "」");
          }
        }
      } finally {
        reader.close();
      }
    } catch (XMLStreamException e) {
      findings.add(resourceName + " 不是合法的 XML：" + e.getMessage());
    }
    return findings;
  }
}
