package cn.shudi.security;

import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.shudi.credit.CreditFile;
import cn.shudi.support.HeadlessChromium;
import cn.shudi.support.PlatformTest;

/**
 * The browser half of the stored-XSS attack ({@link AttackTest#storedXssInACaseDescription()} is the HTTP half):
 * a case whose subject, description, step result and credit file carry markup is opened in Tasklist by a
 * township's staff member. The markup must show as text, run nothing ({@code window.__xss}, set by the
 * payloads, stays undefined; no alert) and add no element ({@code img[src=x]}). Debian's headless Chromium;
 * a screenshot goes to target/screenshots/.
 */
@Tag("browser")
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredXssInBrowserTest {

  static final String IMG = AttackTest.XSS_IMG;
  static final String SCRIPT = AttackTest.XSS_SCRIPT;

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  IdentityService identity;
  @Autowired
  CreditFile creditFile;

  WebDriver browser;
  String inspection;

  @BeforeAll
  void openBrowserAndPlantThePayloads() throws IOException {
    String subject = SCRIPT + "章丘区某食品有限公司";
    String code = AttackTest.newCreditCode();
    String caseId = runtime.createProcessInstanceByKey("zq054").processDefinitionTenantId("zhangqiu")
        .setVariables(Map.of("township", "mingshui", "caseSubject", subject, "creditCode", code,
            "caseDescription", IMG))
        .execute().getId();
    Task plan = tasks.createTaskQuery().processInstanceId(caseId).taskName("制定计划").singleResult();
    identity.setAuthentication("zhangqiu_market_staff", List.of("zhangqiu_market"), List.of("zhangqiu"));
    try {
      tasks.complete(plan.getId(), Map.of("dutyResult", IMG, "dutyFindings", SCRIPT));
    } finally {
      identity.clearAuthentication();
    }
    inspection = tasks.createTaskQuery().processInstanceId(caseId).taskCandidateGroup("zhangqiu_mingshui")
        .taskName("排查隐患").singleResult().getId();
    // an earlier inspection of the same enterprise, as the credit tab shows it
    creditFile.record(code, new CreditFile.CaseStep("zhangqiu", caseId, "zq054_market_4", "ZQ054", "食品安全监管",
        subject, "zhangqiu_mingshui"), new CreditFile.Content(IMG, IMG, SCRIPT, IMG, 1, List.of(
            new CreditFile.Contribution("zq054_market_2", "排查隐患", "zhangqiu_market", "区市场监管局", IMG, SCRIPT, 1,
                "general", IMG, "zhangqiu_market_staff", Instant.now()))));

    browser = HeadlessChromium.start();
  }

  @AfterAll
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  @Test
  void theTownshipOpensTheTaskAndSeesTheMarkupAsText() throws IOException {
    String tasklist = "http://localhost:" + port + "/camunda/app/tasklist/default/";
    browser.get(tasklist);
    waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
        .sendKeys("zhangqiu_mingshui_staff");
    browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(DEMO_PASSWORD);
    browser.findElement(By.cssSelector("button[type='submit']")).click();
    waitUpTo(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("div[cam-tasks]")));

    browser.get(tasklist + "#/?task=" + inspection);
    waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.fjs-form")));
    waitUpTo(30).until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()='信用档案']"))).click();
    WebElement file = waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(text(),'统一社会信用代码')]/ancestor::*[.//table][1]")));
    waitUpTo(30).until(d -> !file.findElements(By.cssSelector(".panel table")).isEmpty());
    screenshot();

    assertThat(js("return typeof window.__xss")).as("no payload ran").isEqualTo("undefined");
    assertThat(js("return document.querySelectorAll('img[src=\"x\"], img[onerror]').length")).as("no injected image")
        .isEqualTo(0L);
    assertThat(js("return Array.from(document.scripts).filter(s => s.text.includes('__xss')).length"))
        .as("no injected script").isEqualTo(0L);
    assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    assertThat(file.getText()).as("the markup shows as text").contains(IMG).contains(SCRIPT);
  }

  void screenshot() throws IOException {
    HeadlessChromium.screenshot(browser, "xss-credit-tab");
  }
}
