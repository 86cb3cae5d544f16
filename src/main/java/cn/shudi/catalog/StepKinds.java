package cn.shudi.catalog;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duty written in prose for what it is in a case (docs/catalog-format.md, 步骤类型) and gives the markers the
 * list writes before its task name: a report of what was found starts a case (〔启动〕); plans, censuses, name lists,
 * licences and training are outside the case (〔非案件〕); entering the result into the credit file is the platform's
 * (〔信用档案〕); 发现…时, 发生…时, 涉嫌犯罪的, 必要时 make the duty conditional (〔条件：…〕); 移送公安 hands the case
 * over to the police, when the item has them (〔移交：…〕). The importer marks prose duties with it; the analyst
 * checks the marks like any other line of the list.
 */
final class StepKinds {

  private static final Pattern CREDIT = Pattern.compile("录入.*档案|信用档案");
  private static final Pattern REPORT_NAME = Pattern.compile("报告|上报|报送|发现|巡查报|排查报");
  private static final Pattern REPORT_TEXT = Pattern.compile("(发现|巡查|网格员|排查|摸排|群众反映).*(报告|上报|报送)");
  private static final Pattern OUTSIDE = Pattern.compile(
      "^(?:组织|负责|牵头|开展)?(?:制定|编制|普查|建档|建立|登记|备案|审批|许可|核发|发证|宣传|培训|演练|摸排底数|摸底|年检)"
          + "|计划|名录|台账|普查|规划|方案");
  private static final Pattern CONDITION = Pattern.compile(
      "(?:发现|发生|出现|遇有|遇到|涉嫌|如有|一旦|确需|需要)[^，,。；;]{0,24}?(?:时|的|后)|必要时|需要时|根据需要|紧急情况|涉嫌犯罪|事故时");
  private static final Pattern HAND_OVER = Pattern.compile("移送.{0,12}公安|移交.{0,12}公安");

  private StepKinds() {
  }

  /**
   * The markers for a duty, empty when it is a step of every case.
   *
   * @param otherUnits the item's other units as the list names them, for a hand-over
   */
  static String markers(String name, String description, List<String> otherUnits) {
    String text = name + "：" + description;
    if (CREDIT.matcher(name).find()) {
      return "〔" + Step.Kind.CREDIT.marker() + "〕";
    }
    if (REPORT_NAME.matcher(name).find() && REPORT_TEXT.matcher(text).find()) {
      return "〔" + Step.Kind.START.marker() + "〕";
    }
    if (OUTSIDE.matcher(name).find()) {
      return "〔" + Step.Kind.OUTSIDE.marker() + "〕";
    }
    Optional<String> police = HAND_OVER.matcher(text).find()
        ? otherUnits.stream().filter(u -> u.contains("公安")).findFirst() : Optional.empty();
    if (police.isPresent()) { // the police take a case over only when a crime is suspected
      return "〔" + StepLine.CONDITION + "：" + CaseFact.CRIME.label() + "〕〔" + StepLine.HAND_OVER + "：" + police.get()
          + "〕";
    }
    return condition(description).map(f -> "〔" + StepLine.CONDITION + "：" + f.label() + "〕").orElse("");
  }

  /** The fact a duty depends on, when its text says so. */
  static Optional<CaseFact> condition(String description) {
    Matcher clause = CONDITION.matcher(description);
    if (!clause.find()) {
      return Optional.empty();
    }
    Optional<CaseFact> fact = CaseFact.of(clause.group());
    if (fact.isPresent()) {
      return fact;
    }
    return Optional.of(clause.group().startsWith("发现") ? CaseFact.HAZARD : CaseFact.REQUESTED);
  }
}
