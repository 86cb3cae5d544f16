package cn.shudi.intake;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

/**
 * The analyzers of the suggestion index. Words: smartcn's tokenizer (HMM over its dictionary), lower case, without
 * punctuation and the filler words of a request (我, 有人, 反映 …). Bigrams: every two neighbouring Chinese characters,
 * so that a name matches even where the tokenizer cut a word differently. The query side adds the synonyms people use
 * ({@code jurisdictions/synonyms.txt}) with a {@link SynonymGraphFilter}.
 */
final class Analyzers {

  /** Words that say nothing about which item a request is about: how people phrase a request. */
  static final CharArraySet FILLERS = new CharArraySet(List.of(
      // pronouns, particles, measure words
      "我", "我们", "你", "你们", "他", "他们", "她", "它", "这", "那", "这个", "那个", "这里", "那里", "这边", "那边", "这些",
      "那些", "的", "了", "着", "过", "地", "得", "吗", "呢", "吧", "啊", "呀", "嘛", "么", "是", "在", "有", "和", "与", "及",
      "或", "也", "都", "就", "还", "又", "再", "很", "太", "好", "多", "个", "一", "一个", "一些", "些", "每", "天天", "经常",
      "总是", "一直", "已经", "现在", "最近", "今天", "昨天", "晚上", "早上", "上午", "下午", "半夜", "夜里", "天", "年", "月",
      "日", "号", "点", "时", "次", "家", "条", "处", "把", "被", "给", "让", "从", "到", "对", "向", "往", "为", "因为", "所以",
      "但是", "而且", "如果", "没有", "没", "不", "不是", "能", "能否", "可以", "会", "要", "想", "应该", "什么", "怎么", "哪",
      "哪里", "谁", "多少", "几", "单位", "公司", "老板", "东西", "怎么办", "不给", "没人",
      // how a request is phrased
      "反映", "举报", "投诉", "请求", "希望", "请", "麻烦", "帮忙", "尽快", "处理", "解决", "管", "管管", "有关", "部门", "相关",
      "问题", "情况", "事情", "发现", "看到", "看见", "听说", "说", "村民", "居民", "群众", "市民", "老百姓", "网格员", "村里",
      "附近", "旁边", "门口", "周边", "一带", "我家", "家里", "小区", "村", "镇", "街道", "影响", "严重", "非常", "特别", "人",
      "有人", "某", "该", "其", "等", "进行", "存在", "造成", "导致", "一下", "来", "去", "上", "下", "里", "中", "后", "前"),
      false);

  private Analyzers() {
  }

  /** Words as the index holds them. */
  static Analyzer words() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new HMMChineseTokenizer();
        TokenStream stream = new LowerCaseFilter(source);
        stream = new StopFilter(stream, SmartChineseAnalyzer.getDefaultStopSet());
        stream = new StopFilter(stream, FILLERS);
        return new TokenStreamComponents(source, stream);
      }
    };
  }

  /**
   * The synonyms of a request: its characters (each Chinese character one token, Latin words and numbers whole) through
   * a {@link SynonymGraphFilter} whose rules match character sequences, so a synonym is found however the tokenizer
   * would cut the sentence around it (smartcn cuts 「烧麦茬」 alone as 烧|麦茬, in 「在烧麦茬，」 as 烧|麦|茬). Each synonym
   * comes out as one token of type {@link SynonymGraphFilter#TYPE_SYNONYM}, with the offsets of the words it stands for.
   */
  static Analyzer synonymsOf(SynonymMap synonyms) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new LowerCaseFilter(source);
        if (synonyms.fst != null) {
          stream = new SynonymGraphFilter(stream, synonyms, true);
        }
        return new TokenStreamComponents(source, stream);
      }
    };
  }

  /** Characters as {@link #synonymsOf} reads them. */
  static Analyzer characters() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        return new TokenStreamComponents(source, new LowerCaseFilter(source));
      }
    };
  }

  /** Two neighbouring Chinese characters (and whole Latin words and numbers), without the filler words. */
  static Analyzer bigrams() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new LowerCaseFilter(source);
        stream = new CJKBigramFilter(stream, CJKBigramFilter.HAN, false);
        stream = new StopFilter(stream, FILLERS);
        return new TokenStreamComponents(source, stream);
      }
    };
  }

  /** The index side: words, and bigrams in the bigram fields. */
  static Analyzer index() {
    return new PerFieldAnalyzerWrapper(words(), Map.of(Fields.NAME_BIGRAMS, bigrams(), Fields.TEXT_BIGRAMS, bigrams()));
  }

  /**
   * Synonyms in Solr's format: {@code 麦茬,麦秸,秸秆} (all the same, each expands to all) or {@code 黑车 => 非法营运}; lines
   * starting with {@code #} are comments. A rule's input is matched character by character ({@link #synonymsOf}); its
   * output is one token, the synonym as written, which the suggestion then cuts into words like the index.
   *
   * @throws IllegalArgumentException naming the line when the text is not in that format
   */
  static SynonymMap synonyms(String text) {
    try (Analyzer whole = new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new KeywordTokenizer();
        return new TokenStreamComponents(source, new LowerCaseFilter(source));
      }
    }; Analyzer characters = characters()) {
      SolrSynonymParser parser = new SolrSynonymParser(true, true, whole) {
        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
          super.add(charactersOf(characters, input.toString()), output, includeOrig);
        }
      };
      parser.parse(new StringReader(text));
      return parser.build();
    } catch (ParseException e) {
      throw new IllegalArgumentException("同义词文件第 " + e.getErrorOffset() + " 行格式有误：" + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CharsRef charactersOf(Analyzer characters, String word) {
    List<String> parts = new ArrayList<>();
    try (TokenStream stream = characters.tokenStream("", word)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        parts.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("同义词「" + word + "」没有可匹配的字");
    }
    return SynonymMap.Builder.join(parts.toArray(String[]::new), new CharsRefBuilder());
  }
}
