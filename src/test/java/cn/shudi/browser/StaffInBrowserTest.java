package cn.shudi.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import cn.shudi.support.BrowserTestBase;
import cn.shudi.support.PlatformTest;

/**
 * What staff and supervisors do, in a real browser (Debian's headless Chromium and its driver):
 * a township's staff member logs in to Tasklist in Chinese, claims the food-safety inspection, fills
 * its form and completes it; a supervisor sees the case counted in Cockpit. Issue 17: two cases in one
 * inbox are told apart by their cards; a bad credit code is refused at the start form; an inconsistent
 * inspection is refused and its task stays open; a failing job is an incident in Cockpit's instance view.
 * Screenshots go to target/screenshots/ for people to look at.
 */
@Tag("browser")
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffInBrowserTest extends BrowserTestBase {


  @Autowired
  RuntimeService runtime;
  @Autowired
  HistoryService history;
  @Autowired
  org.camunda.bpm.engine.TaskService tasks;
  @Autowired
  org.camunda.bpm.engine.IdentityService identity;

  ProcessInstance foodCase;

  @BeforeAll
  void startTheFoodCase() throws IOException {
    // ZQ054 starts with the market-supervision bureau's inspection plan; then both sides inspect
    foodCase = startFoodCase("章丘区明水某食品有限公司");
    completePlan(foodCase);
  }






  /**
   * Choosing an answer re-renders the form (some fields show or hide): fills the empty text areas until they
   * hold their text, finding them anew each time.
   */
  void fillTextAreas(String value) {
    waitUpTo(30).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(driver -> {
      boolean filled = true;
      for (WebElement text : driver.findElements(By.cssSelector("form.fjs-form textarea"))) {
        if (text.isDisplayed() && text.getAttribute("value").isEmpty()) {
          text.sendKeys(value);
          filled = false;
        }
      }
      return filled;
    });
  }

  @Test
  @Order(1)
  void aTownshipStaffMemberClaimsFillsAndCompletesTheInspectionInChinese() throws IOException {
    login("tasklist", "zhangqiu_mingshui_staff");
    waitUpTo(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("div[cam-tasks]")));
    screenshot("01-tasklist-zh");
    By inspection = By.xpath("//ol[contains(@class,'tasks-list')]//h4[contains(@class,'task')]/a[normalize-space()='排查隐患']");
    WebElement task = waitUpTo(30).until(ExpectedConditions.elementToBeClickable(inspection));
    task.click();

    WebElement claim = waitUpTo(30).until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim")));
    assertThat(claim.getText()).as("the interface speaks Chinese").matches(".*\\p{IsHan}.*");
    claim.click();

    waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.fjs-form")));
    for (WebElement number : browser.findElements(By.cssSelector("form.fjs-form .fjs-form-field-number input"))) {
      number.clear();
      number.sendKeys("0");
    }
    List<WebElement> radios = browser.findElements(By.cssSelector("form.fjs-form input[type='radio']"));
    if (!radios.isEmpty()) {
      radios.get(0).click(); // the first answer of each question: 未发现隐患 / 已整改到位 …
    }
    fillTextAreas("已会同市场监管所入企检查，未发现隐患。");
    screenshot("02-inspection-form");
    WebElement complete = waitUpTo(30).until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("button.btn-primary[ng-click='complete()']")));
    assertThat(complete.getText()).matches(".*\\p{IsHan}.*");
    complete.click();

    try {
      waitUpTo(60).until(driver -> history.createHistoricTaskInstanceQuery().processInstanceId(foodCase.getId())
          .taskName("排查隐患").taskAssignee("zhangqiu_mingshui_staff").finished().count() == 1);
    } catch (org.openqa.selenium.TimeoutException e) {
      screenshot("03-not-completed");
      throw e;
    }
    screenshot("03-completed");
    HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().processInstanceId(foodCase.getId())
        .taskAssignee("zhangqiu_mingshui_staff").finished().singleResult();
    assertThat(done.getTaskDefinitionKey()).startsWith("zq054_township");
  }

  @Test
  @Order(2)
  void aSupervisorSeesTheCaseCountedInTheCockpitDashboard() throws IOException {
    login("cockpit", "zhangqiu_supervisor");
    WebElement dashboard = waitUpTo(60).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#shudi-dashboard[data-state='loaded']")));
    WebElement openCases = dashboard.findElement(By.cssSelector(
        "table.shudi-items tr[data-jurisdiction='zhangqiu'][data-item='zq054'] td.shudi-open-cases"));
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", dashboard);
    screenshot("04-cockpit-dashboard");
    assertThat(Integer.parseInt(openCases.getAttribute("textContent").trim()))
        .as("the food-safety case is counted open").isGreaterThanOrEqualTo(1);
    assertThat(browser.findElements(By.cssSelector("svg.shudi-overdue-chart"))).as("overdue tasks per unit, drawn")
        .isNotEmpty();
    assertThat(dashboard.getText()).matches("(?s).*\\p{IsHan}.*");
  }

  // --- issue 17 -------------------------------------------------------------------------------------

  static final String VALID_CODE = "91350100M000100Y43";
  static final String TYPO_CODE = "91350100M000100Y44";

  ProcessInstance startFoodCase(String subject) {
    return runtime.createProcessInstanceByKey("zq054").processDefinitionTenantId("zhangqiu")
        .setVariables(Map.of("township", "mingshui", "caseSubject", subject, "creditCode", VALID_CODE,
            "caseDescription", "年度日常监督检查"))
        .execute();
  }

  void completePlan(ProcessInstance instance) {
    org.camunda.bpm.engine.task.Task plan = tasks.createTaskQuery().processInstanceId(instance.getId())
        .taskName("制定计划").singleResult();
    identity.setAuthentication("zhangqiu_market_staff", List.of("zhangqiu_market"), List.of("zhangqiu"));
    try {
      tasks.complete(plan.getId(), Map.of("dutyResult", "已制定年度检查计划"));
    } finally {
      identity.clearAuthentication();
    }
  }

  String bodyText() {
    return browser.findElement(By.tagName("body")).getText();
  }

  @Test
  @Order(3)
  void twoCasesInOneInboxAreToldApartByTheirCards() throws IOException {
    String first = "章丘甲食品有限公司" + System.nanoTime() % 10000;
    String second = "章丘乙食品有限公司" + System.nanoTime() % 10000;
    startFoodCase(first);
    startFoodCase(second);
    login("tasklist", "zhangqiu_market_staff");
    try {
      waitUpTo(60).until(driver -> {
        List<WebElement> cards = driver.findElements(By.cssSelector("ol.tasks-list li.task"));
        String text = cards.stream().map(WebElement::getText).reduce("", String::concat);
        return text.contains(first) && text.contains(second);
      });
    } finally {
      screenshot("11-two-cases-told-apart");
    }
    WebElement card = browser.findElements(By.cssSelector("ol.tasks-list li.task")).stream()
        .filter(c -> c.getText().contains(first)).findFirst().orElseThrow();
    assertThat(card.getText()).contains("制定计划", "对象", first, "镇街", "明水街道", "食品生产经营企业日常安全监管");
    assertThat(card.findElements(By.cssSelector(".due-date"))).as("due date and time left").isNotEmpty();
    assertThat(browser.findElements(By.cssSelector(".ce-eol-banner")).stream().filter(WebElement::isDisplayed))
        .as("no end-of-life banner for staff").isEmpty();
  }

  @Test
  @Order(4)
  void aBadCreditCodeIsRefusedAtTheStartForm() throws IOException {
    String subject = "章丘校验码有误食品厂" + System.nanoTime() % 10000;
    login("tasklist", "zhangqiu_market_staff");
    waitUpTo(30).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".start-process-action a"))).click();
    waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-content input[type='text']")));
    // the dialog lists the first page before it takes a search; a search waits 2 s for more typing
    waitUpTo(60).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".modal-content ul.processes li")));
    By food = By.xpath("//div[contains(@class,'modal-content')]//ul[contains(@class,'processes')]"
        + "//a[contains(.,'食品生产经营企业日常安全监管')]");
    WebElement item;
    try {
      // while the dialog renders its list the search box may briefly take no input: try again, as a person would
      item = waitUpTo(90).ignoring(org.openqa.selenium.ElementNotInteractableException.class)
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(driver -> {
        WebElement box = driver.findElement(By.cssSelector(".modal-content input[type='text']"));
        if (!"ZQ054".equals(box.getAttribute("value"))) {
          box.clear();
          box.sendKeys("ZQ054");
        }
        List<WebElement> found = driver.findElements(food);
        return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
      });
    } catch (org.openqa.selenium.TimeoutException e) {
      screenshot("12-start-dialog-not-found");
      throw e;
    }
    waitUpTo(30).until(driver -> item.getText().startsWith("ZQ054"));
    String listed = browser.findElement(By.cssSelector(".modal-content ul.processes")).getText();
    screenshot("12-start-dialog-codes-and-county");
    assertThat(listed).as("code and county by name").contains("ZQ054", "章丘区").doesNotContain("督办超期事项");
    item.click();

    WebElement code = waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".modal-content input[id$='-Field_creditCode']")));
    browser.findElement(By.cssSelector(".modal-content input[id$='-Field_caseSubject']")).sendKeys(subject);
    code.sendKeys(TYPO_CODE);
    WebElement problem = waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".modal-content .shudi-credit-code-problem")));
    assertThat(problem.getText()).contains("第18位校验码应为「3」");
    // submitting anyway: form-js asks for the other fields in Chinese, and the server refuses the code
    browser.findElement(By.cssSelector(".modal-content button[ng-click='startProcessInstance()']")).click();
    waitUpTo(30).until(driver -> bodyText().contains("此项为必填项"));
    screenshot("13-bad-credit-code-refused");
    assertThat(bodyText()).doesNotContain("Field is required");
    assertThat(runtime.createProcessInstanceQuery().variableValueEquals("caseSubject", subject).count())
        .as("no case started").isZero();

    // corrected and complete: the case starts, and the starter is shown where it went
    code.clear();
    code.sendKeys(VALID_CODE);
    waitUpTo(30).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".shudi-credit-code-problem")));
    browser.findElement(By.cssSelector(".modal-content [id$='-Field_township'], .modal-content .fjs-form-field-select"))
        .findElement(By.xpath("ancestor-or-self::div[contains(@class,'fjs-form-field')][1]"))
        .findElement(By.cssSelector(".fjs-select-display, .fjs-input-group")).click();
    waitUpTo(30).until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'fjs-dropdownlist-item') and normalize-space()='明水街道']"))).click();
    browser.findElement(By.cssSelector(".modal-content textarea")).sendKeys("年度日常监督检查");
    browser.findElement(By.cssSelector(".modal-content button[ng-click='startProcessInstance()']")).click();
    WebElement where = waitUpTo(60).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shudi-started")));
    waitUpTo(30).until(driver -> where.getText().contains("制定计划"));
    screenshot("13b-case-started-where-it-went");
    assertThat(where.getText()).contains("案件已发起", subject, "制定计划（区市场监管局", "我发起的案件");
    assertThat(runtime.createProcessInstanceQuery().variableValueEquals("caseSubject", subject).count()).isOne();
  }

  @Test
  @Order(5)
  void anInconsistentInspectionIsRefusedAndTheTaskStaysOpen() throws IOException {
    String subject = "章丘隐患不一致食品厂" + System.nanoTime() % 10000;
    ProcessInstance instance = startFoodCase(subject);
    completePlan(instance);
    org.camunda.bpm.engine.task.Task inspection = tasks.createTaskQuery().processInstanceId(instance.getId())
        .taskCandidateGroup("zhangqiu_mingshui").singleResult();
    login("tasklist", "zhangqiu_mingshui_staff");
    browser.get(base() + "/camunda/app/tasklist/default/#/?task=" + inspection.getId());
    WebElement claim = waitUpTo(60).until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim")));
    claim.click();
    waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.fjs-form")));
    // the task's header tells the case too, and the county by name
    WebElement header = browser.findElement(By.cssSelector(".task-card header"));
    waitUpTo(30).until(driver -> header.getText().contains("对象：" + subject));
    assertThat(header.getText()).contains("镇街：明水街道", "办理单位：明水街道", "章丘区").doesNotContain("zhangqiu");
    WebElement count = browser.findElement(By.cssSelector("form.fjs-form .fjs-form-field-number input"));
    count.clear();
    count.sendKeys("2");
    browser.findElements(By.cssSelector("form.fjs-form input[type='radio']")).get(0).click(); // 未发现隐患
    fillTextAreas("入企检查完毕");
    waitUpTo(30).until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("button.btn-primary[ng-click='complete()']"))).click();
    try {
      waitUpTo(30).until(driver -> bodyText().contains("隐患数量与隐患等级须一致"));
    } finally {
      screenshot("14-inconsistent-inspection-refused");
    }
    assertThat(tasks.createTaskQuery().taskId(inspection.getId()).count()).as("the task stays open").isOne();
  }

  @Test
  @Order(6)
  void aFailingJobIsShownAsAnIncidentInCockpit() throws IOException {
    ProcessInstance instance = startFoodCase("章丘信用档案故障企业" + System.nanoTime() % 10000);
    completePlan(instance);
    for (String group : List.of("zhangqiu_market", "zhangqiu_mingshui")) {
      org.camunda.bpm.engine.task.Task task = tasks.createTaskQuery().processInstanceId(instance.getId())
          .taskCandidateGroup(group).singleResult();
      identity.setAuthentication(group + "_staff", List.of(group), List.of("zhangqiu"));
      try {
        tasks.complete(task.getId(), Map.of("dutyResult", "检查完毕", "dutyFindings", "未发现问题", "hazardCount", 0L,
            "hazardLevel", "none"));
      } finally {
        identity.clearAuthentication();
      }
    }
    management.createJobQuery().processInstanceId(instance.getId()).activityId("zq054_join").list()
        .forEach(j -> management.executeJob(j.getId()));
    waitUpTo(60).until(driver -> tasks.createTaskQuery().processInstanceId(instance.getId()).count() == 1);
    org.camunda.bpm.engine.task.Task results = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    identity.setAuthentication("zhangqiu_mingshui_staff", List.of("zhangqiu_mingshui"), List.of("zhangqiu"));
    try {
      tasks.complete(results.getId(), Map.of("dutyResult", "结果已推送区市场监管局"));
    } finally {
      identity.clearAuthentication();
    }
    runtime.setVariable(instance.getId(), "creditCode", TYPO_CODE); // broken after the start
    waitUpTo(300).until(driver -> runtime.createIncidentQuery().processInstanceId(instance.getId()).count() == 1
        || runJob(instance));
    login("cockpit", "zhangqiu_supervisor");
    WebElement incident = waitUpTo(60).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
        "#shudi-dashboard[data-state='loaded'] table.shudi-incidents tr[data-process-instance-id='" + instance.getId()
            + "']")));
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", incident);
    screenshot("15-failing-job-on-the-dashboard");
    assertThat(incident.getText()).contains("不能写入信用档案", "处理");
    browser.get(base() + "/camunda/app/cockpit/default/#/process-instance/" + instance.getId()
        + "/runtime?tab=incidents-tab");
    try {
      waitUpTo(60).until(driver -> bodyText().contains("不能写入信用档案"));
    } finally {
      screenshot("16-failing-job-incident-in-cockpit");
    }
  }

  @Autowired
  org.camunda.bpm.engine.ManagementService management;

  /** Runs the instance's due job as the job executor would (failures count down its retries); false to go on. */
  boolean runJob(ProcessInstance instance) {
    for (org.camunda.bpm.engine.runtime.Job job : management.createJobQuery().processInstanceId(instance.getId())
        .withRetriesLeft().activityId("zq054_market_4").list()) {
      try {
        management.executeJob(job.getId());
      } catch (RuntimeException expected) {
        // the credit file refuses the code: one retry fewer
      }
    }
    return false;
  }
}
