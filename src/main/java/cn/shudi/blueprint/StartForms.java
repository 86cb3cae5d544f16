package cn.shudi.blueprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import cn.shudi.catalog.CaseFact;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Unit;
import cn.shudi.process.Variable;

/**
 * The start forms of a jurisdiction ({@code forms/<jurisdiction>/case-start.form} and
 * {@code call-start.form}): their township and department choices are the county's own units.
 */
public class StartForms {

  // the fields of call-start, shared_call's start form: declared where the form is written (blueprint does not
  // depend on call), call's CallProcess takes them from here; the calling township is ItemProcess.TOWNSHIP
  public static final Variable<String> CALL_ITEM_CODE = Variable.string("callItemCode");
  public static final Variable<String> CALLED_DEPARTMENT = Variable.string("calledDepartment");
  public static final Variable<String> CALL_PROBLEM = Variable.string("callProblem");
  public static final Variable<String> CALL_PLACE = Variable.string("callPlace");
  public static final Variable<String> CALL_URGENCY = Variable.string("callUrgency");

  // the fields of intake-start, shared_intake's start form (诉求受理): declared here for the same reason; intake's
  // IntakeProcess takes them from here. The contact fields are named private… (no history, moved out of the process)
  public static final Variable<String> INTAKE_KIND = Variable.string("intakeKind");
  public static final Variable<String> INTAKE_SOURCE = Variable.string("intakeSource");
  public static final Variable<String> INTAKE_EXTERNAL_ID = Variable.string("intakeExternalId");
  public static final Variable<String> INTAKE_TEXT = Variable.string("intakeText");
  public static final Variable<String> INTAKE_GRID = Variable.string("intakeGrid");
  public static final Variable<String> INTAKE_LATITUDE = Variable.string("intakeLatitude");
  public static final Variable<String> INTAKE_LONGITUDE = Variable.string("intakeLongitude");
  public static final Variable<String> INTAKE_CONTACT_NAME = Variable.string("privateContactName");
  public static final Variable<String> INTAKE_CONTACT_PHONE = Variable.string("privateContactPhone");

  /** Unified social credit code (GB 32100-2015): 18 characters, no I, O, S, V, Z. */
  static final String CREDIT_CODE_PATTERN = "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$";

  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public void write(Path forms, Jurisdiction jurisdiction, boolean force) throws IOException {
    Path folder = forms.resolve(jurisdiction.code());
    write(folder.resolve("case-start.form"), caseStart(jurisdiction), force);
    write(folder.resolve("call-start.form"), callStart(jurisdiction), force);
    write(folder.resolve("intake-start.form"), intakeStart(jurisdiction), force);
  }

  private void write(Path file, Map<String, Object> form, boolean force) throws IOException {
    if (Files.exists(file) && !force) {
      return;
    }
    BlueprintFiles.writeText(file, json.writeValueAsString(form) + "\n");
  }

  Map<String, Object> caseStart(Jurisdiction j) {
    List<Object> components = new ArrayList<>();
    components.add(text("case_start_intro", "受理" + j.shortName() + "属地管理事项案件：填写对象和所在镇街，各责任单位将并行办理。"));
    components.add(field("textfield", ItemProcess.CASE_SUBJECT.name(), "监管对象（企业、场所或建筑名称）", sorted("required", true, "maxLength", 200)));
    components.add(field("textfield", ItemProcess.CREDIT_CODE.name(), "统一社会信用代码（企业必填，18位）",
        sorted("pattern", CREDIT_CODE_PATTERN)));
    components.add(select(ItemProcess.TOWNSHIP.name(), "所在镇街", options(j.townships())));
    components.add(field("textarea", ItemProcess.CASE_DESCRIPTION.name(), "案件情况", sorted("required", true, "maxLength", 2000)));
    components.add(text("case_start_facts", "已知的情形请勾选：清单中以此为条件的职责随案件启动；办理中发现的，由办理环节勾选。"));
    components.addAll(factBoxes());
    return form("case-start", components);
  }

  /**
   * One checkbox per fact a conditional duty may depend on ({@link CaseFact}), four to a row: the case start form
   * and every step's form (duty-step) ask them, so the fact is stated where it becomes known.
   */
  static List<Object> factBoxes() {
    List<Object> boxes = new ArrayList<>();
    for (CaseFact fact : CaseFact.values()) {
      Map<String, Object> box = new LinkedHashMap<>();
      box.put("label", fact.label());
      box.put("type", "checkbox");
      box.put("id", "Field_" + fact.variable());
      box.put("key", fact.variable());
      box.put("layout", sorted("row", "Row_facts_" + fact.ordinal() / 4, "columns", 4));
      boxes.add(box);
    }
    return boxes;
  }

  Map<String, Object> callStart(Jurisdiction j) {
    List<Object> components = new ArrayList<>();
    components.add(text("call_start_intro", "乡呼县应：镇街发现无权处置的问题，呼叫清单规定的责任部门限时响应。"));
    components.add(select(ItemProcess.TOWNSHIP.name(), "发起呼叫的镇街", options(j.townships())));
    components.add(field("textfield", CALL_ITEM_CODE.name(), "清单事项编码（如 " + (j.code().equals("zhangqiu") ? "ZQ054" : "YX026") + "）",
        sorted("required", true, "pattern", "^[A-Z]{2}[0-9]{3}$")));
    components.add(select(CALLED_DEPARTMENT.name(), "呼叫的责任部门", options(j.departments())));
    components.add(field("textfield", CALL_PLACE.name(), "问题地点", sorted("required", true, "maxLength", 200)));
    components.add(field("textarea", CALL_PROBLEM.name(), "问题描述", sorted("required", true, "maxLength", 2000)));
    Map<String, Object> urgency = field("radio", CALL_URGENCY.name(), "紧急程度", sorted("required", true));
    urgency.put("values", List.of(option("一般", "normal"), option("紧急", "urgent")));
    urgency.put("defaultValue", "normal");
    components.add(urgency);
    return form("call-start", components);
  }

