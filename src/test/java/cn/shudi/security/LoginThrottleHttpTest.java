package cn.shudi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import cn.shudi.support.Http;
import cn.shudi.support.RawClient;
import cn.shudi.support.StaffUsers;

/**
 * The login throttle ({@link LoginThrottle}, docs/security.md, "Logins") over real HTTP: wrong passwords lock an
 * account only at the attacker's address and only for a while, an address that tries many accounts is slowed
 * and locked, many addresses make the account stricter but never lock it, and the administrators see and
 * release the locks. Each test shows the refusal and that the real user still gets in from elsewhere.
 *
 * <p>Client addresses: every address 127.0.0.x is the local machine on Linux, and a socket bound to one
 * connects from it ({@link RawClient}, plain HTTP/1.0 by hand; java.net.http cannot choose its local address).
 * The engine clock moves past delays and locks instead of the test waiting. The bound on memory is shown on
 * a small throttle of the test's own, without HTTP.
 */
class LoginThrottleHttpTest extends SecurityTestBase {

  static final String PASSWORD = "Zhengque#Kou2026";
  static final String WRONG = "Cuowu#Kou2026";
  static final String PROBE = "/engine-rest/task?maxResults=1";
  static final String LOCKS = "/api/security/login-locks";

  @Autowired
  IdentityService identity;
  @Autowired
  LoginThrottle throttle;
  @Autowired
  LoginThrottleProperties properties;

  String user;
  long offset;
  final List<String> addresses = new ArrayList<>();

  @BeforeEach
  void createUser() {
    user = "throttle_target_" + ThreadLocalRandom.current().nextInt(1_000_000);
    StaffUsers.create(identity, user, "zhangqiu_market", PASSWORD);
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    throttle.release(user, null, "test");
    addresses.forEach(address -> throttle.release(null, address, "test"));
    identity.deleteMembership(user, "zhangqiu_market");
    identity.deleteUser(user);
  }

  // --- an attacker locks the account only at the attacker's address, and only for a while ---------------

