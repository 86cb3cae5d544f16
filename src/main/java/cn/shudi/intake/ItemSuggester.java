package cn.shudi.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.PerFieldSimilarityWrapper;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.springframework.core.io.DefaultResourceLoader;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.CatalogLoader;
import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.catalog.Responsibility;
import cn.shudi.catalog.Step;
import cn.shudi.organization.OrganizationLoader;

/**
 * 研判: which items of a county's list in force a request (free text from the 12345 hotline, a grid worker, an
 * enterprise) is about, and whether it is outside the list.
 *
 * <p><b>The index.</b> Per county one in-memory Lucene index over the list in force ({@link Catalogs#of}), one document
 * per item, built at the first request and again when another list version comes in force. Fields and weights
 * ({@link Fields#SEARCHED}): the item's name ×4 (words) and ×1.5 (bigrams), every unit's duties (step names and
 * descriptions) ×1.5 and their bigrams ×0.5, the item's 样例诉求 and the requests confirmed for it ×3, the domain ×1,
 * the legal basis ×0.4. Words are cut by smartcn ({@code HMMChineseTokenizer}), without punctuation and the filler
 * words of a request ({@link Analyzers#FILLERS}); similarity is BM25. At query time the request gets the synonyms
 * people use ({@code jurisdictions/synonyms.txt}, Solr format), found on its characters by a
 * {@code SynonymGraphFilter} ({@link Analyzers#synonymsOf}); the synonyms of one stretch of the request count as one
 * word. The candidates' why: the stretches of the request whose words, synonyms or bigrams the item holds.
 *
 * <p><b>样例诉求.</b> Each county's {@code examples.tsv} ({@link ExampleRequests}) holds requests written the way
 * citizens, grid workers, enterprises and townships phrase them, six per item, and requests outside the list. An item's
 * examples join its document as if confirmed; those outside the list form one more document that is never a
 * candidate, only measured against: how much closer a request is to them than to the best item is one feature of the
 * off-list model. They bring the everyday words no list text holds (地里冒烟, 黑车拉客) and the everyday matters no item
 * covers (宽带, 快递, 社保查询).
 *
 * <p><b>Outside the list.</b> A request is judged outside the list (清单之外) when
 * <ul>
 *   <li>no item matches any of its words;
 *   <li>it asks for information or a service rather than reporting a matter ({@link #CONSULTATION}: 时刻表, 怎么申请,
 *       怎么补办 …);
 *   <li>or a small logistic model ({@link #OFF_LIST_MODEL}) gives it a probability of at least
 *       {@value #OFF_LIST_PROBABILITY} of being outside. Its five features ({@link #features}) explain the judgment:
 *       how well the best item matches (ln(1 + its score)), how much of the request the best item covers (the share of
 *       the request's words it holds, itself or by a synonym, each weighted by how rare it is in the list, so a request
 *       whose rare words no item holds is not covered), whether the request is phrased as a question ({@link #ASKING}:
 *       请问, 想咨询, 几点, 在哪里 …), the request's length (ln(1 + its distinct words)) and how much better the examples
 *       outside the list match it than the best item (ln(1 + their score) − ln(1 + the best item's score)). A county
 *       without examples outside the list is judged by the first four alone ({@link #OFF_LIST_MODEL_WITHOUT_EXAMPLES}).
 * </ul>
 * The models were fitted on the dev sets only (never the held-out evaluation sets) by {@code OffListModelFit}; README
 * has the figures and {@code SuggestionQualityTest} measures them. The best guesses are returned either way: the
 * dispatcher sees the three candidates and confirms, so a request wrongly judged outside costs more than one wrongly
 * kept, hence the threshold above 0.5.
 *
 * <p><b>Learning.</b> {@link #learn} adds a confirmed request to its item's document (field {@code evidence}), so the
 * next similar request ranks that item higher. The index holds it in memory; the dispatch (派单, {@link IntakeDesk})
 * stores each confirmed request ({@code shudi_intake_evidence}) and {@link IntakeEvidence} replays them at start-up.
 * Another node learns a confirmation made elsewhere only at its next start.
 *
 * <p>Thread-safe: suggestions read an immutable snapshot of the county's index (any number at once, no lock); a
 * confirmation or a new list version builds the next snapshot under the suggester's lock and swaps it in.
 */
