package cn.shudi.call;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.shudi.organization.Jurisdiction;

/**
 * The command centre's decisions on returned calls ({@code shudi_call_return}): recorded when 复核退回理由
 * completes, read by the monthly ranking, which counts each against the unit found at fault.
 */
@Component
public class CallReturns {

  /** Who the command centre found at fault for a returned call. */
  public enum Fault {
    TOWNSHIP("township"), DEPARTMENT("department"), NONE("none");

    private final String value;

    Fault(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }

    static Optional<Fault> of(String value) {
      for (Fault fault : values()) {
        if (fault.value.equals(value)) {
          return Optional.of(fault);
        }
      }
      return Optional.empty();
    }
  }

  /** One decision; {@code faultUnit} is the unit code of the unit at fault, null when none. */
  public record Decision(String id, String jurisdiction, String callId, String townshipGroup, String departmentGroup,
      boolean upheld, Fault fault, String faultUnit, String decision, String decidedBy, LocalDateTime decidedAt) {
  }

  private static final int DECISION_LENGTH = 2000;

  private final JdbcClient jdbc;

  CallReturns(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the decision once (a second record of the same decision task changes nothing). */
  void record(Decision decision) {
    boolean known = jdbc.sql("select count(*) from shudi_call_return where id = :id").param("id", decision.id())
        .query(Long.class).single() > 0;
    if (known) {
      return;
    }
    String text = decision.decision() == null ? null
        : decision.decision().substring(0, Math.min(decision.decision().length(), DECISION_LENGTH));
    jdbc.sql("insert into shudi_call_return (id, jurisdiction, call_id, township_group, department_group, upheld, "
        + "fault, fault_unit, decision, decided_by, decided_at) values (:id, :jurisdiction, :callId, :township, "
        + ":department, :upheld, :fault, :faultUnit, :decision, :decidedBy, :decidedAt)")
        .param("id", decision.id()).param("jurisdiction", decision.jurisdiction()).param("callId", decision.callId())
        .param("township", decision.townshipGroup()).param("department", decision.departmentGroup())
        .param("upheld", decision.upheld()).param("fault", decision.fault().value())
        .param("faultUnit", decision.faultUnit()).param("decision", text).param("decidedBy", decision.decidedBy())
        .param("decidedAt", decision.decidedAt()).update();
  }

  /** The decisions on one call, oldest first. */
  public List<Decision> ofCall(String callId) {
    return jdbc.sql("select * from shudi_call_return where call_id = :callId order by decided_at, id")
        .param("callId", callId)
        .query((rs, row) -> new Decision(rs.getString("id"), rs.getString("jurisdiction"), rs.getString("call_id"),
            rs.getString("township_group"), rs.getString("department_group"), rs.getBoolean("upheld"),
            Fault.of(rs.getString("fault")).orElse(Fault.NONE), rs.getString("fault_unit"), rs.getString("decision"),
            rs.getString("decided_by"), rs.getTimestamp("decided_at").toLocalDateTime()))
        .list();
  }

  /** Per unit code: the month's decisions (county time) that found the unit at fault. */
  public Map<String, Integer> perUnit(Jurisdiction jurisdiction, YearMonth month) {
    Map<String, Integer> counts = new HashMap<>();
    jdbc.sql("select fault_unit, count(*) as faults from shudi_call_return where jurisdiction = :jurisdiction "
        + "and decided_at >= :from and decided_at < :to and fault_unit is not null group by fault_unit")
        .param("jurisdiction", jurisdiction.code()).param("from", month.atDay(1).atStartOfDay())
        .param("to", month.plusMonths(1).atDay(1).atStartOfDay())
        .query((rs, row) -> Map.entry(rs.getString("fault_unit"), rs.getInt("faults"))).list()
        .forEach(e -> counts.merge(e.getKey(), e.getValue(), Integer::sum));
    return counts;
  }
}
