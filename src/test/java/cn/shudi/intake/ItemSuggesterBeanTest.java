package cn.shudi.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.shudi.support.PlatformTest;

/** The platform's bean: the lists in force and the synonyms from the classpath's jurisdictions folder. */
@PlatformTest
class ItemSuggesterBeanTest {

  @Autowired
  ItemSuggester suggester;

  @Test
  void theBeanSuggestsOnTheListsInForceWithTheSynonyms() {
    Suggestion suggestion = suggester.suggest("yunxi", "田里有人烧麦茬，烟很大");

    assertThat(suggestion.outsideList()).isFalse();
    assertThat(suggestion.candidates().get(0).code()).isEqualTo("YX007"); // 秸秆露天焚烧巡查管控: 麦茬 → 秸秆
  }
}
