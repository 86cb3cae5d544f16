package cn.shudi.security;

import static java.util.Comparator.comparing;
import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsLast;
import static java.util.Comparator.reverseOrder;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which logins to refuse for now, from the wrong passwords of the last minutes (docs/security.md, "Logins").
 * Every wrong password counts three times:
 * <ul>
 * <li><b>account at address</b>: growing delays from the first failure, a lock after
 *     {@code failuresBeforeLock}. An attacker locks the account only at the attacker's own address; its
 *     owner logs in from any other.</li>
 * <li><b>address</b>, whatever the account: after {@code addressFreeFailures} growing delays, then a lock of
 *     every login from there; slows one password tried on many accounts.</li>
 * <li><b>account</b>, from all addresses: never refuses anything; past {@code accountFailuresBeforeStrict}
 *     each address is locked for the account after {@code strictFailuresBeforeLock} failures.</li>
 * </ul>
 * A refused login is neither counted nor is its password checked: it answers as a wrong password, and
 * trying on does not prolong a lock. A counter ends {@code lockDuration} after its first failure or with its
 * lock, whichever is later; a right password clears its account-at-address counter.
 *
 * <p>In memory, at most {@code maxEntries} counters (random names and addresses cannot grow it further),
 * each node on its own. Time is the engine clock, which tests move.
 */
final class LoginThrottle {

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
  /** The address of a login without an HTTP request (a call inside the platform). */
  static final String INTERNAL = "内部";
  /** Camunda's user ids have at most 64 characters (ACT_ID_USER.ID_): a longer name is no account. */
  private static final int MAX_ACCOUNT = 64;
  /** The name comes from the client: no line breaks or other control characters into the log. */
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final long WARN_FULL_EVERY = 60_000;

  private enum Scope {
    ACCOUNT_AT_ADDRESS("账户+地址"), ADDRESS("地址"), ACCOUNT("账户");

    final String label;

    Scope(String label) {
      this.label = label;
    }
  }

  /** Account or address is null where the scope leaves it out. */
  private record Key(Scope scope, String account, String address) {
  }

  /** Failures since {@code first}; logins refused until {@code refusedUntil}; {@code locked}: by the lock. */
  private record Count(int failures, long first, long refusedUntil, boolean locked) {

    long endsAt(long window) {
      return Math.max(first + window, refusedUntil);
    }

    /** Also when the clock went back before the first failure (ClockUtil reset in tests). */
    boolean ended(long now, long window) {
      return now < first || now >= endsAt(window);
    }

    boolean refuses(long now) {
      return now >= first && now < refusedUntil;
    }

    /** What is dropped last when the map is full: locks, then delays, then counters only. */
    int worth(long now) {
      if (!refuses(now)) {
        return 0;
      }
      return locked ? 2 : 1;
    }
  }

  private final LoginThrottleProperties properties;
  private final long window;
  private final Map<Key, Count> counts = new ConcurrentHashMap<>();
  /** Counters dropped in force because the map was full, and when that was last logged. */
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong lastFullWarning = new AtomicLong(Long.MIN_VALUE / 2);

  LoginThrottle(LoginThrottleProperties properties) {
    this.properties = properties;
    this.window = properties.lockDuration().toMillis();
  }

  /** Whether to refuse this login without looking at its password. */
  boolean refuses(String account, String address) {
    long now = now();
    return refuses(new Key(Scope.ADDRESS, null, address), now)
        || refuses(new Key(Scope.ACCOUNT_AT_ADDRESS, name(account), address), now);
  }

  private boolean refuses(Key key, long now) {
    Count count = counts.get(key);
    return count != null && count.refuses(now);
  }

  /** A right password: the account starts afresh at this address (its other counters stay). */
  void succeeded(String account, String address) {
    counts.remove(new Key(Scope.ACCOUNT_AT_ADDRESS, name(account), address));
  }

  void failed(String account, String address) {
    long now = now();
    String name = name(account);
    makeRoom(now);
    int strictAfter = properties.accountFailuresBeforeStrict();
    int overall = count(new Key(Scope.ACCOUNT, name, null), now, Integer.MAX_VALUE, Integer.MAX_VALUE).failures();
    if (overall == strictAfter) {
      LOG.warn("账户「{}」在 {} 分钟内从多个地址登录失败 {} 次，疑似撞库：此后每个地址对此账户失败 {} 次即锁定（账户本身不锁定）",
          name, properties.lockDuration().toMinutes(), overall, properties.strictFailuresBeforeLock());
    }
    int lockAt = overall >= strictAfter
        ? Math.min(properties.strictFailuresBeforeLock(), properties.failuresBeforeLock())
        : properties.failuresBeforeLock();
    count(new Key(Scope.ACCOUNT_AT_ADDRESS, name, address), now, 0, lockAt);
    count(new Key(Scope.ADDRESS, null, address), now, properties.addressFreeFailures(),
        properties.addressFailuresBeforeLock());
  }

