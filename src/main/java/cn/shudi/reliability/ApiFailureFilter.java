package cn.shudi.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Answers the failures {@link FailureInterceptor} recognised, on the engine's REST API, the webapps' API
 * (Tasklist, Cockpit) and the platform's own API alike: status and message of the {@link EngineFailure}, in
 * Camunda's error format, instead of the 404/500 and technical text the REST resources would send.
 *
 * <p>Why a filter and not a JAX-RS exception mapper: the engine's task resource catches the engine's exception
 * and throws its own {@code RestException} (status 500) around it, and the webapps' API is a second JAX-RS
 * application of Camunda's that takes no providers of ours; a filter in front of both sees every answer. It
 * does not buffer: only an error status set while a failure is recorded for the request is held back, and the
 * body written after it is dropped; every other answer (long polling included) passes untouched.
 *
 * <p>A failure thrown out of the chain (the login filter's password check when the database is down, the
 * platform's controllers) is answered 503 when it is a lost database connection.
 */
class ApiFailureFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(ApiFailureFilter.class);
  /** Seconds a client is asked to wait after a 503. */
  static final String RETRY_AFTER = "10";

  private final ObjectMapper json;

  ApiFailureFilter(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    FailureContext.clear();
    HeldResponse held = new HeldResponse(response);
    try {
      chain.doFilter(request, held);
    } catch (IOException | ServletException | RuntimeException e) {
      if (!DatabaseFailures.isUnavailable(e) || response.isCommitted()) {
        throw e;
      }
      LOG.warn("{} {}：数据库不可用（{}）", request.getMethod(), request.getRequestURI(), e.getMessage());
      write(response, EngineFailure.DATABASE_UNAVAILABLE);
      return;
    } finally {
      FailureContext.clear();
    }
    if (held.failure != null) {
      write(response, held.failure);
    }
  }

  private void write(HttpServletResponse response, EngineFailure failure) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", failure.type());
    body.put("message", failure.message());
    byte[] bytes = json.writeValueAsBytes(body);
    response.setStatus(failure.status());
    if (failure.status() == 503) {
      response.setHeader("Retry-After", RETRY_AFTER);
    }
    response.setContentType("application/json;charset=UTF-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /**
   * Passes everything through until an error status is set while a failure is recorded; from then on it
   * holds the status and drops the body, for the filter to answer.
   */
  static final class HeldResponse extends HttpServletResponseWrapper {

    EngineFailure failure;
    private ServletOutputStream stream;

    HeldResponse(HttpServletResponse response) {
      super(response);
    }

    private boolean hold(int status) {
      if (failure == null && status >= 400 && FailureContext.current() != null) {
        failure = FailureContext.current();
      }
      return failure != null;
    }

    @Override
    public void setStatus(int sc) {
      if (!hold(sc)) {
        super.setStatus(sc);
      }
    }

    @Override
    public void sendError(int sc) throws IOException {
      if (!hold(sc)) {
        super.sendError(sc);
      }
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
      if (!hold(sc)) {
        super.sendError(sc, msg);
      }
    }

    @Override
    public void setContentLength(int len) {
      if (failure == null) {
        super.setContentLength(len);
      }
    }

    @Override
    public void setContentLengthLong(long len) {
      if (failure == null) {
        super.setContentLengthLong(len);
      }
    }

    @Override
    public void setContentType(String type) {
      if (failure == null) {
        super.setContentType(type);
      }
    }

    @Override
    public void flushBuffer() throws IOException {
      if (failure == null) {
        super.flushBuffer();
      }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (stream == null) {
        stream = new HeldStream(this);
      }
      return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (failure != null) {
        return new PrintWriter(Writer.nullWriter());
      }
      return super.getWriter();
    }

    /** The real stream, or nothing once the answer is held. */
    private OutputStream target() throws IOException {
      return failure != null ? OutputStream.nullOutputStream() : super.getOutputStream();
    }
  }

  private static final class HeldStream extends ServletOutputStream {

    private final HeldResponse response;

    HeldStream(HeldResponse response) {
      this.response = response;
    }

    @Override
    public void write(int b) throws IOException {
      response.target().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      response.target().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      response.target().flush();
    }

    @Override
    public boolean isReady() {
      try {
        OutputStream target = response.target();
        return !(target instanceof ServletOutputStream servlet) || servlet.isReady();
      } catch (IOException e) {
        return false;
      }
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      try {
        if (response.target() instanceof ServletOutputStream servlet) {
          servlet.setWriteListener(listener);
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

}