  @Test
  void wrongPasswordsLockTheAccountOnlyAtTheirAddressAndOnlyForAWhile() {
    RawClient attacker = from("127.0.0.11");
    RawClient owner = from("127.0.0.12");
    assertThat(attacker.rest(PROBE, user, PASSWORD).status()).as("the right password works").isEqualTo(200);

    // one wrong password: the attacker's address waits, the owner's does not
    RawClient.Answer firstWrong = attacker.rest(PROBE, user, WRONG);
    assertThat(firstWrong.status()).isEqualTo(401);
    assertThat(attacker.rest(PROBE, user, PASSWORD).status()).as("the right password during the delay").isEqualTo(401);
    assertThat(owner.rest(PROBE, user, PASSWORD).status()).as("another address during the delay").isEqualTo(200);
    JsonNode delayed = lock(user, attacker.address());
    assertThat(delayed.get("failures").asInt()).isEqualTo(1);
    assertThat(delayed.get("state").asText()).isEqualTo("延迟");

    // the delays grow up to their cap, then the lock (REST and webapp login alike)
    List<Long> delays = new ArrayList<>();
    for (int failures = 1; failures < properties.failuresBeforeLock(); failures++) {
      JsonNode row = lock(user, attacker.address());
      assertThat(row.get("failures").asInt()).as("counted").isEqualTo(failures);
      long delay = properties.delayMillis(failures) / 1_000;
      // (the listing shows whole seconds, and a moment has passed since the failure)
      assertThat(untilThen(row).toSeconds()).as("delay after failure %d", failures).isBetween(delay - 3, delay);
      delays.add(delay);
      passDelay(failures);
      RawClient.Answer wrong = failures % 2 == 0 ? attacker.webappLogin(user, WRONG) : attacker.rest(PROBE, user, WRONG);
      assertThat(wrong.status()).as("wrong password %d", failures + 1).isEqualTo(401);
    }
    System.out.printf("[login throttle] delays after each wrong password (s): %s, then locked for %s%n", delays,
        properties.lockDuration());
    assertThat(delays).as("they grow up to their cap").isSorted().contains(properties.delayMax().toSeconds())
        .allSatisfy(delay -> assertThat(delay).isBetween(1L, properties.delayMax().toSeconds()));
    JsonNode locked = lock(user, attacker.address());
    assertThat(locked.get("state").asText()).isEqualTo("锁定");
    assertThat(locked.get("scope").asText()).isEqualTo("账户+地址");
    assertThat(untilThen(locked))
        .isBetween(properties.lockDuration().minusSeconds(2), properties.lockDuration());

    // locked at the attacker's address, right password included; a locked attempt is not even checked
    passDelay(properties.delayMax());
    RawClient.Answer lockedRest = attacker.rest(PROBE, user, PASSWORD);
    assertThat(lockedRest.status()).as("right password while locked").isEqualTo(401);
    RawClient.Answer lockedWebapp = attacker.webappLogin(user, PASSWORD);
    assertThat(lockedWebapp.status()).isEqualTo(401);
    assertThat(attacker.rest(PROBE, user, WRONG).status()).isEqualTo(401);
    assertThat(lock(user, attacker.address()).get("failures").asInt()).as("refused attempts are not counted")
        .isEqualTo(properties.failuresBeforeLock());
    // the owner logs in from his own address all the same
    assertThat(owner.rest(PROBE, user, PASSWORD).status()).as("another address while locked").isEqualTo(200);
    assertThat(owner.webappLogin(user, PASSWORD).status()).isEqualTo(200);

    // the answers do not tell a lock, a wrong password and an unknown user apart
    RawClient elsewhere = from("127.0.0.13");
    String unknown = "no_such_user_" + user;
    for (RawClient.Answer same : List.of(firstWrong, elsewhere.rest(PROBE, user, WRONG), elsewhere.rest(PROBE, unknown, PASSWORD))) {
      assertThat(same.status()).isEqualTo(lockedRest.status());
      assertThat(same.body()).isEqualTo(lockedRest.body());
      assertThat(same.header("WWW-Authenticate")).isEqualTo(lockedRest.header("WWW-Authenticate")).isNotNull();
    }
    for (RawClient.Answer same : List.of(elsewhere.webappLogin(user, WRONG), elsewhere.webappLogin(unknown, PASSWORD))) {
      assertThat(same.status()).isEqualTo(lockedWebapp.status());
      assertThat(withoutTimestamp(same.body())).isEqualTo(withoutTimestamp(lockedWebapp.body()));
    }
    System.out.printf("[login throttle] refusal, REST: %d \"%s\" %s; webapp: %d \"%s\"%n", lockedRest.status(),
        lockedRest.body(), lockedRest.header("WWW-Authenticate"), lockedWebapp.status(), lockedWebapp.body());

    // the lock ends by itself
    passDelay(properties.lockDuration());
    assertThat(attacker.rest(PROBE, user, PASSWORD).status()).as("after the lock").isEqualTo(200);
    assertThat(attacker.webappLogin(user, PASSWORD).status()).isEqualTo(200);
    assertThat(find(user, attacker.address())).as("nothing left at the attacker's address").isNull();
  }

  // --- administrators see and release the locks; nobody else ------------------------------------------

  @Test
  void onlyAdministratorsSeeAndReleaseTheLocks() {
    RawClient attacker = from("127.0.0.14");
    lockOut(attacker);
    assertThat(lock(user, attacker.address()).get("state").asText()).isEqualTo("锁定");

    Http.Response anonymous = new Http(port).get(LOCKS);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body()).doesNotContain(user);
    Http.Response supervisor = rest("zhangqiu_supervisor").get(LOCKS);
    assertThat(supervisor.status()).isEqualTo(403);
    assertThat(read(supervisor).get("error").asText()).contains("仅系统管理员");
    assertThat(supervisor.body()).doesNotContain(user);
    Http.Response refusedRelease = delete(rest("zhangqiu_supervisor"), LOCKS + "?user=" + user);
    assertThat(refusedRelease.status()).isEqualTo(403);
    assertThat(delete(new Http(port), LOCKS + "?user=" + user).status()).isEqualTo(401);
    Http.Response nothingNamed = delete(rest("admin"), LOCKS);
    assertThat(nothingNamed.status()).isEqualTo(400);
    assertThat(read(nothingNamed).get("error").asText()).contains("user").contains("address");
    assertThat(lock(user, attacker.address()).get("state").asText()).as("still locked").isEqualTo("锁定");
    assertThat(attacker.rest(PROBE, user, PASSWORD).status()).isEqualTo(401);

