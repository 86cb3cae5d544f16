package cn.shudi.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import cn.shudi.security.Callers.Caller;

/**
 * Rules the engine's API applies too late or not at all, answered 403 before the request reaches it:
 *
 * <ul>
 * <li>Writes to users, groups, memberships, counties (tenants) and grants need the engine permission first.
 * Camunda checks the password policy or an id's spelling before the permission (staff creating a user got 500)
 * and answers 404 where the caller may not read the record.</li>
 * <li>A webapp's plugin API ({@code /camunda/api/cockpit|admin|tasklist/plugin/…}) needs access to that
 * webapp. Camunda's rule asks only for a login, so a Tasklist session reached Cockpit's statistics.</li>
 * </ul>
 */
class AccessRulesFilter extends OncePerRequestFilter {

  private static final String ENGINE_API = "(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)";
  private static final Pattern PLUGIN_API = Pattern.compile(
      "/camunda/api/(cockpit|admin|tasklist)/plugin/[^/]+/(?!static/)[^/]+/.*");

  private static final Pattern IDENTITY_PATH = Pattern.compile("/(?:user|group|tenant|authorization)(?:/|$)");

  /** An identity write: method, path (with the record's id as group 1 where there is one), permission. */
  private record Rule(String method, Pattern path, Resource resource, Permission permission) {
    Rule(String method, String path, Resource resource, Permission permission) {
      this(method, Pattern.compile(ENGINE_API + path + "/?"), resource, permission);
    }
  }

  private static final List<Rule> IDENTITY_WRITES = List.of(
      new Rule("POST", "/user/create", Resources.USER, Permissions.CREATE),
      new Rule("PUT", "/user/([^/]+)/(?:profile|credentials)", Resources.USER, Permissions.UPDATE),
      new Rule("DELETE", "/user/([^/]+)", Resources.USER, Permissions.DELETE),
      new Rule("POST", "/group/create", Resources.GROUP, Permissions.CREATE),
      new Rule("PUT", "/group/([^/]+)", Resources.GROUP, Permissions.UPDATE),
      new Rule("DELETE", "/group/([^/]+)", Resources.GROUP, Permissions.DELETE),
      new Rule("PUT", "/group/([^/]+)/members/[^/]+", Resources.GROUP_MEMBERSHIP, Permissions.CREATE),
      new Rule("DELETE", "/group/([^/]+)/members/[^/]+", Resources.GROUP_MEMBERSHIP, Permissions.DELETE),
      new Rule("POST", "/tenant/create", Resources.TENANT, Permissions.CREATE),
      new Rule("PUT", "/tenant/([^/]+)", Resources.TENANT, Permissions.UPDATE),
      new Rule("DELETE", "/tenant/([^/]+)", Resources.TENANT, Permissions.DELETE),
      new Rule("PUT", "/tenant/([^/]+)/(?:user|group)-members/[^/]+", Resources.TENANT_MEMBERSHIP, Permissions.CREATE),
      new Rule("DELETE", "/tenant/([^/]+)/(?:user|group)-members/[^/]+", Resources.TENANT_MEMBERSHIP,
          Permissions.DELETE),
      new Rule("POST", "/authorization/create", Resources.AUTHORIZATION, Permissions.CREATE),
      new Rule("PUT", "/authorization/([^/]+)", Resources.AUTHORIZATION, Permissions.UPDATE),
      new Rule("DELETE", "/authorization/([^/]+)", Resources.AUTHORIZATION, Permissions.DELETE));

  private final Callers callers;
  private final AuthorizationService authorizations;

  AccessRulesFilter(Callers callers, AuthorizationService authorizations) {
    this.callers = callers;
    this.authorizations = authorizations;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Optional<String> refusal = refusal(request.getMethod(), path, request);
    if (refusal.isPresent()) {
      StrictJson.writeRefusal(response, HttpServletResponse.SC_FORBIDDEN, "AuthorizationException", refusal.get());
      return;
    }
    chain.doFilter(request, response);
  }

  private Optional<String> refusal(String method, String path, HttpServletRequest request) {
    if (!path.contains("/plugin/") && !IDENTITY_PATH.matcher(path).find()) {
      return Optional.empty(); // most requests: tasks, cases, queries
    }
    Matcher plugin = PLUGIN_API.matcher(path);
    if (plugin.matches()) {
      Optional<Caller> caller = callers.of(request);
      if (caller.isPresent() && !caller.get().apps().contains(plugin.group(1))) {
        return Optional.of("无权使用 " + plugin.group(1) + " 的接口：用户「" + caller.get().userId() + "」不能访问该应用");
      }
      return Optional.empty(); // anonymous: the webapp's own rule answers 401
    }
    for (Rule rule : IDENTITY_WRITES) {
      Matcher matcher = rule.path().matcher(path);
      if (rule.method().equals(method) && matcher.matches()) {
        Optional<Caller> caller = callers.of(request);
        if (caller.isEmpty()) {
          return Optional.empty(); // the login filter or the webapp answers 401
        }
        String id = matcher.groupCount() > 0 ? matcher.group(1) : null;
        Caller user = caller.get();
        boolean allowed = id == null
            ? authorizations.isUserAuthorized(user.userId(), user.groupIds(), rule.permission(), rule.resource())
            : authorizations.isUserAuthorized(user.userId(), user.groupIds(), rule.permission(), rule.resource(), id);
        if (!allowed) {
          return Optional.of("用户「" + user.userId() + "」无权修改用户、组、辖区或授权（需要 "
              + rule.resource().resourceName() + " 的 " + rule.permission().getName() + " 权限）");
        }
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
