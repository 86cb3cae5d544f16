package cn.shudi.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and chromedriver for the browser tests (tag {@code browser}): headless, Chinese
 * locale, a fresh profile, screenshots under {@code target/screenshots}. Fails with what to install when
 * either program is missing.
 */
public final class HeadlessChromium {

  public static final String CHROMIUM = "/usr/bin/chromium";
  public static final String DRIVER = "/usr/bin/chromedriver";
  public static final Path SCREENSHOTS = Path.of("target/screenshots");

  private HeadlessChromium() {
  }

  public static WebDriver start() throws IOException {
    for (String program : List.of(CHROMIUM, DRIVER)) {
      assertThat(new File(program)).as("缺少 %s：请安装 apt-get install chromium chromium-driver fonts-noto-cjk "
          + "(bash .ci/run installs them)", program).exists();
    }
    Files.createDirectories(SCREENSHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=zh-CN",
        "--window-size=1600,1000", "--user-data-dir=" + Files.createTempDirectory("shudi-chromium"));
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
    return new ChromeDriver(service, options);
  }

  /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
  public static void screenshot(WebDriver browser, String name) throws IOException {
    Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