  /** Counts one failure; a lock that begins with it is logged. */
  private Count count(Key key, long now, int free, int lockAt) {
    boolean[] locks = {false};
    Count counted = counts.compute(key, (k, count) -> {
      Count before = count == null || count.ended(now, window) ? new Count(0, now, 0, false) : count;
      int failures = before.failures() + 1;
      boolean locked = failures >= lockAt;
      locks[0] = locked && !before.locked();
      long refusal = locked ? window : properties.delayMillis(failures - free);
      return new Count(failures, before.first(), now + refusal, locked);
    });
    if (locks[0] && key.scope() == Scope.ADDRESS) {
      LOG.warn("登录锁定：地址 {} 在 {} 分钟内登录失败 {} 次（不限账户），该地址的所有登录拒绝至 {}", key.address(),
          properties.lockDuration().toMinutes(), counted.failures(), time(counted.refusedUntil()));
    } else if (locks[0]) {
      LOG.warn("登录锁定：账户「{}」从地址 {} 登录失败 {} 次，该地址对此账户的登录拒绝至 {}（其他地址不受影响）",
          key.account(), key.address(), counted.failures(), time(counted.refusedUntil()));
    }
    return counted;
  }

  /**
   * Keeps the map under {@code maxEntries}: ended counters go first, then a tenth of the rest, counters only
   * before delays before locks, each the soonest ending first. Warns at most once a minute.
   */
  private void makeRoom(long now) {
    int max = properties.maxEntries();
    if (counts.size() < max - Scope.values().length) {
      return;
    }
    counts.values().removeIf(count -> count.ended(now, window));
    int over = counts.size() - (max - max / 10);
    if (over > 0) {
      counts.entrySet().stream()
          .sorted(comparing((Map.Entry<Key, Count> e) -> e.getValue().worth(now))
              .thenComparing(e -> e.getValue().endsAt(window)))
          .limit(over).toList()
          .forEach(e -> counts.remove(e.getKey(), e.getValue()));
      long dropped = this.dropped.addAndGet(over);
      long warned = lastFullWarning.get();
      if (now - warned >= WARN_FULL_EVERY && lastFullWarning.compareAndSet(warned, now)) {
        LOG.warn("登录失败计数已达上限 {} 条：已提前丢弃 {} 条（先丢弃未拒绝登录、最早到期的）", max, dropped);
      }
    }
  }

  /** The counters in force, refusals first. */
  List<LoginLock> current() {
    long now = now();
    return counts.entrySet().stream().filter(e -> !e.getValue().ended(now, window))
        .map(e -> row(e.getKey(), e.getValue(), now))
        .sorted(comparing(LoginLock::lockedUntil, nullsLast(reverseOrder()))
            .thenComparing(LoginLock::failures, reverseOrder())
            .thenComparing(LoginLock::since, naturalOrder()))
        .toList();
  }

  private LoginLock row(Key key, Count count, long now) {
    boolean refuses = count.refuses(now);
    String state;
    if (refuses) {
      state = count.locked() ? "锁定" : "延迟";
    } else if (key.scope() == Scope.ACCOUNT && count.failures() >= properties.accountFailuresBeforeStrict()) {
      state = "从严";
    } else {
      state = "计数";
    }
    return new LoginLock(key.scope().label, key.account(), key.address(), count.failures(), time(count.first()),
        refuses ? time(count.refusedUntil()) : null, state);
  }

  /**
   * Ends the counters of an account (at every address and overall), of an address (for every account and
   * its own), or with both of the account at that address only.
   *
   * @param by who releases, for the log
   * @return how many counters in force were ended
   */
  int release(String account, String address, String by) {
    String name = account == null ? null : name(account);
    long now = now();
    int released = 0;
    for (Key key : counts.keySet()) {
      if ((name == null || name.equals(key.account())) && (address == null || address.equals(key.address()))) {
        Count count = counts.remove(key);
        if (count != null && !count.ended(now, window)) {
          released++;
        }
      }
    }
    LOG.info("{} 解除了登录限制（账户：{}，地址：{}）：{} 条", by, name == null ? "不限" : name,
        address == null ? "不限" : address, released);
    return released;
  }

  /** The counting key of a typed account name: lower case, so that Admin and admin count together. */
  static String name(String account) {
    String name = account.length() > MAX_ACCOUNT ? account.substring(0, MAX_ACCOUNT) : account;
    return CONTROL.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("?");
  }

  private static long now() {
    return ClockUtil.getCurrentTime().getTime();
  }

  private static OffsetDateTime time(long millis) {
    return Instant.ofEpochMilli(millis).atZone(ZONE).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS);
  }
}
