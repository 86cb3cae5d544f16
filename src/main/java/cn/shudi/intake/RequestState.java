package cn.shudi.intake;

import java.util.Arrays;

/** Where a request stands, as its sender and the command centre read it. */
enum RequestState {
  RECEIVED("received", "待研判", false),
  DISPATCHED("dispatched", "已派单待签收", false),
  RETURNED("returned", "已退单待复核", false),
  HANDLING("handling", "办理中", false),
  OFF_LIST("off_list", "清单外·部门办理中", false),
  DUPLICATE("duplicate", "已并入原诉求", true),
  AWAITING_CALLBACK("awaiting_callback", "已办结待回访", false),
  REWORK("rework", "不满意·重新办理中", false),
  CLOSED("closed", "已办结", true);

  private final String value;
  private final String label;
  private final boolean closed;

  RequestState(String value, String label, boolean closed) {
    this.value = value;
    this.label = label;
    this.closed = closed;
  }

  String value() {
    return value;
  }

  String label() {
    return label;
  }

  boolean closed() {
    return closed;
  }

  static RequestState of(String value) {
    return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst()
        .orElseThrow(() -> new IllegalStateException("未知的诉求状态：" + value));
  }
}
