package cn.shudi.call;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import cn.shudi.accountability.Refusals;
import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Unit;

import org.springframework.stereotype.Component;

/**
 * Reads a township's call (乡呼县应) against the county's list. "No territorial item outside the list"
 * (清单之外无属地管理事项) protects townships: a matter the list does not give the township is the competent
 * department's own job. So a call names a department of the county, and the department answers it either way:
 * about an item that names the department, with the item's time limits; about a matter outside the list (no
 * item, an item not on the list, or an item that does not name the department), as the department's own duty,
 * marked as such ({@link Accepted#offList()}) with the platform's limits for such calls, never refused and
 * never counted against the township. Only a call that names no department of the county cannot be routed: it
 * is refused ({@link Refused}) and recorded in the accountability feature's refusals ({@link Refusals}), in
 * their own transaction, so the record stays even if the caller's transaction rolls back.
 */
@Component
class CallCheck {

  /** The response time of a call about a matter outside the list. */
  static final String OFF_LIST_RESPONSE_LIMIT = "24小时";
  /** The time limit of a call about a matter outside the list. */
  static final String OFF_LIST_TIME_LIMIT = "10个工作日";
  /** The name the call carries when its matter is outside the list. */
  static final String OFF_LIST_NAME = "清单外事项";

  private final Catalogs catalogs;
  private final Refusals refusals;

  CallCheck(Catalogs catalogs, Refusals refusals) {
    this.catalogs = catalogs;
    this.refusals = refusals;
  }

  /** The call: which county, case and step, about which item (code, case-insensitive), to which department. */
  record Call(Jurisdiction jurisdiction, String caseId, String stepId, String itemCode, String departmentCode) {
  }

  /**
   * What the command centre's dispatch starts from (研判派单): the primary department, the cooperating departments,
   * the time limits and the item's name, as the list gives them; for a matter outside the list, {@code offList},
   * why it is the called department's own job, and no cooperating department.
   */
  record Accepted(Unit primary, List<Unit> cooperating, String responseLimit, String timeLimit, String itemName,
      boolean offList, String offListNote) {

    Accepted {
      cooperating = List.copyOf(cooperating);
    }
  }

  /** The call names no department of the county; the refusal is on record. */
  static final class Refused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason);
    }
  }

  Accepted check(Call call) {
    Jurisdiction jurisdiction = call.jurisdiction();
    String code = text(call.itemCode()).toUpperCase(Locale.ROOT);
    String departmentCode = text(call.departmentCode());
    if (departmentCode.isEmpty()) {
      throw refuse(call, code, departmentCode, "呼叫未写明被呼叫的部门");
    }
    // a unit that is not a department is not blamed for a call that named it
    Unit department = jurisdiction.unit(departmentCode).filter(Unit::isDepartment).orElseThrow(() -> refuse(
        call, code, "", "「" + departmentCode + "」不是" + jurisdiction.shortName() + "的部门"));
    Optional<Item> item = code.isEmpty() ? Optional.empty() : catalogs.of(jurisdiction.tenantId()).item(code);
    if (item.isEmpty()) {
      String matter = code.isEmpty() ? "呼叫事项未列入清单" : "事项「" + code + "」不在清单内";
      return offList(department, matter);
    }
    boolean named = item.get().responsibilities().stream()
        .anyMatch(r -> r.party().fixedUnit().filter(department::equals).isPresent());
    if (!named) {
      return offList(department, "清单未规定" + department.shortName() + "在「" + item.get().name() + "」中的责任");
    }
    // the list's primary department leads, every other department the item names cooperates (the township's own
    // duties are not the call's: it called because it cannot do them)
    Unit primary = item.get().primary().party().fixedUnit().filter(Unit::isDepartment).orElse(department);
    List<Unit> cooperating = item.get().responsibilities().stream().map(r -> r.party().fixedUnit())
        .flatMap(Optional::stream).filter(Unit::isDepartment).filter(u -> !u.equals(primary)).distinct().toList();
    return new Accepted(primary, cooperating, item.get().callResponseTime().label(), item.get().timeLimit().label(),
        item.get().name(), false, null);
  }

  /** A matter outside the list: the department's own job (清单之外无属地管理事项), never the township's. */
  private static Accepted offList(Unit department, String matter) {
    return new Accepted(department, List.of(), OFF_LIST_RESPONSE_LIMIT, OFF_LIST_TIME_LIMIT, OFF_LIST_NAME, true,
        matter + "：清单之外无属地管理事项，由" + department.shortName() + "作为本部门职责办理");
  }

  /** Records the refusal (committed at once) and gives the exception to throw. */
  private Refused refuse(Call call, String code, String department, String reason) {
    String tenant = call.jurisdiction().tenantId();
    refusals.record(Refusals.idOf(tenant, call.caseId(), call.stepId(), reason), tenant, call.caseId(),
        code.isEmpty() ? null : code, department.isEmpty() ? null : department, reason);
    return new Refused(reason);
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }
}
