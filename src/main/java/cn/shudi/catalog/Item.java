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
 */
public record Item(String code, int number, String domain, String name, boolean townshipPrimary,
    Responsibility primary, List<Responsibility> cooperating, String legalBasis, TimeLimit timeLimit,
    TimeLimit callResponseTime, String source) {

  public Item {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(primary, "primary");
    cooperating = List.copyOf(cooperating);
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
