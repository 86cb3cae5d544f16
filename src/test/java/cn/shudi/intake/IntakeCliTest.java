package cn.shudi.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code suggest <county> --file <texts>}: one line per request, line number then codes, NONE first off the list. */
class IntakeCliTest {

  @TempDir
  Path folder;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final IntakeCli cli = new IntakeCli(() -> ItemSuggester.of(Path.of("jurisdictions")),
      new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

  @Test
  void printsTheLineNumberAndUpToThreeCodesPerRequestWithNoneFirstOffTheList() throws IOException {
    Path texts = Files.writeString(folder.resolve("诉求.txt"), """
        村西头地里有人在烧麦茬，烟很大

        请问明天去济南的公交车时刻表是怎样的
        拉土的渣土车一路掉土，马路上全是泥
        """, StandardCharsets.UTF_8);

    int code = cli.run("suggest", "zhangqiu", "--file", texts.toString());

    assertThat(code).isEqualTo(IntakeCli.OK);
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).matches("1\tZQ016(\tZQ\\d{3}){0,2}");
    assertThat(lines[1]).matches("3\tNONE(\tZQ\\d{3}){0,3}");
    assertThat(lines[2]).matches("4\tZQ073(\tZQ\\d{3}){0,2}");
  }

  @Test
  void anUnknownCountyIsAnErrorInChinese() throws IOException {
    Path texts = Files.writeString(folder.resolve("t.txt"), "路边有人烧秸秆\n", StandardCharsets.UTF_8);

    assertThat(cli.run("suggest", "lixia", "--file", texts.toString())).isEqualTo(IntakeCli.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("未知辖区「lixia」");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aMissingFileIsAnErrorInChinese() {
    assertThat(cli.run("suggest", "zhangqiu", "--file", folder.resolve("无.txt").toString()))
        .isEqualTo(IntakeCli.INVALID);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("不存在");
  }

  @Test
  void anEmptyFileIsAnErrorInChinese() throws IOException {
    Path texts = Files.writeString(folder.resolve("空.txt"), "\n  \n", StandardCharsets.UTF_8);

    assertThat(cli.run("suggest", "zhangqiu", "--file", texts.toString())).isEqualTo(IntakeCli.INVALID);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("是空的");
  }

  @Test
  void aWrongCommandLineShowsTheUsage() {
    assertThat(cli.run("suggest", "zhangqiu")).isEqualTo(IntakeCli.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("用法");
  }
}
