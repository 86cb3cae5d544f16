package cn.shudi.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The login throttle's numbers ({@link LoginThrottle}, docs/security.md, "Logins"). Failures are counted for
 * {@code lockDuration} from the first one; a lock lasts {@code lockDuration} too.
 *
 * @param delayBase refusal after the first failure that is delayed
 * @param delayFactor each further failure multiplies the delay by this
 * @param delayMax the longest delay
 * @param failuresBeforeLock failures of one account from one address that lock the two together
 * @param lockDuration how long a lock lasts, and how long failures are counted
 * @param addressFreeFailures failures from one address (any accounts) before the address itself is delayed
 * @param addressFailuresBeforeLock failures from one address (any accounts) that lock the address
 * @param accountFailuresBeforeStrict failures of one account from all addresses after which each address is
 *     locked for it after {@code strictFailuresBeforeLock} failures (the account itself is never locked)
 * @param strictFailuresBeforeLock see {@code accountFailuresBeforeStrict}
 * @param maxEntries counters kept at the most; beyond, the ones that expire first are dropped
 */
@ConfigurationProperties("shudi.security.login")
record LoginThrottleProperties(
    @DefaultValue("3s") Duration delayBase,
    @DefaultValue("2") int delayFactor,
    @DefaultValue("60s") Duration delayMax,
    @DefaultValue("10") int failuresBeforeLock,
    @DefaultValue("15m") Duration lockDuration,
    @DefaultValue("20") int addressFreeFailures,
    @DefaultValue("30") int addressFailuresBeforeLock,
    @DefaultValue("30") int accountFailuresBeforeStrict,
    @DefaultValue("3") int strictFailuresBeforeLock,
    @DefaultValue("10000") int maxEntries) {

  LoginThrottleProperties {
    if (delayBase.isNegative() || delayMax.compareTo(delayBase) < 0 || delayFactor < 1 || failuresBeforeLock < 1
        || lockDuration.isNegative() || lockDuration.isZero() || addressFreeFailures < 0
        || addressFailuresBeforeLock <= addressFreeFailures || accountFailuresBeforeStrict < 1
        || strictFailuresBeforeLock < 1 || maxEntries < 100) {
      throw new IllegalArgumentException("shudi.security.login.* 设置不合理：delay-base ≥ 0，delay-max ≥ delay-base，"
          + "delay-factor ≥ 1，lock-duration > 0，address-failures-before-lock > address-free-failures，"
          + "max-entries ≥ 100，其余次数 ≥ 1");
    }
  }

  /** How long logins are refused after the {@code counted}-th failure that is not free; 0 for a free one. */
  long delayMillis(int counted) {
    if (counted <= 0) {
      return 0;
    }
    long delay = delayBase.toMillis();
    for (int i = 1; i < counted && delay < delayMax.toMillis(); i++) {
      delay *= delayFactor;
    }
    return Math.min(delay, delayMax.toMillis());
  }
}
