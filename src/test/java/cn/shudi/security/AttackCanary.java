package cn.shudi.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A Spring bean the engine's expressions can reach ({@code ${attackCanary.fire('…')}}): if an injected query
 * expression were ever evaluated, the canary would remember it. {@link AttackTest} first shows that the engine
 * does evaluate it when asked (so the canary can sing), then that no attack made it sing.
 */
public class AttackCanary {

  private final List<String> fired = Collections.synchronizedList(new ArrayList<>());

  /** Records the call and returns a date, so it fits {@code dueAfterExpression} and friends. */
  public Date fire(String who) {
    fired.add(who);
    return new Date();
  }

  public List<String> fired() {
    return List.copyOf(fired);
  }

  public void reset() {
    fired.clear();
  }

  /** Registers the canary as bean {@code attackCanary}; the security tests share one context through it. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Config {
    @Bean
    AttackCanary attackCanary() {
      return new AttackCanary();
    }
  }
}
