package cn.shudi.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The login throttle of this node ({@link LoginThrottle}) for the administrators ({@code camunda-admin}):
 * <ul>
 * <li>{@code GET /api/security/login-locks}: the counters in force ({@link LoginLock}), refusals first</li>
 * <li>{@code DELETE /api/security/login-locks?user=…&address=…}: ends the counters of the account, of the
 *     address, or with both of the account at that address; answers {@code {"released": n}}</li>
 * </ul>
 * HTTP basic login as for {@code /engine-rest}; others get 403. Errors answer {@code {"error": "…"}}.
 */
@RestController
@RequestMapping(value = "/api/security/login-locks", produces = MediaType.APPLICATION_JSON_VALUE)
class LoginLockController {

  private final LoginThrottle throttle;
  private final IdentityService identity;

  LoginLockController(LoginThrottle throttle, IdentityService identity) {
    this.throttle = throttle;
    this.identity = identity;
  }

  @GetMapping
  ResponseEntity<Object> list() {
    return asAdmin(admin -> ResponseEntity.ok(throttle.current()));
  }

  @DeleteMapping
  ResponseEntity<Object> release(@RequestParam(required = false) String user,
      @RequestParam(required = false) String address) {
    String account = blankToNull(user);
    String from = blankToNull(address);
    return asAdmin(admin -> account == null && from == null
        ? error(HttpStatus.BAD_REQUEST, "请用参数 user（账户）或 address（地址）指明要解除的登录限制")
        : ResponseEntity.ok(Map.of("released", throttle.release(account, from, admin))));
  }

  /** The action's answer for an administrator (given the admin's id), 401 or 403 for anyone else. */
  private ResponseEntity<Object> asAdmin(Function<String, ResponseEntity<Object>> action) {
    Authentication user = identity.getCurrentAuthentication();
    if (user == null || user.getUserId() == null) {
      return error(HttpStatus.UNAUTHORIZED, "请先登录");
    }
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    if (!groups.contains(Groups.CAMUNDA_ADMIN)) {
      return error(HttpStatus.FORBIDDEN, "用户「" + user.getUserId() + "」无权查看或解除登录锁定：仅系统管理员可以");
    }
    return action.apply(user.getUserId());
  }

  private static ResponseEntity<Object> error(HttpStatus status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.value());
    body.put("error", message);
    return ResponseEntity.status(status).body(body);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
