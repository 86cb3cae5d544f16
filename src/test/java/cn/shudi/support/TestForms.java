package cn.shudi.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Camunda form of the tests' own small models: a field for every value {@link CaseDriver#FORM_VALUES} holds. A
 * person may send only what a task's form names (security's {@code FormFieldsGuardInterceptor}), so a test model's
 * user tasks get a form, like every blueprint's, deployed with them.
 */
public final class TestForms {

  public static final String ID = "test_fields";
  public static final String RESOURCE = "test_fields.form";

  private TestForms() {
  }

  /** Adds the model, every user task given the test form (bound to the deployment), and the form. */
  public static DeploymentBuilder add(DeploymentBuilder deployment, String resourceName, BpmnModelInstance model) {
    return withForm(deployment.addModelInstance(resourceName, formed(model)));
  }

  /** Adds the test form to a deployment whose models name it ({@link #formed}). */
  public static DeploymentBuilder withForm(DeploymentBuilder deployment) {
    return deployment.addString(RESOURCE, json());
  }

  /** Every user task of the model gets the test form, bound to the deployment. */
  public static BpmnModelInstance formed(BpmnModelInstance model) {
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      task.setCamundaFormRef(ID);
      task.setCamundaFormRefBinding("deployment");
    }
    return model;
  }

  /** The form: a text field, number or checkbox per value of {@link CaseDriver#FORM_VALUES}, none required. */
  public static String json() {
    List<Map<String, Object>> components = new ArrayList<>();
    new TreeMap<>(CaseDriver.FORM_VALUES).forEach((key, value) -> {
      Map<String, Object> component = new LinkedHashMap<>();
      component.put("type", value instanceof Long ? "number" : value instanceof Boolean ? "checkbox" : "textfield");
      component.put("key", key);
      component.put("id", "Field_" + key);
      component.put("label", key);
      components.add(component);
    });
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("components", components);
    form.put("type", "default");
    form.put("id", ID);
    form.put("executionPlatform", "Camunda Platform");
    form.put("executionPlatformVersion", "7.24.0");
    form.put("schemaVersion", 16);
    try {
      return new ObjectMapper().writeValueAsString(form);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
