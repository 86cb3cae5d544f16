package cn.shudi.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.shudi.intake.IntakeProcess;
import cn.shudi.intake.IntakeProcess.Element;
import cn.shudi.support.BrowserTestBase;
import cn.shudi.support.PlatformTest;

/**
 * The command centre's front door in a real browser (issue 18): the county's dispatcher enters a citizen's
 * request with the start form of 诉求受理·研判派单 in Tasklist, reads the list's suggestion on 研判派单, picks the item
 * and dispatches it to the item's primary unit; the requester's phone stays in the intake table, out of the
 * process. A request the list does not hold is shown with the warning. Screenshots go to target/screenshots/.
 */
@Tag("browser")
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntakeInBrowserTest extends BrowserTestBase {

  static final String DISPATCHER = "zhangqiu_dispatcher";
  static final String COMMAND_STAFF = "zhangqiu_command_staff";
  static final String FOOD = "明水街道百脉泉路一家饭店后厨脏乱，餐具不消毒，吃完饭后肚子疼，怀疑食品安全有问题";
  static final String PHONE = "13912345678";

  @Autowired
  RuntimeService runtime;
  @Autowired
  HistoryService history;
  @Autowired
  TaskService tasks;
  @Autowired
  IdentityService identity;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  org.camunda.bpm.engine.ProcessEngine engine;







  void login(String user) {
    login("tasklist", user);
    waitUpTo(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("div[cam-tasks]")));
  }

  /** Tasklist's notices (流程已发起 …) stay in the corner over the form's buttons until closed. */
  void closeNotifications() {
    for (WebElement close : browser.findElements(By.cssSelector(".page-notifications button.close"))) {
      if (close.isDisplayed()) {
        close.click();
      }
    }
    waitUpTo(10).until(driver -> driver.findElements(By.cssSelector(".page-notifications .alert")).stream()
        .noneMatch(WebElement::isDisplayed));
  }

  String bodyText() {
    return browser.findElement(By.tagName("body")).getText();
  }

  void scrollTo(WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
  }

  /** A start-form field by its key (form-js gives each input an id ending in the field's id). */
  WebElement startField(String fieldId) {
    return waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".modal-content [id$='-" + fieldId + "']")));
  }

  /** Chooses an option of a form-js select by the words it shows. */
  void choose(String fieldId, String label) {
    WebElement field = browser.findElement(By.cssSelector(".modal-content [id$='-" + fieldId + "']"))
        .findElement(By.xpath("ancestor-or-self::div[contains(@class,'fjs-form-field')][1]"));
    scrollTo(field);
    field.findElement(By.cssSelector(".fjs-select-display, .fjs-input-group")).click();
    waitUpTo(30).until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'fjs-dropdownlist-item') and normalize-space()='" + label + "']"))).click();
  }

  /** The 研判派单 task of the instance, opened and claimed in Tasklist; returns the task. */
  Task openDispatch(ProcessInstance instance) {
    Task dispatch = tasks.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(Element.DISPATCH.id()).singleResult();
    assertThat(dispatch).as("研判派单 is waiting").isNotNull();
    browser.get(base() + "/camunda/app/tasklist/default/#/?task=" + dispatch.getId());
    WebElement claim = waitUpTo(60).until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim")));
    assertThat(claim.getText()).as("the interface speaks Chinese").matches(".*\\p{IsHan}.*");
    claim.click();
    waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.fjs-form")));
    return dispatch;
  }

  /** The value a form-js field shows (a read-only text area's text is its value, not its text). */
  String fieldValue(String fieldId) {
    return browser.findElement(By.cssSelector("form.fjs-form [id$='-" + fieldId + "']")).getAttribute("value");
  }

  /** The radio buttons of 清单事项 with the words of their labels, as the form shows them. */
  List<WebElement> itemOptions() {
    return browser.findElements(By.xpath("//form[contains(@class,'fjs-form')]//div[contains(@class,"
        + "'fjs-form-field-radio')][.//*[contains(@class,'fjs-form-field-label') and starts-with(normalize-space(),"
        + "'清单事项')]]//input[@type='radio']"));
  }

  String labelOf(WebElement radio) {
    return radio.findElement(By.xpath("ancestor::label[1] | following-sibling::label[1] | //label[@for='"
        + radio.getAttribute("id") + "']")).getText().strip();
  }

  @Test
  @Order(1)
  void theDispatcherEntersARequestReadsTheSuggestionAndDispatchesItByTheList() throws IOException {
    String workOrder = "GD" + System.nanoTime();
    login(DISPATCHER);

    // 1. the start dialog: 诉求受理·研判派单, found by its name
    waitUpTo(30).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".start-process-action a"))).click();
    waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-content input[type='text']")));
    waitUpTo(60).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".modal-content ul.processes li")));
    By intake = By.xpath("//div[contains(@class,'modal-content')]//ul[contains(@class,'processes')]"
        + "//a[contains(.,'诉求受理')]");
    WebElement item;
    try {
      // while the dialog renders its list the search box may briefly take no input: try again, as a person would
      item = waitUpTo(90).ignoring(org.openqa.selenium.ElementNotInteractableException.class)
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(driver -> {
        WebElement box = driver.findElement(By.cssSelector(".modal-content input[type='text']"));
        if (!"诉求受理".equals(box.getAttribute("value"))) {
          box.clear();
          box.sendKeys("诉求受理");
        }
        List<WebElement> found = driver.findElements(intake);
        return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
      });
    } catch (TimeoutException e) {
      screenshot("20-intake-not-in-start-dialog");
      throw e;
    }
    screenshot("20-intake-in-start-dialog");
    item.click();

    // the start form: a citizen's food-safety complaint from the hotline
    WebElement text = startField("Field_intakeText");
    screenshot("21-intake-start-form-empty");
    startField("Field_intakeExternalId").sendKeys(workOrder);
    text.sendKeys(FOOD);
    choose("Field_township", "明水街道");
    startField("Field_intakeGrid").sendKeys("明水街道第3网格");
    startField("Field_privateContactName").sendKeys("张先生");
    startField("Field_privateContactPhone").sendKeys(PHONE);
    scrollTo(startField("Field_privateContactPhone"));
    screenshot("22-intake-start-form-filled");
    assertThat(browser.findElement(By.cssSelector(".modal-content")).getText()).contains("诉求类型", "民生诉求",
        "诉求来源", "所在镇街", "联系电话（仅指挥中心可见）").doesNotContain("Field is required");
    browser.findElement(By.cssSelector(".modal-content button[ng-click='startProcessInstance()']")).click();

    ProcessInstance instance;
    try {
      instance = waitUpTo(60).until(driver -> runtime.createProcessInstanceQuery()
          .processDefinitionKey(IntakeProcess.KEY).variableValueEquals(IntakeProcess.EXTERNAL_ID.name(), workOrder)
          .singleResult());
    } catch (TimeoutException e) {
      screenshot("23-intake-not-started");
      throw e;
    }
    // the starter is shown where the request went: to the command centre's 研判派单
    WebElement where = waitUpTo(60).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shudi-started")));
    waitUpTo(30).until(driver -> where.getText().contains("研判派单"));
    screenshot("23-intake-started");
    String requestId = (String) runtime.getVariable(instance.getId(), IntakeProcess.REQUEST_ID.name());
    assertThat(where.getText()).contains("诉求已登记（编号 " + requestId + "）", "研判派单（区指挥中心")
        .doesNotContain("案件已发起").doesNotContain(PHONE);
    where.findElement(By.cssSelector("button.close")).click();
    assertThat(instance.getBusinessKey()).as("the request's id is the business key").isEqualTo(requestId);

    // 2. 研判派单: the suggestion with why, and the items to choose from
    openDispatch(instance);
    try {
      waitUpTo(30).until(driver -> fieldValue("Field_intakeSuggestionText").contains("命中"));
      waitUpTo(30).until(driver -> !itemOptions().isEmpty());
    } catch (TimeoutException e) {
      screenshot("24-dispatch-without-suggestion");
      throw e;
    }
    assertThat(fieldValue("Field_intakeText")).isEqualTo(FOOD);
    assertThat(fieldValue("Field_intakeTownshipName")).isEqualTo("明水街道");
    List<String> suggestion = fieldValue("Field_intakeSuggestionText").lines().toList();
    System.out.println("研判建议：" + suggestion);
    assertThat(suggestion).as("three items best first, each with the words that matched").hasSize(3)
        .allSatisfy(line -> assertThat(line).matches("[123]\\. ZQ\\d{3} .+（命中：.+）"));
    assertThat(bodyText()).contains("处置方式", "按清单派单", "重复诉求，并入原诉求", "清单外，交主管部门办理", "清单事项")
        .doesNotContain("研判提示").doesNotContain(PHONE);

    List<WebElement> options = itemOptions();
    List<String> labels = options.stream().map(this::labelOf).toList();
    assertThat(labels).as("the suggestion's items, by code").hasSize(3).allSatisfy(label -> assertThat(label)
        .matches("ZQ\\d{3} .+"));
    int chosen = 0;
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).startsWith("ZQ054")) {
        chosen = i;
      }
    }
    String code = labels.get(chosen).substring(0, 5);
    WebElement option = options.get(chosen);
    scrollTo(option);
    option.click();
    WebElement note = browser.findElement(By.cssSelector("form.fjs-form [id$='-Field_intakeDispatchNote']"));
    note.sendKeys("诉求属清单事项 " + code + "，按清单派单。");
    scrollTo(browser.findElement(By.cssSelector("form.fjs-form [id$='-Field_intakeSuggestionText']")));
    screenshot("24-dispatch-screen");

    WebElement complete = browser.findElement(By.cssSelector("button.btn-primary[ng-click='complete()']"));
    closeNotifications();
    scrollTo(complete); // from under the page's footer
    waitUpTo(30).until(ExpectedConditions.elementToBeClickable(complete)).click();
    try {
      waitUpTo(60).until(driver -> tasks.createTaskQuery().processInstanceId(instance.getId())
          .taskDefinitionKey(Element.SIGN.id()).count() == 1);
    } catch (TimeoutException e) {
      screenshot("25-not-dispatched");
      throw e;
    }
    screenshot("25-dispatched");

    // 3. dispatched to the item's primary unit; the phone is in the intake table only
    String primaryGroup = (String) runtime.getVariable(instance.getId(), IntakeProcess.PRIMARY_GROUP.name());
    assertThat(runtime.getVariable(instance.getId(), IntakeProcess.ITEM_CODE.name())).isEqualTo(code);
    Task sign = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(Element.SIGN.id())
        .singleResult();
    assertThat(sign.getName()).isEqualTo("签收派单");
    assertThat(tasks.getIdentityLinksForTask(sign.getId())).extracting(link -> link.getGroupId())
        .as("the item's primary unit signs").containsExactly(primaryGroup);
    if ("ZQ054".equals(code)) {
      assertThat(primaryGroup).as("the market-supervision bureau is ZQ054's primary unit").isEqualTo("zhangqiu_market");
    }
    Map<String, Object> stored = jdbc.sql("select * from shudi_intake_request where id = :id")
        .param("id", instance.getBusinessKey()).query().singleRow();
    assertThat(stored).containsEntry("STATE", "dispatched").containsEntry("ITEM_CODE", code)
        .containsEntry("PRIMARY_UNIT", primaryGroup.substring("zhangqiu_".length()))
        .containsEntry("RECEIVED_BY", DISPATCHER).containsEntry("CONTACT_PHONE", PHONE)
        .containsEntry("CONTACT_NAME", "张先生").containsEntry("TOWNSHIP", "mingshui");

    assertThat(runtime.getVariables(instance.getId())).doesNotContainKeys(IntakeProcess.CONTACT_NAME.name(),
        IntakeProcess.CONTACT_PHONE.name()).allSatisfy((name, value) -> assertThat(String.valueOf(value))
            .as("variable %s", name).doesNotContain(PHONE));
    List<HistoricVariableInstance> variables = history.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).list();
    assertThat(variables).extracting(HistoricVariableInstance::getName).doesNotContain(
        IntakeProcess.CONTACT_NAME.name(), IntakeProcess.CONTACT_PHONE.name());
    assertThat(variables).as("no variable in the history holds the phone")
        .noneMatch(v -> String.valueOf(v.getValue()).contains(PHONE));
    assertThat(history.createHistoricDetailQuery().processInstanceId(instance.getId()).list())
        .as("no form-field or variable detail repeats the phone").noneMatch(d -> d.toString().contains(PHONE));
  }

  @Test
  @Order(2)
  void aRequestTheListDoesNotHoldShowsTheWarningOnTheDispatchScreen() throws IOException {
    String question = "请问去济南西站的公交车时刻表在哪里查询？" + System.nanoTime() % 10000;
    ProcessInstance instance;
    identity.setAuthentication(DISPATCHER, List.of("zhangqiu_command", "zhangqiu_dispatchers"), List.of("zhangqiu"));
    try {
      instance = runtime.createProcessInstanceByKey(IntakeProcess.KEY).processDefinitionTenantId("zhangqiu")
          .setVariables(Map.of(IntakeProcess.KIND.name(), "livelihood", IntakeProcess.SOURCE.name(), "hotline",
              IntakeProcess.TEXT.name(), question, IntakeProcess.TOWNSHIP.name(), "mingshui",
              IntakeProcess.CONTACT_PHONE.name(), "13800000000"))
          .execute();
    } finally {
      identity.clearAuthentication();
    }

    login(COMMAND_STAFF);
    openDispatch(instance);
    WebElement warning;
    try {
      warning = waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
          "//form[contains(@class,'fjs-form')]//*[contains(@class,'fjs-form-field-text')][contains(.,'研判提示')]")));
    } catch (TimeoutException e) {
      screenshot("26-off-list-without-warning");
      throw e;
    }
    scrollTo(warning);
    screenshot("26-off-list-warning");
    assertThat(warning.getText()).contains("⚠ 研判提示：这件诉求看来不在清单内", "清单外，交主管部门办理");
    assertThat(bodyText()).contains("清单外，交主管部门办理");
  }

  @Test
  @Order(3)
  void aSupervisorSeesTheMonthsIntakeRatesInTheCockpitDashboard() throws IOException {
    // the unit signs the request dispatched in the first test: an answered dispatch counts toward 响应率
    List<org.camunda.bpm.engine.task.Task> toSign = tasks.createTaskQuery().processDefinitionKey(IntakeProcess.KEY)
        .taskDefinitionKey(IntakeProcess.Element.SIGN.id()).tenantIdIn("zhangqiu").list();
    assertThat(toSign).as("the first test's dispatch waits to be signed").isNotEmpty();
    new cn.shudi.support.CaseDriver(engine).completeAsStaff(toSign.get(0),
        Map.of(IntakeProcess.SIGNED.name(), "yes"));
    login("cockpit", "zhangqiu_supervisor");

    WebElement units = waitUpTo(60).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("table.shudi-intake-units")));
    scrollTo(units);
    screenshot("27-cockpit-intake-rates");
    assertThat(units.getText()).contains("派单数", "响应率", "满意率", "清单外");
    assertThat(units.findElements(By.cssSelector("tr[data-unit]"))).as("the unit the request was dispatched to")
        .isNotEmpty();
  }
}
