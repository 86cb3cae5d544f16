package cn.shudi.intake;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Role;

/**
 * Who calls the intake and how a refusal is answered, once for all its controllers and rules: a logged-in user of the
 * county (its tenant, or an administrator), the command centre (its staff, the dispatchers, an administrator), and the
 * plain-text Chinese answer of a refused call.
 */
final class IntakeCallers {

  private IntakeCallers() {
  }

  static List<String> groups(Authentication user) {
    return user == null || user.getGroupIds() == null ? List.of() : user.getGroupIds();
  }

  /** A logged-in user of the county: a member of its tenant, or an administrator. */
  static boolean inCounty(Authentication user, Jurisdiction county) {
    if (user == null || user.getUserId() == null) {
      return false;
    }
    return groups(user).contains(Groups.CAMUNDA_ADMIN)
        || user.getTenantIds() != null && user.getTenantIds().contains(county.tenantId());
  }

  /** The county's command centre: its staff, the dispatchers, or an administrator. */
  static boolean commandCentre(List<String> groups, Jurisdiction county) {
    return groups.contains(Groups.CAMUNDA_ADMIN) || groups.contains(county.commandCentre().groupId())
        || groups.contains(Role.DISPATCHER.groupId(county));
  }

  /** A refused call: the status and the reason in Chinese, as plain UTF-8 text. */
  static ResponseEntity<String> problem(HttpStatus status, String message) {
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
        .body(message);
  }
}
