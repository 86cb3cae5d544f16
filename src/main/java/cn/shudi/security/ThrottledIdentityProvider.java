package cn.shudi.security;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * The engine's user store with {@link LoginThrottle} deciding about wrong passwords, for every login:
 * REST (HTTP basic on each request), the webapps' login form, {@code identity/verify} and the current
 * password of a password change. Camunda's own lock (attempts and lock time in ACT_ID_USER, permanent after
 * {@code loginMaxAttempts}) is not used: anyone could lock any user, the administrator too, for good.
 * A right password writes nothing, so the REST login of each request stays a read.
 */
class ThrottledIdentityProvider extends DbIdentityServiceProvider {

  private final LoginThrottle throttle;

  ThrottledIdentityProvider(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    if (userId == null || password == null) {
      return false;
    }
    String address = LoginAddressFilter.current();
    if (throttle.refuses(userId, address)) {
      return false;
    }
    UserEntity user = findUserById(userId);
    boolean right = user != null && matchPassword(password, user);
    if (right) {
      throttle.succeeded(userId, address);
    } else {
      throttle.failed(userId, address);
    }
    return right;
  }

  /** Camunda's unlock ({@code POST /user/{id}/unlock}, admins only) releases the throttle's counters too. */
  @Override
  public IdentityOperationResult unlockUser(String userId) {
    String by = Context.getCommandContext().getAuthenticatedUserId();
    int released = throttle.release(userId, null, by != null ? by : LoginThrottle.INTERNAL);
    IdentityOperationResult result = super.unlockUser(userId);
    if (released > 0 && result.getValue() != null
        && IdentityOperationResult.OPERATION_NONE.equals(result.getOperation())) {
      // logged as an unlock in the user operation log, as Camunda's own would be
      return new IdentityOperationResult(result.getValue(), IdentityOperationResult.OPERATION_UNLOCK);
    }
    return result;
  }
}
