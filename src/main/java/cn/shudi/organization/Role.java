package cn.shudi.organization;

/** Roles that cut across units; each is a Camunda group per jurisdiction, of type {@code role}. */
public enum Role {
  SUPERVISOR("supervisors", "督查人员"),
  ANALYST("analysts", "清单分析员"),
  DISPATCHER("dispatchers", "指挥调度员"),
  GRID_WORKER("grid_workers", "网格员"),
  UNIT_LEAD("unit_leads", "单位负责人");

  public static final String GROUP_TYPE = "role";

  private final String suffix;
  private final String label;

  Role(String suffix, String label) {
    this.suffix = suffix;
    this.label = label;
  }

  public String groupId(Jurisdiction jurisdiction) {
    return jurisdiction.code() + "_" + suffix;
  }

  public String groupName(Jurisdiction jurisdiction) {
    return jurisdiction.shortName() + label;
  }

  public String suffix() {
    return suffix;
  }

  public String label() {
    return label;
  }
}
