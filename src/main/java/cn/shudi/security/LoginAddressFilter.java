package cn.shudi.security;

import java.io.IOException;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Tells the password check ({@link ThrottledIdentityProvider}) from which address the login of this request
 * comes: the engine's API offers no way to hand it down. The address is the connection's
 * ({@code getRemoteAddr}); {@code X-Forwarded-For} is trusted only where Spring is told to
 * ({@code server.forward-headers-strategy}), since any client can send it.
 */
final class LoginAddressFilter extends OncePerRequestFilter {

  private static final ThreadLocal<String> ADDRESS = new ThreadLocal<>();

  /** The client address of the request in this thread, {@link LoginThrottle#INTERNAL} without one. */
  static String current() {
    String address = ADDRESS.get();
    return address != null ? address : LoginThrottle.INTERNAL;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ADDRESS.set(request.getRemoteAddr());
    try {
      chain.doFilter(request, response);
    } finally {
      ADDRESS.remove();
    }
  }
}
