package cn.shudi.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import cn.shudi.organization.Unit;

/**
 * One item of the responsibility list.
 *
 * @param code stable code ({@code ZQ001}); BPMN file name and process id
 * @param number number in the official list
 * @param townshipPrimary the township holds the primary responsibility (镇街主体)
 * @param cooperating in the order of 配合责任单位
 * @param legalBasis 法律法规及文件依据
 * @param timeLimit time limit of the whole item (办结时限)
 * @param callResponseTime how fast a called department must respond (呼叫响应时限)
 * @param source {@code seed:000}…{@code seed:004} or {@code illustrative}
 * @param timeLimitPending the published list gave no 办结时限: the item runs on the county's default, marked
 *     {@value #PENDING} until the county sets one
 * @param callResponsePending the same for 呼叫响应时限
 */
public record Item(String code, int number, String domain, String name, boolean townshipPrimary,
    Responsibility primary, List<Responsibility> cooperating, String legalBasis, TimeLimit timeLimit,
    TimeLimit callResponseTime, String source, boolean timeLimitPending, boolean callResponsePending) {

  /** How catalog.csv marks a time limit the county has not set yet: {@code 30个工作日（待定）}. */
  public static final String PENDING = "（待定）";

  public Item {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(primary, "primary");
    cooperating = List.copyOf(cooperating);
  }

  /** An item whose time limits the list sets. */
  public Item(String code, int number, String domain, String name, boolean townshipPrimary, Responsibility primary,
      List<Responsibility> cooperating, String legalBasis, TimeLimit timeLimit, TimeLimit callResponseTime,
      String source) {
    this(code, number, domain, name, townshipPrimary, primary, cooperating, legalBasis, timeLimit, callResponseTime,
        source, false, false);
  }

  /** The limits still at the county's default, as the analyst reads them: 「办结时限 30个工作日（待定）」. */
  public String pendingLimits() {
    List<String> which = new ArrayList<>();
    if (timeLimitPending) {
      which.add("办结时限 " + timeLimit.label() + PENDING);
    }
    if (callResponsePending) {
      which.add("呼叫响应时限 " + callResponseTime.label() + PENDING);
    }
    return String.join("、", which);
  }

  /** Whether a time limit of the item is still the county's default, not set by the list. */
  public boolean hasPendingTimeLimit() {
    return timeLimitPending || callResponsePending;
  }

  /** The primary responsibility first, then the cooperating ones. */
  public List<Responsibility> responsibilities() {
    List<Responsibility> all = new ArrayList<>(cooperating.size() + 1);
    all.add(primary);
    all.addAll(cooperating);
    return List.copyOf(all);
  }

  /**
   * Whether two or more distinct departments (区直/县直部门, not townships) take part — then a problem
   * may need a joint meeting (联席会议) rather than one department's decision.
   */
  public boolean involvesSeveralDepartments() {
    return responsibilities().stream()
        .map(r -> r.party().unit())
        .filter(u -> u != null && u.isDepartment())
        .map(Unit::code)
        .distinct()
        .count() >= 2;
  }
}
