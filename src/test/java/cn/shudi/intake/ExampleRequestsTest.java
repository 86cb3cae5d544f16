package cn.shudi.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.CatalogLoader;
import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.datafile.DataProblem;
import cn.shudi.datafile.InvalidDataException;
import cn.shudi.organization.OrganizationLoader;

import org.springframework.core.io.DefaultResourceLoader;

/** The 样例诉求 files: how they are checked, what the shipped ones hold, what they teach the suggestion. */
class ExampleRequestsTest {

  static final String LOCATION = Path.of("jurisdictions").toAbsolutePath().toUri().toString();

  static Catalogs catalogs() {
    DefaultResourceLoader resources = new DefaultResourceLoader();
    return Catalogs.load(resources, LOCATION, new OrganizationLoader(resources, LOCATION).load(), new CatalogLoader());
  }

  @Test
  void everyProblemOfAFileIsNamedWithItsLineAndColumnAndTheWholeFileIsRefused() {
    Catalog zhangqiu = catalogs().of("zhangqiu");
    String file = String.join("\n",
        "# 注释行",
        "ZQ016\t地头有人烧麦茬",
        "ZQ016 没有制表符的一行",
        "ZQ999\t不在清单上的编码",
        "ZQ017\t",
        "NONE\t请问社保怎么查",
        "ZQ018\t地头有人烧麦茬",
        "ZQ019\t" + "很长".repeat(200),
        "");

    assertThatThrownBy(() -> ExampleRequests.parse("zhangqiu/examples.tsv", file, zhangqiu))
        .isInstanceOfSatisfying(InvalidDataException.class, e -> {
          assertThat(e.problems()).extracting(DataProblem::line, DataProblem::column).containsExactly(
              org.assertj.core.groups.Tuple.tuple(3L, null),
              org.assertj.core.groups.Tuple.tuple(4L, "编码"),
              org.assertj.core.groups.Tuple.tuple(5L, "诉求"),
              org.assertj.core.groups.Tuple.tuple(7L, "诉求"),
              org.assertj.core.groups.Tuple.tuple(8L, "诉求"));
          assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo("zhangqiu/examples.tsv"));
          assertThat(e.getMessage()).contains("缺少制表符").contains("「ZQ999」不是辖区「zhangqiu」清单（catalog.csv）的事项编码")
              .contains("诉求内容为空").contains("与第 2 行的诉求相同").contains("超过 300 字").contains("已整体拒绝");
        });
  }

  @Test
  void aValidFileGivesItsRequestsInOrderWithTheirCodes() {
    Catalog zhangqiu = catalogs().of("zhangqiu");

    List<IntakeStore.Evidence> examples = ExampleRequests.parse("zhangqiu/examples.tsv",
        "\uFEFF# 注释\r\nZQ016\t地头有人烧麦茬\r\n\r\nNONE\t 请问社保怎么查 \r\n", zhangqiu);

    assertThat(examples).containsExactly(new IntakeStore.Evidence("ZQ016", "地头有人烧麦茬"),
        new IntakeStore.Evidence("NONE", "请问社保怎么查"));
  }

  /** The shipped files: every item of each list in force has at least six, and each county has requests outside it. */
  @Test
  void theShippedExamplesCoverEveryItemOfEachListAndMattersOutsideIt() {
    Catalogs catalogs = catalogs();

    Map<String, List<IntakeStore.Evidence>> examples =
        ExampleRequests.load(new DefaultResourceLoader(), LOCATION, catalogs);

    assertThat(examples).containsOnlyKeys("zhangqiu", "yunxi");
    for (Catalog catalog : catalogs.all()) {
      Map<String, Long> perCode = examples.get(catalog.jurisdiction()).stream()
          .collect(Collectors.groupingBy(IntakeStore.Evidence::itemCode, Collectors.counting()));
      for (Item item : catalog.items()) {
        assertThat(perCode.getOrDefault(item.code(), 0L)).as("examples of %s", item.code()).isGreaterThanOrEqualTo(6);
      }
      assertThat(perCode.getOrDefault(ExampleRequests.NONE, 0L)).as("examples outside the list of %s",
          catalog.jurisdiction()).isGreaterThanOrEqualTo(100);
    }
  }

  @Test
  void anItemsExampleTeachesItWordsNoListTextHolds(@TempDir Path folder) throws IOException {
    copyWithoutExamples(Path.of("jurisdictions"), folder);
    String request = "老刘家地头又点起来了，黑烟滚滚一股焦糊味";
    ItemSuggester listAlone = ItemSuggester.of(folder);
    assertThat(listAlone.suggest("zhangqiu", request).candidates().get(0).code()).as("first without the example")
        .isNotEqualTo("ZQ016");
    Files.writeString(folder.resolve("zhangqiu/examples.tsv"), "ZQ016\t地头点起来了，黑烟滚滚焦糊味\n",
        StandardCharsets.UTF_8);

    Suggestion suggestion = ItemSuggester.of(folder).suggest("zhangqiu", request);

    assertThat(suggestion.candidates().get(0).code()).isEqualTo("ZQ016"); // 秸秆禁烧专项整治
    assertThat(suggestion.candidates().get(0).why()).anySatisfy(word -> assertThat(word).contains("焦糊味"));
  }

  @Test
  void examplesOutsideTheListJudgeAlikeRequestsOutsideAndAreNeverACandidate(@TempDir Path folder)
      throws IOException {
    copyWithoutExamples(Path.of("jurisdictions"), folder);
    String request = "俺家楼下那个超市的会员卡积分突然清零了，找了好几次都不给恢复";
    Files.writeString(folder.resolve("zhangqiu/examples.tsv"),
        "NONE\t超市会员卡积分清零了不给恢复\nNONE\t请问社保卡怎么补办\nNONE\t快递丢件了快递公司不赔\n", StandardCharsets.UTF_8);

    Suggestion suggestion = ItemSuggester.of(folder).suggest("zhangqiu", request);

    assertThat(suggestion.outsideList()).isTrue();
    assertThat(suggestion.candidates()).extracting(Suggestion.Candidate::code).doesNotContain(ExampleRequests.NONE)
        .allSatisfy(code -> assertThat(code).startsWith("ZQ"));
  }

  @Test
  void aBrokenExamplesFileStopsTheSuggestionFromLoading(@TempDir Path folder) throws IOException {
    copyWithoutExamples(Path.of("jurisdictions"), folder);
    Files.writeString(folder.resolve("yunxi/examples.tsv"), "YX001\t好的一行\nYX000\t编码不对\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ItemSuggester.of(folder)).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("样例诉求 yunxi/examples.tsv").hasMessageContaining("第2行 列「编码」");
  }

  private static void copyWithoutExamples(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (!file.getFileName().toString().equals(ExampleRequests.FILE)) {
          Files.copy(file, target);
        }
      }
    }
  }
}
