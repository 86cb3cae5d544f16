package cn.shudi.browser;

import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.shudi.support.BrowserTestBase;
import cn.shudi.support.PlatformTest;

/**
 * The grid workers' page (issue 19, docs/grid-mobile.md) in a real browser at phone size (360×740): the demo grid
 * worker of 明水街道 logs in, files a report with a photo (compressed in the browser) and the phone's location, sees it
 * in 我的上报 with its state; then, with the network off, files another, sees it queued (待发送), and when the network
 * returns sees it sent and stored once — also when the queue sends it a second time (a replay, refused by its
 * client-side id and shown as sent). Screenshots go to target/screenshots/ (30-… onwards).
 */
@Tag("browser")
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GridMobileInBrowserTest extends BrowserTestBase {

  static final String WORKER = "zhangqiu_mingshui_grid";

  @Autowired
  JdbcClient jdbc;


  @BeforeAll
  void emulateAPhone() throws IOException {
    browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 360, "height", 740, "deviceScaleFactor", 1, "mobile", true));
    browser.executeCdpCommand("Browser.grantPermissions",
        Map.of("origin", base(), "permissions", List.of("geolocation")));
    browser.executeCdpCommand("Emulation.setGeolocationOverride",
        Map.of("latitude", 36.7121, "longitude", 117.5376, "accuracy", 10));
  }





  WebElement byId(String id) {
    return browser.findElement(By.id(id));
  }

  WebElement visible(String id, int seconds) {
    return waitUpTo(seconds).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  void scrollTo(WebElement element) {
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
  }

  /** A tab of the page, scrolled from under the sticky title bar first. */
  void tab(String id) {
    scrollTo(byId(id));
    byId(id).click();
  }

  /** A noisy 2400×1800 PNG (about 10 MB of pixels): the page must shrink it to 1600 px and under 1 MB. */
  static Path photo() throws IOException {
    BufferedImage image = new BufferedImage(2400, 1800, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(90, 140, 200), 2400, 1800, new Color(200, 160, 90)));
    g.fillRect(0, 0, 2400, 1800);
    g.dispose();
    Random random = new Random(19);
    for (int y = 0; y < 1800; y += 2) {
      for (int x = 0; x < 2400; x += 2) {
        image.setRGB(x, y, image.getRGB(x, y) ^ random.nextInt(0x202020));
      }
    }
    Path file = Files.createTempFile("grid-photo", ".png");
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  Map<String, Object> storedWithText(String text) {
    List<Map<String, Object>> rows = jdbc.sql("select * from shudi_intake_request where text = :t").param("t", text)
        .query().listOfRows();
    assertThat(rows).as("stored once: %s", text).hasSize(1);
    return rows.get(0);
  }

  long countWithText(String text) {
    return jdbc.sql("select count(*) from shudi_intake_request where text = :t").param("t", text).query(Long.class)
        .single();
  }

  void offline(boolean off) {
    ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
    conditions.setOffline(off);
    if (off) {
      browser.setNetworkConditions(conditions);
    } else {
      browser.deleteNetworkConditions();
    }
  }

  @Test
  @Order(1)
  void theWorkerLogsInFilesAReportWithAPhotoAndSeesItInMyReports() throws IOException {
    String text = "明水街道百脉泉路东段路灯连续三晚不亮，老人夜间散步摔倒（" + System.nanoTime() % 100000 + "）";
    browser.get(base() + "/grid/");
    WebElement user = visible("login-user", 30);
    screenshot("30-grid-login");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("网格员上报", "登录", "用户名", "密码");
    user.sendKeys(WORKER);
    byId("login-password").sendKeys(DEMO_PASSWORD);
    byId("login-submit").click();
    try {
      visible("report-text", 30);
    } catch (TimeoutException e) {
      screenshot("31-grid-not-logged-in");
      throw e;
    }
    assertThat(byId("who-grid").getText()).contains("明水街道", "网格");
    assertThat(byId("report-grid").getAttribute("value")).isEqualTo("mingshui-01");
    assertThat(browser.executeScript("return JSON.stringify(localStorage)")).as("nothing in localStorage")
        .isEqualTo("{}");
    assertThat((String) browser.executeScript("return sessionStorage.getItem('shudi.grid.session')"))
        .contains("Basic ");
    assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth"))
        .as("no sideways scrolling on a 360 px phone").isLessThanOrEqualTo(360L);
    screenshot("31-grid-report-empty");

    browser.findElement(By.cssSelector("input[name=kind][value=livelihood]")).click();
    byId("report-text").sendKeys(text);
    byId("report-photo").sendKeys(photo().toAbsolutePath().toString());
    waitUpTo(30).until(driver -> byId("photo-info").getText().contains("KB"));
    assertThat(byId("photo-info").getText()).startsWith("1600×1200");
    byId("locate").click();
    waitUpTo(30).until(driver -> byId("location").getText().contains("北纬"));
    assertThat(byId("location").getText()).contains("36.7121", "117.5376");
    scrollTo(byId("locate"));
    screenshot("32-grid-report-filled");

    byId("report-submit").click();
    try {
      waitUpTo(60).until(driver -> byId("report-message").getText().contains("已提交"));
    } catch (TimeoutException e) {
      screenshot("33-grid-report-not-sent");
      throw e;
    }
    scrollTo(byId("report-message"));
    screenshot("33-grid-report-sent");

    Map<String, Object> stored = storedWithText(text);
    assertThat(stored).containsEntry("SOURCE", "grid").containsEntry("RECEIVED_BY", WORKER)
        .containsEntry("GRID", "mingshui-01").containsEntry("TOWNSHIP", "mingshui").containsEntry("KIND",
            "livelihood").containsEntry("STATE", "received");
    assertThat(((Number) stored.get("LATITUDE")).doubleValue()).isCloseTo(36.7121, org.assertj.core.data.Offset
        .offset(0.0001));
    assertThat((String) stored.get("EXTERNAL_ID")).startsWith("grid-");
    Map<String, Object> photo = jdbc.sql("select content_type, octet_length(bytes) as size from shudi_intake_photo "
        + "where request_id = :r").param("r", stored.get("ID")).query().singleRow();
    assertThat(photo.get("CONTENT_TYPE")).isEqualTo("image/jpeg");
    assertThat(((Number) photo.get("SIZE")).longValue()).isBetween(1L, 1024L * 1024);

    tab("tab-mine");
    By mine = By.cssSelector("#mine-list li[data-id='" + stored.get("ID") + "']");
    WebElement item = waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(mine));
    assertThat(item.getText()).contains(text, "待研判", "民生诉求", "mingshui-01");
    screenshot("34-grid-my-reports");
  }

  @Test
  @Order(2)
  void aReportFiledOfflineIsQueuedAndSentOnceWhenTheNetworkReturns() throws IOException {
    String text = "明水街道绣水大街积水井盖松动，车辆经过有响声，存在安全隐患（" + System.nanoTime() % 100000 + "）";
    browser.get(base() + "/grid/");
    visible("report-text", 30);
    waitUpTo(30).until(driver -> Boolean.TRUE.equals(browser.executeScript(
        "return !!navigator.serviceWorker && !!navigator.serviceWorker.controller")));

    @SuppressWarnings("unchecked")
    List<String> cached = (List<String>) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "caches.keys().then((names) => Promise.all(names.map((n) => caches.open(n).then((c) => c.keys()))))"
        + ".then((all) => done(all.flat().map((r) => new URL(r.url).pathname)));");
    assertThat(cached).as("the service worker's cache: the page's own files, no data")
        .contains("/grid/", "/grid/index.html", "/grid/app.js", "/grid/app.css", "/grid/manifest.json")
        .noneMatch(path -> path.startsWith("/api"));

    offline(true);
    try {
      waitUpTo(15).until(driver -> byId("net").getText().equals("离线"));
      browser.navigate().refresh(); // the page's own files come from the service worker's cache
      visible("report-text", 30);
      browser.findElement(By.cssSelector("input[name=kind][value=enforcement]")).click();
      byId("report-text").sendKeys(text);
      byId("report-submit").click();
      waitUpTo(30).until(driver -> byId("report-message").getText().contains("待发送"));
      screenshot("35-grid-offline-saved");
      tab("tab-mine");
      WebElement queued = waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(
          By.xpath("//ul[@id='queue']/li[contains(.,'" + text + "')]")));
      assertThat(queued.getText()).contains("待发送", "执法诉求");
      screenshot("36-grid-offline-queued");
      assertThat(countWithText(text)).as("nothing reached the platform").isZero();
    } finally {
      offline(false);
    }

    try {
      waitUpTo(90).until(driver -> countWithText(text) == 1 && browser.findElements(By.cssSelector("#queue li"))
          .isEmpty());
      waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(
          By.xpath("//ul[@id='mine-list']/li[contains(.,'" + text + "')]")));
    } catch (TimeoutException e) {
      screenshot("37-grid-online-not-sent");
      throw e;
    }
    screenshot("37-grid-online-sent");
    Map<String, Object> stored = storedWithText(text);
    assertThat(stored).containsEntry("SOURCE", "grid").containsEntry("RECEIVED_BY", WORKER)
        .containsEntry("KIND", "enforcement").containsEntry("GRID", "mingshui-01");
    String clientId = (String) stored.get("EXTERNAL_ID");
    assertThat(clientId).startsWith("grid-");

    // the same report queued again (a resend after a lost answer): refused as a replay, shown as sent, stored once
    Object put = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "const open = indexedDB.open('shudi-grid', 1);"
        + "open.onsuccess = () => { const tx = open.result.transaction('queue', 'readwrite');"
        + "tx.objectStore('queue').put({id: arguments[0], user: arguments[1], county: 'zhangqiu',"
        + " createdAt: new Date().toISOString(), kind: 'enforcement', text: arguments[2], grid: 'mingshui-01',"
        + " latitude: null, longitude: null, photo: null});"
        + "tx.oncomplete = () => { open.result.close(); done('ok'); }; tx.onerror = () => done('failed'); };"
        + "open.onerror = () => done('failed');", clientId, WORKER, text);
    assertThat(put).isEqualTo("ok");
    byId("refresh").click();
    waitUpTo(30).until(driver -> browser.findElements(By.cssSelector("#queue li")).isEmpty());
    assertThat(countWithText(text)).as("the replay is not stored twice").isEqualTo(1);
    assertThat(byId("mine").getText()).doesNotContain("未受理");
  }
}
