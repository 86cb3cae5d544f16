package cn.shudi.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The facts a conditional duty depends on ({@code 〔条件：发现隐患〕}): a small common vocabulary, so that the case
 * start form can ask for them and each gateway of a blueprint reads one case variable. The label is what the list
 * writes and, with ？, the gateway's question; the variable is a yes/no of the case ({@code true} when the fact
 * holds; absent or {@code false}: the duty is skipped).
 */
public enum CaseFact {
  HAZARD("发现隐患", "hazardFound", "隐患|问题|险情隐患|不安全|违规堆放|异常"),
  VIOLATION("发现违法", "violationFound", "违法|违规|无证|非法|私自|擅自|偷采|乱"),
  CRIME("涉嫌犯罪", "crimeSuspected", "犯罪|刑事"),
  ACCIDENT("发生事故", "accidentHappened", "事故"),
  EMERGENCY("发生险情", "emergencyHappened", "险情|灾情|灾害|火情|火灾|汛情|突发|紧急|应急|地质灾害"),
  OUTBREAK("发生疫情", "outbreakHappened", "疫情|疫病|异常死亡|传染病|中毒"),
  DISPUTE("发生纠纷", "disputeArose", "纠纷|矛盾|上访|群体"),
  REQUESTED("需要协助", "assistanceRequested", "需要|要求|请求|提请");

  private final String label;
  private final String variable;
  private final Pattern words;

  CaseFact(String label, String variable, String words) {
    this.label = label;
    this.variable = variable;
    this.words = Pattern.compile(words);
  }

  /** As the list writes it, e.g. 发现隐患. */
  public String label() {
    return label;
  }

  /** The gateway's question: {@code 发现隐患？}. */
  public String question() {
    return label + "？";
  }

  /** The case variable that holds the fact (yes/no), e.g. {@code hazardFound}. */
  public String variable() {
    return variable;
  }

  /** The fact a case variable holds, e.g. {@code hazardFound}. */
  public static Optional<CaseFact> ofVariable(String variable) {
    return Arrays.stream(values()).filter(f -> f.variable.equals(variable)).findFirst();
  }

  public static Optional<CaseFact> byLabel(String label) {
    return Arrays.stream(values()).filter(f -> f.label.equals(label)).findFirst();
  }

  /** The labels, for a message: 「发现隐患」「发现违法」… */
  public static String labels() {
    return String.join("", Arrays.stream(values()).map(f -> "「" + f.label + "」").toList());
  }

  /** The fact a condition clause speaks of (涉嫌犯罪的 → {@link #CRIME}), first match in vocabulary order. */
  static Optional<CaseFact> of(String clause) {
    List<CaseFact> order = List.of(CRIME, ACCIDENT, OUTBREAK, EMERGENCY, DISPUTE, VIOLATION, HAZARD, REQUESTED);
    return order.stream().filter(f -> f.words.matcher(clause).find()).findFirst();
  }
}