public class ItemSuggester {

  /** At most this many candidates. */
  static final int CANDIDATES = 3;
  /** Outside the list when the best item matches fewer distinct words of the request. */
  static final int MIN_MATCHED_WORDS = 1;
  /**
   * The off-list model: a logistic regression, intercept then the weights of {@link #features} (ln(1 + best score),
   * coverage, asking, ln(1 + words), ln(1 + score outside) − ln(1 + best score)). Fitted by {@code OffListModelFit} (a
   * main in the test sources: Newton's method, classes weighted to balance, L2 0.01) with the 样例诉求 in the index, on
   * the three dev sets of each county ({@code src/test/resources/intake/<county>-dev.tsv}, {@code -dev2.tsv},
   * {@code -dev3.tsv}; 1025 requests on the lists, 175 outside), without the requests the fixed rules already judge (no
   * match, {@link #CONSULTATION}); never on the held-out sets.
   */
  static final double[] OFF_LIST_MODEL = {21.573, -1.651, -6.747, 3.436, -5.611, 2.504};
  /**
   * The model for a county without examples outside the list: the first four features, fitted the same way on the first
   * two dev sets with the list and synonyms alone (before there were examples).
   */
  static final double[] OFF_LIST_MODEL_WITHOUT_EXAMPLES = {20.257, -2.684, -9.013, 5.667, -5.584};
  /**
   * Outside the list from this probability on. Above 0.5 because the dispatcher sees the candidates either way and a
   * request wrongly judged outside costs more than one wrongly kept: on the dev sets 0.8 judges 1.5 % of the requests on
   * the lists outside and recognises 93.7 % of those outside (0.5: 3.2 % and 98.3 %). Set before the examples and kept.
   */
  static final double OFF_LIST_PROBABILITY = 0.8;

  /**
   * How people ask for information or a service (办事咨询) rather than report a matter: timetables, how to apply, how to
   * get a document again. The list holds matters the units must act on, never a consultation.
   */
  static final List<String> CONSULTATION = List.of("时刻表", "怎么申请", "如何申请", "怎么办理", "如何办理", "怎么补办",
      "如何补办", "怎么查询", "如何查询", "怎么缴费", "怎么报名", "如何报名", "怎么退税", "怎么换证", "异地使用",
      "需要什么材料", "需要哪些材料", "在哪里办", "去哪里办");

  /**
   * How people ask a question (请问, 想咨询, 几点, 在哪里 …): one feature of the off-list model ({@link #features}); a
   * matter the units must act on is reported, rarely asked about.
   */
  static final List<String> ASKING = List.of("请问", "想问", "问一下", "问问", "咨询", "想了解", "了解一下", "几点",
      "在哪里", "在哪儿", "去哪里", "去哪儿", "要带什么", "需要带", "怎么交", "怎么换", "怎么查", "怎么补", "怎么激活",
      "怎么上户口");

  /**
   * BM25 (k1 1.2, b 0.75), but without length normalisation in {@link Fields#EVIDENCE} and {@link Fields#EXAMPLES}: each
   * further confirmed request of an item adds to it (with normalisation a growing evidence field would dilute what it
   * already had), and an item's examples are as many as its neighbours'.
   */
  static final Similarity SIMILARITY = new PerFieldSimilarityWrapper() {
    private final Similarity plain = new BM25Similarity();
    private final Similarity evidence = new BM25Similarity(1.2f, 0.0f);

    @Override
    public Similarity get(String field) {
      return Fields.EVIDENCE.equals(field) || Fields.EXAMPLES.equals(field) ? evidence : plain;
    }
  };

