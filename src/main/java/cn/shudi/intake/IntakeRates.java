package cn.shudi.intake;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import cn.shudi.evaluation.Rating;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Unit;

/**
 * 响应率, 解决率 and 满意率 of a month, per unit (the unit a request was dispatched to) and per township (where the
 * request came from), by the versioned formula of docs/intake-rates.md ({@value #FORMULA}):
 * <ul>
 * <li>响应率 = dispatches signed or returned within the three working days ÷ dispatches of the month that were
 * answered or whose three days are over (one still open within its time is not counted yet);</li>
 * <li>解决率 = callbacks that found the request solved ÷ valid callbacks (the requester was reached);</li>
 * <li>满意率 = (满意 + {@value #BASICALLY_SATISFIED} × 基本满意) ÷ valid callbacks.</li>
 * </ul>
 * A rate without a denominator is empty (no figure, not 0 or 100 %). Returns and requests outside the list are
 * counted beside them.
 */
@Component
public class IntakeRates {

  /** The formula's version, as docs/intake-rates.md names it. */
  public static final String FORMULA = "intake-rates v1";
  static final double BASICALLY_SATISFIED = 0.9;

  /** One unit's or township's figures and rates. */
  public record Rates(String unit, String name, int dispatched, int answeredInTime, int returned, int returnsUpheld,
      int offList, int validCallbacks, int solved, int satisfied, int basicallySatisfied, int dissatisfied) {

    public OptionalDouble responseRate() {
      return ratio(answeredInTime, dispatched);
    }

    public OptionalDouble solutionRate() {
      return ratio(solved, validCallbacks);
    }

    public OptionalDouble satisfactionRate() {
      return ratio(satisfactionPoints(), validCallbacks);
    }

    /** The numerator of 满意率: 满意 + {@value IntakeRates#BASICALLY_SATISFIED} × 基本满意 (the monthly ranking adds it up). */
    public double satisfactionPoints() {
      return satisfied + BASICALLY_SATISFIED * basicallySatisfied;
    }

    private static OptionalDouble ratio(double part, int whole) {
      return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of(part / whole);
    }
  }

  /** A month's rates: per unit and per township, in the county's unit order. */
  public record Month(String jurisdiction, YearMonth month, String formula, List<Rates> units, List<Rates> townships) {
  }

  private final IntakeStore store;

  IntakeRates(IntakeStore store) {
    this.store = store;
  }

  /**
   * The county's month: dispatches by {@code dispatched_at}, callbacks by {@code recorded_at}, requests outside the
   * list by {@code dispatched_at}, all in the county's local time (midnight borders).
   */
  public Month of(Jurisdiction county, YearMonth month) {
    var from = month.atDay(1).atStartOfDay();
    var to = month.plusMonths(1).atDay(1).atStartOfDay();
    return of(county, month, store.dispatches(county.code(), from, to), store.callbacks(county.code(), from, to),
        store.offList(county.code(), from, to));
  }

  /** The formula on the month's rows (a pure function: no clock, no database). */
  static Month of(Jurisdiction county, YearMonth month, List<IntakeStore.Dispatch> dispatches,
      List<IntakeStore.Callback> callbacks, List<StoredRequest> offList) {
    return new Month(county.code(), month, FORMULA,
        rates(county, county.units(), dispatches, callbacks, offList, IntakeStore.Dispatch::unit,
            IntakeStore.Callback::unit, StoredRequest::primaryUnit),
        rates(county, county.townships(), dispatches, callbacks, offList, IntakeStore.Dispatch::township,
            IntakeStore.Callback::township, StoredRequest::township));
  }

  private static List<Rates> rates(Jurisdiction county, List<Unit> units, List<IntakeStore.Dispatch> dispatches,
      List<IntakeStore.Callback> callbacks, List<StoredRequest> offList, Function<IntakeStore.Dispatch, String> dispatchKey,
      Function<IntakeStore.Callback, String> callbackKey, Function<StoredRequest, String> requestKey) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (Unit unit : units) {
      counts.put(unit.code(), new int[10]);
    }
    for (IntakeStore.Dispatch d : dispatches) {
      int[] c = counts.get(dispatchKey.apply(d));
      if (c == null || d.answer() == null) {
        continue; // not yet answered and its three days not over: it cannot be late yet
      }
      c[0]++;
      if (d.answeredAt() != null && !d.answeredAt().isAfter(d.signDue())) {
        c[1]++;
      }
      if ("returned".equals(d.answer())) {
        c[2]++;
        if (Boolean.TRUE.equals(d.returnUpheld())) {
          c[3]++;
        }
      }
    }
    for (StoredRequest r : offList) {
      int[] c = counts.get(requestKey.apply(r));
      if (c != null) {
        c[4]++;
      }
    }
    for (IntakeStore.Callback cb : callbacks) {
      int[] c = counts.get(callbackKey.apply(cb));
      if (c == null || !cb.reached()) {
        continue;
      }
      c[5]++;
      if (Boolean.TRUE.equals(cb.solved())) {
        c[6]++;
      }
      Rating.of(cb.rating()).ifPresent(rating -> c[7 + rating.ordinal()]++);
    }
    List<Rates> rates = new ArrayList<>();
    counts.forEach((code, c) -> {
      if (c[0] + c[4] + c[5] > 0) {
        rates.add(new Rates(code, county.unit(code).map(Unit::shortName).orElse(code), c[0], c[1], c[2], c[3], c[4],
            c[5], c[6], c[7], c[8], c[9]));
      }
    });
    return rates;
  }
}
