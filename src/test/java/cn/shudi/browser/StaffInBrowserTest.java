package cn.shudi.browser;

import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.shudi.support.HeadlessChromium;
import cn.shudi.support.PlatformTest;

/**
 * What staff and supervisors do, in a real browser (Debian's headless Chromium and its driver):
 * a township's staff member logs in to Tasklist in Chinese, claims the food-safety inspection, fills
 * its form and completes it; a supervisor sees the case counted in Cockpit. Screenshots go to
 * target/screenshots/ for people to look at.
 */
@Tag("browser")
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffInBrowserTest {


  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  HistoryService history;
  @Autowired
  org.camunda.bpm.engine.TaskService tasks;
  @Autowired
  org.camunda.bpm.engine.IdentityService identity;

  WebDriver browser;
  ProcessInstance foodCase;

  @BeforeAll
  void openBrowser() throws IOException {
    browser = HeadlessChromium.start();
    foodCase = runtime.createProcessInstanceByKey("zq054").processDefinitionTenantId("zhangqiu")
        .setVariables(Map.of("township", "mingshui", "caseSubject", "章丘区明水某食品有限公司",
            "creditCode", "91350100M000100Y43", "caseDescription", "年度日常监督检查"))
        .execute();
    // ZQ054 starts with the market-supervision bureau's inspection plan; then both sides inspect
    org.camunda.bpm.engine.task.Task plan = tasks.createTaskQuery().processInstanceId(foodCase.getId())
        .taskName("制定计划").singleResult();
    identity.setAuthentication("zhangqiu_market_staff", List.of("zhangqiu_market"), List.of("zhangqiu"));
    try {
      tasks.complete(plan.getId(), Map.of("dutyResult", "已制定年度检查计划"));
    } finally {
      identity.clearAuthentication();
    }
  }

  @AfterAll
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  String base() {
    return "http://localhost:" + port;
  }

  WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  void screenshot(String name) throws IOException {
    HeadlessChromium.screenshot(browser, name);
  }

  void login(String app, String user) {
    browser.manage().deleteAllCookies();
    browser.get(base() + "/camunda/app/" + app + "/default/");
    WebElement name = waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("input[ng-model='username']")));
    name.sendKeys(user);
    browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(DEMO_PASSWORD);
    browser.findElement(By.cssSelector("button[type='submit']")).click();
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
    // choosing an answer re-renders the form (some fields show or hide): fill the text fields until they
    // hold their text, finding them anew each time
    waitUpTo(30).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(driver -> {
      boolean filled = true;
      for (WebElement text : driver.findElements(By.cssSelector("form.fjs-form textarea"))) {
        if (text.isDisplayed() && text.getAttribute("value").isEmpty()) {
          text.sendKeys("已会同市场监管所入企检查，未发现隐患。");
          filled = false;
        }
      }
      return filled;
    });
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
}