  private final Catalogs catalogs;
  private final SynonymMap synonyms;
  private final Analyzer indexAnalyzer = Analyzers.index();
  private final Analyzer words = Analyzers.words();
  private final Analyzer synonymsOf;
  private final Analyzer bigrams = Analyzers.bigrams();
  private final Map<String, CountyIndex> counties = new ConcurrentHashMap<>();
  /** Confirmed requests per county and item code, in the order they were confirmed. */
  private final Map<String, Map<String, List<String>>> evidence = new ConcurrentHashMap<>();
  /** 样例诉求 per county ({@link ExampleRequests}), learnt before any confirmation. */
  private final Map<String, List<IntakeStore.Evidence>> examples;

  /**
   * @param catalogs the lists in force
   * @param synonymsText the synonyms in Solr's format ({@code jurisdictions/synonyms.txt})
   */
  public ItemSuggester(Catalogs catalogs, String synonymsText) {
    this(catalogs, synonymsText, Map.of());
  }

  /**
   * @param catalogs the lists in force
   * @param synonymsText the synonyms in Solr's format ({@code jurisdictions/synonyms.txt})
   * @param examples the 样例诉求 per county ({@code jurisdictions/<county>/examples.tsv}, {@link ExampleRequests})
   */
  ItemSuggester(Catalogs catalogs, String synonymsText, Map<String, List<IntakeStore.Evidence>> examples) {
    this.catalogs = catalogs;
    this.synonyms = Analyzers.synonyms(synonymsText);
    this.synonymsOf = Analyzers.synonymsOf(synonyms);
    this.examples = Map.copyOf(examples);
  }

  /**
   * Without Spring (the command line, the benchmark): the lists, synonyms and 样例诉求 of a {@code jurisdictions} folder.
   *
   * @throws cn.shudi.datafile.InvalidDataException when a list or an examples file has problems
   */
  public static ItemSuggester of(Path folder) {
    return of(folder, true);
  }