    // the platform's release
    Http.Response released = delete(rest("admin"), LOCKS + "?user=" + user);
    assertThat(released.status()).as(released.toString()).isEqualTo(200);
    assertThat(read(released).get("released").asInt()).as("at the address and overall").isEqualTo(2);
    assertThat(find(user, attacker.address())).isNull();
    assertThat(attacker.rest(PROBE, user, PASSWORD).status()).isEqualTo(200);

    // Camunda's unlock (Admin webapp, REST) releases them too, still for admins only
    lockOut(attacker);
    assertThat(attacker.rest(PROBE, user, PASSWORD).status()).isEqualTo(401);
    assertThat(rest("zhangqiu_supervisor").postJson("/engine-rest/user/" + user + "/unlock", "{}").status())
        .isEqualTo(403);
    assertThat(lock(user, attacker.address()).get("state").asText()).isEqualTo("锁定");
    Http.Response unlock = rest("admin").postJson("/engine-rest/user/" + user + "/unlock", "{}");
    assertThat(unlock.status()).as(unlock.toString()).isEqualTo(204);
    assertThat(find(user, attacker.address())).isNull();
    assertThat(attacker.rest(PROBE, user, PASSWORD).status()).isEqualTo(200);
  }

  // --- one password on many accounts from one address ---------------------------------------------------

  @Test
  void anAddressTryingManyAccountsIsSlowedThenLocked() {
    RawClient sprayer = from("127.0.0.15");
    RawClient owner = from("127.0.0.16");
    String prefix = "spray_" + user + "_";
    for (int i = 1; i <= properties.addressFreeFailures(); i++) {
      assertThat(sprayer.rest(PROBE, prefix + i, PASSWORD).status()).isEqualTo(401);
    }
    assertThat(sprayer.rest(PROBE, user, PASSWORD).status()).as("free failures do not delay the address").isEqualTo(200);

    // past the free failures the address waits after each, whatever the account
    int failures = properties.addressFreeFailures();
    while (failures < properties.addressFailuresBeforeLock()) {
      failures++;
      assertThat(sprayer.rest(PROBE, prefix + failures, PASSWORD).status()).isEqualTo(401);
      JsonNode address = lock(null, sprayer.address());
      assertThat(address.get("failures").asInt()).isEqualTo(failures);
      if (failures < properties.addressFailuresBeforeLock()) {
        assertThat(address.get("state").asText()).isEqualTo("延迟");
        assertThat(sprayer.rest(PROBE, user, PASSWORD).status()).as("any account from the delayed address").isEqualTo(401);
        assertThat(sprayer.rest(PROBE, prefix + "next", PASSWORD).status()).isEqualTo(401);
        assertThat(lock(null, sprayer.address()).get("failures").asInt()).as("refusals not counted").isEqualTo(failures);
        passDelay(failures - properties.addressFreeFailures());
      }
    }
    JsonNode locked = lock(null, sprayer.address());
    assertThat(locked.get("state").asText()).isEqualTo("锁定");
    assertThat(locked.get("scope").asText()).isEqualTo("地址");
    assertThat(locked.has("account")).isFalse();
    passDelay(properties.delayMax());
    assertThat(sprayer.rest(PROBE, user, PASSWORD).status()).as("the locked address").isEqualTo(401);
    assertThat(owner.rest(PROBE, user, PASSWORD).status()).as("another address").isEqualTo(200);

    passDelay(properties.lockDuration());
    assertThat(sprayer.rest(PROBE, user, PASSWORD).status()).as("after the lock").isEqualTo(200);
    assertThat(find(null, sprayer.address())).isNull();
  }

  // --- many addresses: stricter for the account, never a lock of the account ---------------------------

  @Test
  void manyAddressesMakeTheAccountStricterButNeverLockIt() {
    for (int i = 1; i <= properties.accountFailuresBeforeStrict(); i++) {
      assertThat(from("127.0.1." + i).rest(PROBE, user, WRONG).status()).isEqualTo(401);
    }
    JsonNode overall = lock(user, null);
    assertThat(overall.get("scope").asText()).isEqualTo("账户");
    assertThat(overall.get("failures").asInt()).isEqualTo(properties.accountFailuresBeforeStrict());
    assertThat(overall.get("state").asText()).isEqualTo("从严");
    assertThat(overall.has("lockedUntil")).as("the account itself is never refused").isFalse();
    RawClient owner = from("127.0.0.17");
    assertThat(owner.rest(PROBE, user, PASSWORD).status()).isEqualTo(200);
    assertThat(owner.webappLogin(user, PASSWORD).status()).isEqualTo(200);

    // a new address is locked after the strict number of failures, not the usual one
    RawClient next = from("127.0.0.18");
    for (int failures = 1; failures <= properties.strictFailuresBeforeLock(); failures++) {
      assertThat(next.rest(PROBE, user, WRONG).status()).isEqualTo(401);
      passDelay(failures);
    }
    assertThat(properties.strictFailuresBeforeLock()).isLessThan(properties.failuresBeforeLock());
    assertThat(lock(user, next.address()).get("state").asText()).isEqualTo("锁定");
    assertThat(next.rest(PROBE, user, PASSWORD).status()).isEqualTo(401);
    assertThat(owner.rest(PROBE, user, PASSWORD).status()).as("the owner's address").isEqualTo(200);
  }

  // --- random names and addresses do not grow the memory -------------------------------------------------

  @Test
  void randomNamesAndAddressesKeepTheCountersBounded() {
    LoginThrottleProperties small = new LoginThrottleProperties(properties.delayBase(), properties.delayFactor(),
        properties.delayMax(), properties.failuresBeforeLock(), properties.lockDuration(),
        properties.addressFreeFailures(), properties.addressFailuresBeforeLock(),
        properties.accountFailuresBeforeStrict(), properties.strictFailuresBeforeLock(), 100);
    LoginThrottle bounded = new LoginThrottle(small);
    for (int i = 0; i < small.failuresBeforeLock(); i++) {
      bounded.failed(user, "10.0.0.1");
    }
    assertThat(bounded.refuses(user, "10.0.0.1")).isTrue();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 10_000; i++) {
      bounded.failed("random_" + random.nextLong(), "10." + random.nextInt(256) + "." + random.nextInt(256) + ".1");
    }
    assertThat(bounded.current()).hasSizeLessThanOrEqualTo(100);
    assertThat(bounded.refuses(user, "10.0.0.1")).as("the lock outlasts the flood").isTrue();
    assertThat(bounded.refuses(user, "10.0.0.2")).isFalse();
  }

  // --- helpers -------------------------------------------------------------------------------------------

  /** Wrong passwords from the address until the account is locked there. */
  void lockOut(RawClient attacker) {
    for (int failures = 1; failures <= properties.failuresBeforeLock(); failures++) {
      assertThat(attacker.rest(PROBE, user, WRONG).status()).isEqualTo(401);
      if (failures < properties.failuresBeforeLock()) {
        passDelay(failures);
      }
    }
  }

  /** Moves the engine clock past the delay after the given failure (counted from the first delayed one). */
  void passDelay(int counted) {
    passDelay(Duration.ofMillis(properties.delayMillis(counted)));
  }

  void passDelay(Duration delay) {
    offset += delay.toMillis() + 1_000;
    ClockUtil.offset(offset);
  }

  /** From now (engine clock) to the row's {@code lockedUntil}. */
  static Duration untilThen(JsonNode row) {
    return Duration.between(ClockUtil.getCurrentTime().toInstant(),
        OffsetDateTime.parse(row.get("lockedUntil").asText()).toInstant());
  }

  /** Spring's error body, which differs only in its time stamp. */
  static String withoutTimestamp(String body) {
    return body.replaceAll("\"timestamp\":\"[^\"]*\"", "");
  }

  static Http.Response delete(Http client, String path) {
    return client.send(client.request(path).DELETE());
  }

  /** The administrators' row of the account (null: any) at the address (null: all). */
  JsonNode lock(String account, String address) {
    JsonNode row = find(account, address);
    assertThat(row).as("a counter of %s at %s", account, address).isNotNull();
    return row;
  }

  JsonNode find(String account, String address) {
    Http.Response list = rest("admin").get(LOCKS);
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    for (JsonNode row : read(list)) {
      if (matches(row, "account", account) && matches(row, "address", address)) {
        return row;
      }
    }
    return null;
  }

  private static boolean matches(JsonNode row, String field, String value) {
    return value == null ? !row.has(field) : row.has(field) && row.get(field).asText().equals(value);
  }

  RawClient from(String address) {
    addresses.add(address);
    return new RawClient(address, port);
  }
}
