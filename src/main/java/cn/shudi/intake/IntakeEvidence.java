package cn.shudi.intake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;

/**
 * The suggestion's memory across restarts and nodes: the confirmed dispatches stored in
 * {@code shudi_intake_evidence} are replayed into the in-memory index once the lists in force are known (a start-up
 * step). Evidence of an item no longer on the list is kept but not replayed.
 */
@Component
public class IntakeEvidence {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeEvidence.class);

  private final IntakeDesk desk;

  IntakeEvidence(IntakeDesk desk) {
    this.desk = desk;
  }

  /** Replays every county's confirmed requests; returns how many. */
  public int replay(Organization organization) {
    int replayed = 0;
    for (Jurisdiction county : organization.jurisdictions()) {
      replayed += desk.replayEvidence(county);
    }
    LOG.info("研判建议：已载入 {} 件已确认派单的诉求", replayed);
    return replayed;
  }
}