  /**
   * @param withExamples false for the list and synonyms alone, as a county without {@code examples.tsv} starts (to
   *     measure what the examples bring)
   */
  static ItemSuggester of(Path folder, boolean withExamples) {
    String location = folder.toAbsolutePath().toUri().toString();
    DefaultResourceLoader resources = new DefaultResourceLoader();
    Catalogs catalogs = Catalogs.load(resources, location,
        new OrganizationLoader(resources, location).load(), new CatalogLoader());
    String slashed = location.endsWith("/") ? location : location + "/";
    String synonymsText;
    try {
      synonymsText = Files.readString(folder.resolve("synonyms.txt"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("读取同义词文件 " + folder.resolve("synonyms.txt") + " 失败：" + e.getMessage(), e);
    }
    return new ItemSuggester(catalogs, synonymsText,
        withExamples ? ExampleRequests.load(resources, slashed, catalogs) : Map.of());
  }

  /**
   * The items a request is about, best first, and whether it is outside the list.
   *
   * @throws IllegalArgumentException for an unknown county or an empty request, with a Chinese message
   */
  public Suggestion suggest(String county, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("诉求内容为空：请填写诉求的具体内容后再研判");
    }
    CountyIndex index = index(county);
    Snapshot snapshot = index.acquire();
    try {
      return suggest(county, text, snapshot);
    } finally {
      release(snapshot);
    }
  }

  private static void release(Snapshot snapshot) {
    try {
      snapshot.searcher.getIndexReader().decRef();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Suggestion suggest(String county, String text, Snapshot snapshot) {
    Scored scored = score(text, snapshot);
    return new Suggestion(county, scored.candidates(), outside(text, scored));
  }

  /**
   * What the off-list judgment reads of a request: its candidates, how many distinct stretches of it the best one
   * matched, the share of its words (weighted by rarity) the best one holds, and its number of distinct words.
   */
  record Scored(List<Suggestion.Candidate> candidates, int bestMatched, double coverage, int words,
      boolean outsideExamples, double outsideScore) {
    double best() {
      return candidates.isEmpty() ? 0 : candidates.get(0).score();
    }

    double second() {
      return candidates.size() < 2 ? 0 : candidates.get(1).score();
    }
  }

  /** The request's features as the off-list judgment sees them (for fitting and tests). */
  Scored scored(String county, String text) {
    Snapshot snapshot = index(county).acquire();
    try {
      return score(text, snapshot);
    } finally {
      release(snapshot);
    }
  }

  static boolean asking(String text) {
    return ASKING.stream().anyMatch(text::contains);
  }

  static boolean consultation(String text) {
    return CONSULTATION.stream().anyMatch(text::contains);
  }

  /**
   * The off-list model's features of a request: {@code ln(1 + best score)}, the share of the request's words the best
   * item holds (weighted by rarity, {@link Scored#coverage}), whether it is phrased as a question ({@link #ASKING}),
   * {@code ln(1 + distinct words of the request)}.
   */
  static double[] features(String text, Scored scored) {
    double[] features = {Math.log1p(scored.best()), scored.coverage(), asking(text) ? 1 : 0,
        Math.log1p(scored.words()), Math.log1p(scored.outsideScore()) - Math.log1p(scored.best())};
    return scored.outsideExamples() ? features : Arrays.copyOf(features, 4);
  }

  /** The probability the off-list model gives that a request is outside the list. */
  static double offListProbability(String text, Scored scored) {
    double[] x = features(text, scored);
    double[] model = scored.outsideExamples() ? OFF_LIST_MODEL : OFF_LIST_MODEL_WITHOUT_EXAMPLES;
    double z = model[0];
    for (int i = 0; i < x.length; i++) {
      z += model[i + 1] * x[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  private static boolean outside(String text, Scored scored) {
    return scored.candidates().isEmpty() || scored.bestMatched() < MIN_MATCHED_WORDS || consultation(text)
        || offListProbability(text, scored) >= OFF_LIST_PROBABILITY;
  }

  private Scored score(String text, Snapshot snapshot) {
    List<Token> requestWords = tokens(words, text);
    List<Token> requestPairs = tokens(bigrams, text);
    List<Token> tokens = new ArrayList<>(requestWords);
    List<Token> pairs = new ArrayList<>(requestPairs);
    List<Token> synonymTokens = new ArrayList<>();
    Map<String, List<Synonym>> synonymsBySpan = new LinkedHashMap<>();
    for (Token synonym : synonyms(text)) {
      List<Token> synonymWords = tokens(words, synonym.term).stream()
          .map(t -> new Token(t.term, synonym.start, synonym.end)).toList();
      List<Token> synonymPairs = tokens(bigrams, synonym.term).stream()
          .map(t -> new Token(t.term, synonym.start, synonym.end)).toList();
      synonymsBySpan.computeIfAbsent(synonym.span(), s -> new ArrayList<>()).add(new Synonym(synonymWords, synonymPairs));
      tokens.addAll(synonymWords);
      synonymTokens.addAll(synonymWords);
      pairs.addAll(synonymPairs);
    }
    Query query = query(requestWords, requestPairs, synonymsBySpan.values());
    try {
      TopDocs top = snapshot.searcher.search(query, CANDIDATES + 1);
      int items = snapshot.terms.size();
      List<Suggestion.Candidate> candidates = new ArrayList<>();
      int bestMatched = 0;
      double coverage = 0;
      for (ScoreDoc hit : top.scoreDocs) {
        String code = snapshot.searcher.storedFields().document(hit.doc).get(Fields.CODE);
        if (ExampleRequests.NONE.equals(code) || candidates.size() == CANDIDATES) {
          continue;
        }
        Terms terms = snapshot.terms.get(code);
        Set<String> matchedSpans = new HashSet<>();
        Map<Integer, Integer> spans = new TreeMap<>();
        for (Token token : tokens) {
          if (terms.words.contains(token.term)) {
            matchedSpans.add(token.span());
            spans.merge(token.start, token.end, Math::max);
          }
        }
        for (Token pair : pairs) {
          if (terms.bigrams.contains(pair.term)) {
            spans.merge(pair.start, pair.end, Math::max);
          }
        }
        if (candidates.isEmpty()) {
          bestMatched = matchedSpans.size();
          // the share of the request's words (weighted by how rare they are in the list) the best item holds, itself
          // or by a synonym of the stretch
          double all = 0;
          double held = 0;
          Set<String> seen = new HashSet<>();
          for (Token word : requestWords) {
            if (!seen.add(word.term)) {
              continue;
            }
            double weight = idf(items, itemsHolding(snapshot, word.term));
            all += weight;
            boolean matched = terms.words.contains(word.term) || synonymTokens.stream()
                .anyMatch(s -> s.start < word.end && word.start < s.end && terms.words.contains(s.term));
            held += matched ? weight : 0;
          }
          coverage = all == 0 ? 0 : held / all;
        }
        candidates.add(new Suggestion.Candidate(code, terms.name, hit.score, why(text, spans)));
      }
      int distinctWords = (int) requestWords.stream().map(Token::term).distinct().count();
      double outsideScore = snapshot.outsideExamples() ? outsideScore(snapshot, query) : 0;
      return new Scored(candidates, bestMatched, coverage, distinctWords, snapshot.outsideExamples(), outsideScore);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The score of the examples outside the list (one search of their document), read only when the county has some. */
  private static double outsideScore(Snapshot snapshot, Query query) throws IOException {
    TopDocs outside = snapshot.searcher.search(new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term(Fields.CODE, ExampleRequests.NONE)), BooleanClause.Occur.FILTER).build(), 1);
    return outside.scoreDocs.length == 0 ? 0 : outside.scoreDocs[0].score;
  }

  private static double idf(int items, int holding) {
    return Math.log(1 + (items - holding + 0.5) / (holding + 0.5));
  }

  /**
   * Records that the command centre confirmed {@code text} as a request about item {@code code}: the item's document
   * gets it as evidence, so the next similar request ranks the item higher. In memory: the dispatch stores it
   * ({@code shudi_intake_evidence}) and {@link IntakeEvidence} replays the stored ones at start-up.
   *
   * @throws IllegalArgumentException for an unknown county or item, or an empty request
   */
  public void learn(String county, String code, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("诉求内容为空：没有可学习的内容");
    }
    if (index(county).catalog.item(code).isEmpty()) {
      throw new IllegalArgumentException("辖区「" + county + "」的现行清单中没有事项「" + code + "」");
    }
    learnAll(county, List.of(new IntakeStore.Evidence(code, text)));
  }

  /**
   * Several confirmed requests at once (the stored ones at start-up): each item's document is rewritten once and the
   * index committed and reopened once, not once per request. A request of an item no longer on the list in force is
   * left out.
   *
   * @return how many were learnt
   */
  int learnAll(String county, List<IntakeStore.Evidence> confirmed) {
    // under the same lock as a rebuild for a new list version, so no confirmation is lost between the two
    synchronized (this) {
      CountyIndex index = index(county);
      Map<String, List<String>> known = evidence.computeIfAbsent(county, c -> new ConcurrentHashMap<>());
      Map<Item, List<String>> changed = new LinkedHashMap<>();
      int learnt = 0;
      for (IntakeStore.Evidence one : confirmed) {
        Optional<Item> item = index.catalog.item(one.itemCode());
        if (item.isEmpty() || one.text() == null || one.text().isBlank()) {
          continue;
        }
        List<String> texts = known.computeIfAbsent(one.itemCode(),
            c -> Collections.synchronizedList(new ArrayList<>()));
        texts.add(one.text().strip());
        changed.put(item.get(), texts);
        learnt++;
      }
      if (!changed.isEmpty()) {
        Map<Item, List<String>> copies = new LinkedHashMap<>();
        changed.forEach((item, texts) -> copies.put(item, List.copyOf(texts)));
        index.update(copies);
      }
      return learnt;
    }
  }

  /** One synonym of a request's words: its words and bigrams, with the offsets of the words it stands for. */
  private record Synonym(List<Token> words, List<Token> pairs) {
  }

  /**
   * The query: every distinct word of the request in every word field, every bigram in every bigram field, each field
   * with its weight (BM25 scores summed). The synonyms of one stretch of the request count as one word: per field the
   * best-scoring synonym of it ({@link DisjunctionMaxQuery}), so a word with many synonyms does not outweigh the rest.
   */
  private static Query query(List<Token> tokens, List<Token> pairs, java.util.Collection<List<Synonym>> synonyms) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    Set<String> wordTerms = tokens.stream().map(Token::term).collect(Collectors.toCollection(LinkedHashSet::new));
    Set<String> bigramTerms = pairs.stream().map(Token::term).collect(Collectors.toCollection(LinkedHashSet::new));
    for (Fields.Weighted field : Fields.SEARCHED) {
      BooleanQuery.Builder terms = new BooleanQuery.Builder();
      Set<String> own = field.bigrams() ? bigramTerms : wordTerms;
      for (String term : own) {
        terms.add(new TermQuery(new Term(field.name(), term)), BooleanClause.Occur.SHOULD);
      }
      for (List<Synonym> ofOneStretch : synonyms) {
        List<Query> alternatives = new ArrayList<>();
        for (Synonym synonym : ofOneStretch) {
          BooleanQuery.Builder alternative = new BooleanQuery.Builder();
          (field.bigrams() ? synonym.pairs() : synonym.words()).stream().map(Token::term).distinct()
              .filter(t -> !own.contains(t))
              .forEach(t -> alternative.add(new TermQuery(new Term(field.name(), t)), BooleanClause.Occur.SHOULD));
          BooleanQuery built = alternative.build();
          if (!built.clauses().isEmpty()) {
            alternatives.add(built);
          }
        }
        if (!alternatives.isEmpty()) {
          terms.add(new DisjunctionMaxQuery(alternatives, 0.0f), BooleanClause.Occur.SHOULD);
        }
      }
      query.add(new BoostQuery(terms.build(), field.boost()), BooleanClause.Occur.SHOULD);
    }
    return query.build();
  }

  /** The synonyms found in the request, each one token with the offsets of the words it stands for. */
  private List<Token> synonyms(String text) {
    List<Token> found = new ArrayList<>();
    try (TokenStream stream = synonymsOf.tokenStream("", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      TypeAttribute type = stream.addAttribute(TypeAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        if (SynonymGraphFilter.TYPE_SYNONYM.equals(type.type())) {
          found.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static List<String> why(String text, Map<Integer, Integer> spans) {
    List<String> why = new ArrayList<>();
    int start = -1;
    int end = -1;
    for (Map.Entry<Integer, Integer> span : spans.entrySet()) {
      if (span.getKey() > end) {
        if (start >= 0) {
          why.add(text.substring(start, end));
        }
        start = span.getKey();
        end = span.getValue();
      } else {
        end = Math.max(end, span.getValue());
      }
    }
    if (start >= 0) {
      why.add(text.substring(start, end));
    }
    return why;
  }

  private CountyIndex index(String county) {
    Catalog catalog;
    try {
      catalog = catalogs.of(county);
    } catch (NoSuchElementException e) {
      throw new IllegalArgumentException("未知辖区「" + county + "」：应为 " + catalogs.all().stream()
          .map(Catalog::jurisdiction).collect(Collectors.joining("、")) + " 之一", e);
    }
    CountyIndex index = counties.get(county);
    if (index != null && index.catalog == catalog) {
      return index;
    }
    synchronized (this) {
      index = counties.get(county);
      if (index == null || index.catalog != catalog) {
        index = new CountyIndex(catalog, examples.getOrDefault(county, List.of()),
            evidence.getOrDefault(county, Map.of()));
        counties.put(county, index);
      }
      return index;
    }
  }

  /** A token of the request: its term and where it stands in the request. */
  private record Token(String term, int start, int end) {
    String span() {
      return start + ":" + end;
    }
  }

  private static List<Token> tokens(Analyzer analyzer, String text) {
    List<Token> tokens = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        tokens.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tokens;
  }

  /** The terms of an item's document, to tell which words of a request matched it. */
  private record Terms(String name, Set<String> words, Set<String> bigrams) {
  }

  /** What suggestions read: never changed once published. */
  private record Snapshot(IndexSearcher searcher, Map<String, Terms> terms, boolean outsideExamples) {
  }

  /** One county's index over one list version. */
  private final class CountyIndex {
    final Catalog catalog;
    final IndexWriter writer;
    /** The county's 样例诉求 per item code, {@link ExampleRequests#NONE} for those outside the list. */
    final Map<String, List<String>> examples;
    volatile Snapshot snapshot;

    CountyIndex(Catalog catalog, List<IntakeStore.Evidence> examples, Map<String, List<String>> learned) {
      this.catalog = catalog;
      this.examples = examples.stream().collect(Collectors.groupingBy(IntakeStore.Evidence::itemCode,
          Collectors.mapping(IntakeStore.Evidence::text, Collectors.toUnmodifiableList())));
      try {
        IndexWriterConfig config = new IndexWriterConfig(indexAnalyzer).setSimilarity(SIMILARITY);
        writer = new IndexWriter(new ByteBuffersDirectory(), config);
        Map<String, Terms> terms = new LinkedHashMap<>();
        for (Item item : catalog.items()) {
          List<String> texts = List.copyOf(learned.getOrDefault(item.code(), List.of()));
          writer.addDocument(document(item, texts));
          terms.put(item.code(), terms(item, texts));
        }
        writer.addDocument(outsideDocument());
        writer.commit();
        publish(terms);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Called under the suggester's lock. */
    void update(Map<Item, List<String>> textsByItem) {
      try {
        Map<String, Terms> terms = new HashMap<>(snapshot.terms);
        for (Map.Entry<Item, List<String>> e : textsByItem.entrySet()) {
          writer.updateDocument(new Term(Fields.CODE, e.getKey().code()), document(e.getKey(), e.getValue()));
          terms.put(e.getKey().code(), terms(e.getKey(), e.getValue()));
        }
        writer.commit();
        publish(terms);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The snapshot in force, its reader held until the caller releases it ({@code decRef}). */
    Snapshot acquire() {
      while (true) {
        Snapshot current = snapshot;
        if (current.searcher.getIndexReader().tryIncRef()) {
          return current;
        }
      }
    }

    private void publish(Map<String, Terms> terms) throws IOException {
      IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(writer));
      searcher.setSimilarity(SIMILARITY);
      Snapshot previous = snapshot;
      snapshot = new Snapshot(searcher, Map.copyOf(terms), examples.containsKey(ExampleRequests.NONE));
      if (previous != null) {
        previous.searcher.getIndexReader().decRef(); // closed once the last suggestion reading it is done
      }
    }

    /**
     * The requests written as outside the list, as one more document: how far a request is from them, next to how
     * close it is to the best item, is one feature of the off-list judgment ({@link #features}). Never a candidate.
     */
    private Document outsideDocument() {
      List<String> texts = examples.getOrDefault(ExampleRequests.NONE, List.of());
      Document doc = new Document();
      doc.add(new StringField(Fields.CODE, ExampleRequests.NONE, Field.Store.YES));
      doc.add(new TextField(Fields.EXAMPLES, ExampleRequests.NONE, Field.Store.NO));
      for (String text : texts) {
        doc.add(new TextField(Fields.EXAMPLES, text, Field.Store.NO));
      }
      doc.add(new TextField(Fields.TEXT_BIGRAMS, String.join("\n", texts), Field.Store.NO));
      return doc;
    }

    /** The item's document: its list texts, its 样例诉求 and the requests confirmed for it ({@code learned}). */
    private Document document(Item item, List<String> learned) {
      List<String> texts = withExamples(item, learned);
      Document doc = new Document();
      doc.add(new StringField(Fields.CODE, item.code(), Field.Store.YES));
      doc.add(new TextField(Fields.NAME, item.name(), Field.Store.NO));
      doc.add(new TextField(Fields.NAME_BIGRAMS, item.name(), Field.Store.NO));
      doc.add(new TextField(Fields.DUTIES, duties(item), Field.Store.NO));
      doc.add(new TextField(Fields.DOMAIN, item.domain(), Field.Store.NO));
      doc.add(new TextField(Fields.BASIS, item.legalBasis() == null ? "" : item.legalBasis(), Field.Store.NO));
      // every item has the fields (its code, then the examples or confirmed requests): BM25 weighs a term by the share
      // of the documents with the field that hold it, so a field only learned items had would weigh next to nothing
      doc.add(new TextField(Fields.EXAMPLES, item.code(), Field.Store.NO));
      for (String text : examples.getOrDefault(item.code(), List.of())) {
        doc.add(new TextField(Fields.EXAMPLES, text, Field.Store.NO));
      }
      doc.add(new TextField(Fields.EVIDENCE, item.code(), Field.Store.NO));
      for (String text : learned) {
        doc.add(new TextField(Fields.EVIDENCE, text, Field.Store.NO));
      }
      doc.add(new TextField(Fields.TEXT_BIGRAMS, duties(item) + "\n" + String.join("\n", texts), Field.Store.NO));
      return doc;
    }

    private List<String> withExamples(Item item, List<String> learned) {
      List<String> texts = new ArrayList<>(examples.getOrDefault(item.code(), List.of()));
      texts.addAll(learned);
      return texts;
    }

    private Terms terms(Item item, List<String> learned) {
      List<String> texts = withExamples(item, learned);
      Set<String> wordTerms = new HashSet<>();
      for (String text : List.of(item.name(), duties(item), item.domain(),
          item.legalBasis() == null ? "" : item.legalBasis(), String.join("\n", texts))) {
        tokens(words, text).forEach(t -> wordTerms.add(t.term));
      }
      Set<String> bigramTerms = new HashSet<>();
      tokens(bigrams, item.name()).forEach(t -> bigramTerms.add(t.term));
      tokens(bigrams, duties(item) + "\n" + String.join("\n", texts)).forEach(t -> bigramTerms.add(t.term));
      return new Terms(item.name(), Set.copyOf(wordTerms), Set.copyOf(bigramTerms));
    }
  }

  /** In how many items' name, duties or confirmed requests a word occurs. */
  private static int itemsHolding(Snapshot snapshot, String word) throws IOException {
    int most = 0;
    for (String field : List.of(Fields.NAME, Fields.DUTIES, Fields.EXAMPLES, Fields.EVIDENCE)) {
      most = Math.max(most, snapshot.searcher.getIndexReader().docFreq(new Term(field, word)));
    }
    return most;
  }

  /** Every unit's duties: step names and descriptions. */
  private static String duties(Item item) {
    StringBuilder text = new StringBuilder();
    for (Responsibility responsibility : item.responsibilities()) {
      for (Step step : responsibility.steps()) {
        text.append(step.name()).append('：').append(step.description()).append('\n');
      }
    }
    return text.toString();
  }
}
