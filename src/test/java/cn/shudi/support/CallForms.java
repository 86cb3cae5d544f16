package cn.shudi.support;

import java.util.HashMap;
import java.util.Map;

import cn.shudi.call.CallProcess;

/** What a township's staff enter on the start form of 乡呼县应 (call-start), for the tests that call. */
public final class CallForms {

  private CallForms() {
  }

  /** A call of the township (unit code) to the department (unit code) about the item (code; may be null). */
  public static Map<String, Object> of(String township, String itemCode, String department) {
    Map<String, Object> form = new HashMap<>();
    form.put(CallProcess.TOWNSHIP.name(), township);
    form.put(CallProcess.CALL_ITEM_CODE.name(), itemCode);
    form.put(CallProcess.CALLED_DEPARTMENT.name(), department);
    form.put(CallProcess.CALL_PROBLEM.name(), "某食品作坊疑似使用过期原料");
    form.put(CallProcess.CALL_PLACE.name(), "明水街道某村");
    form.put(CallProcess.CALL_URGENCY.name(), "urgent");
    return form;
  }
}
