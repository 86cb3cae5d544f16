package cn.shudi.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The suggestion's rules, one test each, on the shipped lists and synonyms. */
class ItemSuggesterTest {

  static ItemSuggester suggester;

  @BeforeAll
  static void load() {
    suggester = ItemSuggester.of(Path.of("jurisdictions"));
  }

  @Test
  void aFoodWorkshopRanksTheFoodItemFirstWithTheMatchedWordsAsWhy() {
    String text = "村东头有个家庭作坊在做豆腐皮，卫生条件很差，也没看到有证";

    Suggestion suggestion = suggester.suggest("zhangqiu", text);

    assertThat(suggestion.outsideList()).isFalse();
    Suggestion.Candidate first = suggestion.candidates().get(0);
    assertThat(first.code()).isEqualTo("ZQ055"); // 食品小作坊小餐饮和食品摊点监管
    assertThat(first.why()).anySatisfy(word -> assertThat(word).contains("作坊"));
    assertThat(first.why()).allSatisfy(word -> assertThat(text).contains(word));
    assertThat(suggestion.candidates()).hasSizeLessThanOrEqualTo(3)
        .isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
  }

  @Test
  void aSynonymFindsTheItemThatNamesTheThingDifferently() {
    Suggestion suggestion = suggester.suggest("zhangqiu", "村西头地里有人在烧麦茬，烟很大，呛得人睁不开眼");

    assertThat(suggestion.outsideList()).isFalse();
    Suggestion.Candidate first = suggestion.candidates().get(0);
    assertThat(first.code()).isEqualTo("ZQ016"); // 秸秆禁烧专项整治: 麦茬 → 秸秆
    assertThat(first.why()).anySatisfy(word -> assertThat(word).contains("麦茬"));
  }

  @Test
  void learningAConfirmedRequestMovesItsItemUpForASimilarOne() {
    // the list alone: the shipped 样例诉求 already put YX034 first for this request
    ItemSuggester learning = ItemSuggester.of(Path.of("jurisdictions"), false);
    String similar = "单元楼电梯卡在两层中间，里面的人出不来";
    int before = rank(learning.suggest("yunxi", similar), "YX034"); // 电梯困人应急救援

    // a confirmed request weighs like the domain (Fields): one moves an item up a little, a few put it first
    double scoreBefore = score(learning.suggest("yunxi", similar), "YX034");
    learning.learn("yunxi", "YX034", "电梯突然停了，卡在两层中间，人出不来，打了电话没人来");
    assertThat(score(learning.suggest("yunxi", similar), "YX034")).as("score after one confirmation")
        .isGreaterThan(scoreBefore);
    learning.learn("yunxi", "YX034", "小区电梯坏在半截，卡住了，里面有老人出不来");
    learning.learn("yunxi", "YX034", "电梯卡在楼层中间不动了，门打不开，人困在里面");

    int after = rank(learning.suggest("yunxi", similar), "YX034");
    assertThat(after).as("rank of YX034 before %d, after learning", before).isEqualTo(0);
    assertThat(before).isNotEqualTo(0);
  }

  @Test
  void confirmationsReplayedAtOnceTeachWhatTheyTaughtOneByOne() {
    List<IntakeStore.Evidence> confirmed = List.of(
        new IntakeStore.Evidence("YX034", "电梯突然停了，卡在两层中间，人出不来，打了电话没人来"),
        new IntakeStore.Evidence("YX034", "小区电梯坏在半截，卡住了，里面有老人出不来"),
        new IntakeStore.Evidence("YX999", "一个已不在清单上的事项"));
    ItemSuggester oneByOne = ItemSuggester.of(Path.of("jurisdictions"));
    oneByOne.learn("yunxi", "YX034", confirmed.get(0).text());
    oneByOne.learn("yunxi", "YX034", confirmed.get(1).text());
    ItemSuggester atOnce = ItemSuggester.of(Path.of("jurisdictions"));

    assertThat(atOnce.learnAll("yunxi", confirmed)).as("the item no longer on the list left out").isEqualTo(2);

    String similar = "单元楼电梯卡在两层中间，里面的人出不来";
    assertThat(atOnce.suggest("yunxi", similar)).isEqualTo(oneByOne.suggest("yunxi", similar));
  }

  @Test
  void anOffTopicRequestIsJudgedOutsideTheList() {
    Suggestion suggestion = suggester.suggest("zhangqiu", "请问明天去济南的公交车时刻表是怎样的，末班车几点");

    assertThat(suggestion.outsideList()).isTrue();
  }

  @Test
  void anEmptyOrBlankRequestIsRefusedWithAChineseMessage() {
    for (String text : new String[] {"", "   \t", null}) {
      assertThatThrownBy(() -> suggester.suggest("zhangqiu", text)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("诉求内容为空");
    }
  }

  @Test
  void anUnknownCountyIsRefused() {
    assertThatThrownBy(() -> suggester.suggest("lixia", "路边有人烧秸秆")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("未知辖区「lixia」").hasMessageContaining("zhangqiu");
  }

  @Test
  void suggestionsRunConcurrentlyWhileItLearns() throws Exception {
    ItemSuggester shared = ItemSuggester.of(Path.of("jurisdictions"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> firsts = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        firsts.add(pool.submit(() -> {
          if (n % 10 == 0) {
            shared.learn("yunxi", "YX007", "地里有人点火烧麦秆 " + n);
          }
          return shared.suggest("yunxi", "田里有人烧麦茬，烟很大").candidates().get(0).code();
        }));
      }
      for (Future<String> first : firsts) {
        assertThat(first.get()).isEqualTo("YX007"); // 秸秆露天焚烧巡查管控
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static int rank(Suggestion suggestion, String code) {
    List<String> codes = suggestion.candidates().stream().map(Suggestion.Candidate::code).toList();
    return codes.indexOf(code) < 0 ? Integer.MAX_VALUE : codes.indexOf(code);
  }

  private static double score(Suggestion suggestion, String code) {
    return suggestion.candidates().stream().filter(c -> c.code().equals(code)).mapToDouble(Suggestion.Candidate::score)
        .findFirst().orElse(0);
  }
}