  Map<String, Object> intakeStart(Jurisdiction j) {
    List<Object> components = new ArrayList<>();
    components.add(text("intake_start_intro", "登记一件诉求：指挥中心将对照" + j.shortName()
        + "属地管理清单研判派单。诉求人的姓名和电话只存入诉求库，仅指挥中心可见；照片请经诉求接口上传。"));
    Map<String, Object> kind = field("radio", INTAKE_KIND.name(), "诉求类型", sorted("required", true));
    kind.put("values", List.of(option("民生诉求", "livelihood"), option("执法诉求", "enforcement"),
        option("发展诉求", "development")));
    kind.put("defaultValue", "livelihood");
    kind.put("layout", sorted("row", "Row_kind", "columns", 8));
    components.add(kind);
    Map<String, Object> source = select(INTAKE_SOURCE.name(), "诉求来源", List.of(option("12345热线工单", "hotline"),
        option("网格员上报", "grid"), option("企业", "enterprise"), option("镇街", "township"), option("网上诉求", "web")));
    source.put("defaultValue", "hotline");
    source.put("layout", sorted("row", "Row_kind", "columns", 8));
    components.add(source);
    components.add(field("textfield", INTAKE_EXTERNAL_ID.name(), "工单编号（热线工单等已有编号的填写，同一编号只受理一次）",
        sorted("maxLength", 64)));
    components.add(field("textarea", INTAKE_TEXT.name(), "诉求内容（什么事、在哪里、持续多久）",
        sorted("required", true, "maxLength", 2000)));
    components.add(select(ItemProcess.TOWNSHIP.name(), "所在镇街", options(j.townships())));
    components.add(field("textfield", INTAKE_GRID.name(), "网格（如 明水街道第3网格）", sorted("maxLength", 60)));
    Map<String, Object> latitude = field("textfield", INTAKE_LATITUDE.name(), "纬度（可不填，如 36.7121）",
        sorted("pattern", "^-?[0-9]{1,2}(\\.[0-9]+)?$"));
    latitude.put("layout", sorted("row", "Row_location", "columns", 8));
    components.add(latitude);
    Map<String, Object> longitude = field("textfield", INTAKE_LONGITUDE.name(), "经度（可不填，如 117.5376）",
        sorted("pattern", "^-?[0-9]{1,3}(\\.[0-9]+)?$"));
    longitude.put("layout", sorted("row", "Row_location", "columns", 8));
    components.add(longitude);
    Map<String, Object> name = field("textfield", INTAKE_CONTACT_NAME.name(), "诉求人姓名（仅指挥中心可见）",
        sorted("maxLength", 60));
    name.put("layout", sorted("row", "Row_contact", "columns", 8));
    components.add(name);
    Map<String, Object> phone = field("textfield", INTAKE_CONTACT_PHONE.name(), "联系电话（仅指挥中心可见）",
        sorted("pattern", "^[0-9+\\- ]{5,20}$"));
    phone.put("layout", sorted("row", "Row_contact", "columns", 8));
    components.add(phone);
    return form("intake-start", components);
  }

  private static List<Object> options(List<Unit> units) {
    return units.stream().map(u -> (Object) option(u.shortName(), u.code())).toList();
  }

  private static Map<String, Object> option(String label, String value) {
    Map<String, Object> option = new LinkedHashMap<>();
    option.put("label", label);
    option.put("value", value);
    return option;
  }

  private static Map<String, Object> form(String id, List<Object> components) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("components", components);
    form.put("type", "default");
    form.put("id", id);
    form.put("executionPlatform", "Camunda Platform");
    form.put("executionPlatformVersion", "7.24.0");
    form.put("exporter", sorted("name", BlueprintGenerator.EXPORTER, "version", "1"));
    form.put("schemaVersion", 16);
    return form;
  }

  private static Map<String, Object> text(String id, String text) {
    Map<String, Object> component = new LinkedHashMap<>();
    component.put("text", text);
    component.put("type", "text");
    component.put("id", "Text_" + id);
    return component;
  }

  private static Map<String, Object> field(String type, String key, String label, Map<String, Object> validate) {
    Map<String, Object> component = new LinkedHashMap<>();
    component.put("label", label);
    component.put("type", type);
    component.put("id", "Field_" + key);
    component.put("key", key);
    component.put("validate", new TreeMap<>(validate)); // a stable order: regenerating changes nothing
    return component;
  }

  private static Map<String, Object> select(String key, String label, List<Object> values) {
    Map<String, Object> component = field("select", key, label, sorted("required", true));
    component.put("values", values);
    return component;
  }

  /** A small map of keys and values in key order: the file comes out the same on every run (Map.of's order does not). */
  private static Map<String, Object> sorted(Object... keysAndValues) {
    Map<String, Object> map = new TreeMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
