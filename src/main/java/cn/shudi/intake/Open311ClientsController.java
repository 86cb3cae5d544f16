package cn.shudi.intake;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Open311 client systems, for administrators only (HTTP basic, group {@code camunda-admin}):
 * {@code POST /api/open311/clients {"name": …}} issues a key and shows it once (201); {@code GET} lists the clients
 * without keys; {@code DELETE /api/open311/clients/{id}} revokes one (204).
 */
@RestController
@RequestMapping("/api/open311/clients")
class Open311ClientsController {

  /** What an administrator sends. */
  record NewClient(String name) {
  }

  private final Open311Clients clients;
  private final IdentityService identity;

  Open311ClientsController(Open311Clients clients, @Lazy IdentityService identity) {
    this.clients = clients;
    this.identity = identity;
  }

  @PostMapping
  ResponseEntity<?> issue(@RequestBody NewClient body) {
    String admin = administrator();
    if (admin == null) {
      return refused();
    }
    String name = body == null || body.name() == null ? "" : body.name().strip();
    if (name.isEmpty() || name.length() > 100) {
      return ResponseEntity.badRequest().body(Map.of("message", "请填写来源系统的名称（不超过 100 个字）"));
    }
    Open311Clients.Issued issued = clients.issue(name, admin);
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", issued.client().id(), "name", name,
        "apiKey", issued.apiKey(), "notice", "密钥只显示这一次，平台只保存其 SHA-256：请妥善交给来源系统"));
  }

  @GetMapping
  ResponseEntity<?> list() {
    if (administrator() == null) {
      return refused();
    }
    List<Open311Clients.Client> all = clients.all();
    return ResponseEntity.ok(all);
  }

  @DeleteMapping("/{id}")
  ResponseEntity<?> revoke(@PathVariable String id) {
    String admin = administrator();
    if (admin == null) {
      return refused();
    }
    if (!clients.revoke(id, admin)) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "没有可吊销的来源系统「" + id + "」"));
    }
    return ResponseEntity.noContent().build();
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<?> unreadable() {
    return ResponseEntity.badRequest().body(Map.of("message", "不是合法的 JSON：请发送 {\"name\": \"来源系统名称\"}"));
  }

  private String administrator() {
    Authentication user = identity.getCurrentAuthentication();
    return user != null && user.getUserId() != null && user.getGroupIds() != null
        && user.getGroupIds().contains(Groups.CAMUNDA_ADMIN) ? user.getUserId() : null;
  }

  private static ResponseEntity<?> refused() {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", "只有平台管理员可以签发或吊销 Open311 密钥"));
  }
}
