package cn.shudi.organization;

import java.util.List;

/**
 * The county-wide views of the platform's own REST resources and the roles of the county that may read them
 * (besides the administrators); {@link CountyAccess} decides.
 */
public enum CountyView {
  /** accountability's report of refusals. */
  ACCOUNTABILITY_REPORT("问责报告", Role.SUPERVISOR, Role.DISPATCHER, Role.ANALYST),
  /** governance's list versions, their differences and exports. */
  LIST_VERSIONS("清单版本", Role.ANALYST, Role.SUPERVISOR),
  /** every entry of the county's credit files (staff of a unit read only the entries that concern it). */
  CREDIT_FILES("信用档案", Role.SUPERVISOR, Role.DISPATCHER, Role.ANALYST);

  private final String label;
  private final List<Role> readers;

  CountyView(String label, Role... readers) {
    this.label = label;
    this.readers = List.of(readers);
  }

  /** What is being read, for a refusal, e.g. 问责报告. */
  public String label() {
    return label;
  }

  /** The roles that may read, in the order a refusal names them. */
  public List<Role> readers() {
    return readers;
  }
}
