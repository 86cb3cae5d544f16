package cn.shudi.call;

import java.util.Locale;

import cn.shudi.accountability.Refusals;
import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Unit;

import org.springframework.stereotype.Component;

/**
 * Checks a township's call (乡呼县应) against the county's list. The list decides who must respond: the call
 * names an item of the list, and the called department must hold a responsibility in it (primary or
 * cooperating). "No territorial item outside the list" (清单之外无属地管理事项): a call about an item not on
 * the list, or to a unit the item does not name, is refused ({@link Refused}) and recorded in the
 * accountability feature's refusals ({@link Refusals}), in their own transaction, so the record stays even if
 * the caller's transaction rolls back.
 */
@Component
class CallCheck {

  private final Catalogs catalogs;
  private final Refusals refusals;

  CallCheck(Catalogs catalogs, Refusals refusals) {
    this.catalogs = catalogs;
    this.refusals = refusals;
  }

  /** The call: which county, case and step, about which item (code, case-insensitive), to which department. */
  record Call(Jurisdiction jurisdiction, String caseId, String stepId, String itemCode, String departmentCode) {
  }

  /** What the call's tasks need: the department's group and the item's time limits and name. */
  record Accepted(String departmentGroup, String responseLimit, String timeLimit, String itemName) {
  }

  /** The call is outside the list; the refusal is on record. */
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
    if (code.isEmpty()) {
      throw refuse(call, code, departmentCode, "呼叫未写明清单事项：清单之外无属地管理事项");
    }
    Item item = catalogs.of(jurisdiction.tenantId()).item(code).orElseThrow(() -> refuse(call, code, departmentCode,
        "事项「" + code + "」不在清单内：清单之外无属地管理事项"));
    if (departmentCode.isEmpty()) {
      throw refuse(call, code, departmentCode, "呼叫未写明被呼叫的部门");
    }
    Unit department = jurisdiction.unit(departmentCode).filter(Unit::isDepartment).orElseThrow(() -> refuse(
        call, code, departmentCode, "「" + departmentCode + "」不是" + jurisdiction.shortName() + "的部门"));
    boolean named = item.responsibilities().stream()
        .anyMatch(r -> r.party().fixedUnit().filter(department::equals).isPresent());
    if (!named) {
      throw refuse(call, code, departmentCode, "清单未规定" + department.shortName() + "在「" + item.name() + "」中的责任");
    }
    return new Accepted(department.groupId(), item.callResponseTime().label(), item.timeLimit().label(), item.name());
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
