package cn.shudi.catalog;

import java.util.Optional;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Unit;

/** Resolves the unit names a list uses against the jurisdiction's units.csv. */
final class Parties {

  private final Jurisdiction jurisdiction;

  Parties(Jurisdiction jurisdiction) {
    this.jurisdiction = jurisdiction;
  }

  /** A unit by short or full name (normalised to the short name), or the case's township. */
  Optional<Party> resolve(String name) {
    if (Party.CASE_TOWNSHIP.equals(name)) {
      return Optional.of(Party.caseTownship());
    }
    return jurisdiction.unitNamed(name).map(Party::of);
  }

  static boolean isTownship(Party party) {
    return party.isCaseTownship() || party.unit().isTownship();
  }

  /** Says what is wrong and what the list may name instead. */
  String unknown(String name) {
    String example = jurisdiction.departments().stream().findFirst().map(Unit::shortName).orElse("单位简称");
    String hint = name.matches(".*[,，;；/ ].*") ? "；多个单位请用「、」分隔" : "";
    return "单位「" + name + "」不在" + jurisdiction.shortName() + "的单位表（jurisdictions/" + jurisdiction.code()
        + "/units.csv）中：应为其中单位的简称（如「" + example + "」）或全称，或「" + Party.CASE_TOWNSHIP
        + "」（案件所在镇街）" + hint;
  }
}
