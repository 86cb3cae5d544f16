package cn.shudi.support;

import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser test shares: one headless Chromium per class ({@link HeadlessChromium}), the platform's address,
 * waits, screenshots with the page's HTML beside them, and the webapps' login form. A subclass adds its own
 * {@code @BeforeAll} under another name for what it prepares; JUnit runs this class's first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTestBase {

  @LocalServerPort
  protected int port;

  protected ChromeDriver browser;

  @BeforeAll
  void startBrowser() throws IOException {
    browser = (ChromeDriver) HeadlessChromium.start();
  }

  @AfterAll
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  protected String base() {
    return "http://localhost:" + port;
  }

  protected WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  /** The screen as PNG, and the page's HTML beside it for whoever must find out why a step failed. */
  protected void screenshot(String name) throws IOException {
    HeadlessChromium.screenshot(browser, name);
    Files.writeString(HeadlessChromium.SCREENSHOTS.resolve(name + ".html"), browser.getPageSource(),
        StandardCharsets.UTF_8);
  }

  /** Logs {@code user} (demo password) in to a Camunda webapp ({@code tasklist}, {@code cockpit}) afresh. */
  protected void login(String app, String user) {
    browser.manage().deleteAllCookies();
    browser.get(base() + "/camunda/app/" + app + "/default/");
    WebElement name = waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("input[ng-model='username']")));
    name.sendKeys(user);
    browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(DEMO_PASSWORD);
    browser.findElement(By.cssSelector("button[type='submit']")).click();
  }
}
