package cn.shudi.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A platform with one county only (Zhangqiu): each shared process is then deployed once, which the
 * process-test-coverage library needs (it looks models up by key without a tenant).
 */
public final class ZhangqiuOnly {

  private static Path folder;

  private ZhangqiuOnly() {
  }

  public static synchronized void register(DynamicPropertyRegistry registry) {
    if (folder == null) {
      try {
        folder = Files.createTempDirectory("shudi-zhangqiu-only");
        Files.createDirectories(folder.resolve("zhangqiu"));
        for (String file : new String[] {"units.csv", "catalog.csv"}) {
          Files.copy(Path.of("jurisdictions/zhangqiu").resolve(file), folder.resolve("zhangqiu").resolve(file),
              StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(folder.resolve("jurisdictions.csv"),
            "code,name,short_name,prefecture,time_zone\nzhangqiu,济南市章丘区,章丘区,济南市,Asia/Shanghai\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    registry.add("shudi.organization.location", () -> folder.toUri().toString());
  }
}
