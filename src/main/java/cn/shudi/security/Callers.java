package cn.shudi.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Who sends a request, as the engine knows them: on {@code /engine-rest} and {@code /api} the HTTP basic
 * login (checked by the engine's authentication filter before the guards run), on the webapps' API the
 * session's login. Empty for an anonymous request.
 */
final class Callers {

  /** A logged-in caller: id, groups, counties (tenants) and, in a webapp session, the webapps they may open. */
  record Caller(String userId, List<String> groupIds, List<String> tenantIds, Set<String> apps) {
    Caller {
      groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
      tenantIds = tenantIds == null ? List.of() : List.copyOf(tenantIds);
      apps = apps == null ? Set.of() : Set.copyOf(apps);
    }
  }

  private final IdentityService identity;

  Callers(IdentityService identity) {
    this.identity = identity;
  }

  Optional<Caller> of(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/camunda/")) {
      return fromSession(request.getSession(false));
    }
    Authentication current = identity.getCurrentAuthentication();
    if (current == null || current.getUserId() == null) {
      return Optional.empty();
    }
    return Optional.of(new Caller(current.getUserId(), current.getGroupIds(), current.getTenantIds(), Set.of()));
  }

  private static Optional<Caller> fromSession(HttpSession session) {
    if (session == null) {
      return Optional.empty();
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    return authentications.getAuthentications().stream()
        .filter(UserAuthentication.class::isInstance).map(UserAuthentication.class::cast)
        .filter(a -> a.getIdentityId() != null).findFirst()
        .map(a -> new Caller(a.getIdentityId(), a.getGroupIds(), a.getTenantIds(), a.getAuthorizedApps()));
  }
}
