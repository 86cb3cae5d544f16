package cn.shudi.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import cn.shudi.support.Http;
import cn.shudi.support.PostgresServer;

/**
 * One application node in its own JVM: {@code cn.shudi.ShudiApplication} with the production profile
 * {@code postgres} on a shared PostgreSQL database, the job executor on, on a free port, logging to
 * {@code target/cluster/<name>.log}. {@link #kill()} ends it with SIGKILL, as a power cut or the kernel's
 * OOM killer would: no shutdown hook, no engine shutdown, open transactions and job locks left behind.
 *
 * <p>Why the production profile and not the demo profile with the datasource overridden: a cluster node in
 * production runs exactly this profile (ProductionSafetyCheck on, no demo users, the admin password from
 * the environment), so the test exercises the configuration that ships. The test creates the few staff
 * users it needs through the admin's REST API.
 */
final class AppNode implements AutoCloseable {

  private static final Path LOGS = Path.of("target", "cluster");

  final String name;
  final int port;
  final Path log;
  private final Process process;
  private final String adminPassword;

  private AppNode(String name, int port, Path log, Process process, String adminPassword) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
    this.adminPassword = adminPassword;
  }

  /**
   * Starts a node; returns once it is launched (see {@link #awaitUp}).
   *
   * @param properties extra Spring properties, e.g. {@code camunda.bpm.job-execution.lock-time-in-millis}
   */
  static AppNode launch(String name, PostgresServer database, String adminPassword, Map<String, String> properties)
      throws IOException {
    Files.createDirectories(LOGS);
    int port = freePort();
    Path log = LOGS.resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m", "-XX:+ExitOnOutOfMemoryError",
        "-D" + NodeIdentity.NODE_PROPERTY + "=" + name,
        "-Dfile.encoding=UTF-8",
        "-cp", System.getProperty("java.class.path"),
        "cn.shudi.ShudiApplication",
        "--spring.profiles.active=postgres",
        "--spring.main.banner-mode=off",
        "--spring.main.sources=" + NodeIdentity.class.getName(),
        "--server.port=" + port,
        // the test classpath carries config/application.yaml (H2 in memory, job executor off): override both
        "--spring.datasource.url=" + database.url(),
        "--spring.datasource.username=" + database.user(),
        "--spring.datasource.password=" + database.password(),
        "--camunda.bpm.job-execution.enabled=true"));
    properties.forEach((key, value) -> command.add("--" + key + "=" + value));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().put("SHUDI_ADMIN_PASSWORD", adminPassword);
    builder.environment().remove("SHUDI_DEMO_ENABLED");
    return new AppNode(name, port, log, builder.start(), adminPassword);
  }

  /** Waits until the node answers the admin on its REST API; fails with the log's tail if it died. */
  AppNode awaitUp(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Http admin = admin();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + " while starting:\n" + tail(60));
      }
      try {
        if (admin.get("/engine-rest/version").status() == 200) {
          return this;
        }
      } catch (IllegalStateException notYet) {
        // connection refused: still starting
      }
      Thread.sleep(500);
    }
    throw new AssertionError(name + " did not answer within " + timeout + ":\n" + tail(60));
  }

  Http admin() {
    return http("admin", adminPassword);
  }

  Http http(String user, String password) {
    return new Http(port).as(user, password);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * SIGKILL. {@link Process#destroyForcibly()} sends SIGKILL on Linux; the exit status proves it: a process
   * ended by signal 9 reports 128 + 9.
   *
   * @return the exit status, 137
   */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " survived SIGKILL");
    }
    return process.exitValue();
  }

  /**
   * SIGSTOP: the node stops mid-step, its sockets open, its database state as it is. Lets a test look at
   * what the node holds (its job locks) and then kill it in exactly that state, instead of racing a
   * running node between the look and the kill.
   */
  void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT: a frozen node runs on. */
  void thaw() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  /** The last lines of the node's log. */
  String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops a node still running with SIGTERM (Spring's graceful shutdown), SIGKILL after 30 s. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** After a test: stops the nodes still running (SIGTERM, then SIGKILL) and drops their database. */
  static void stopAndDrop(PostgresServer database, AppNode... nodes) throws InterruptedException {
    for (AppNode node : nodes) {
      if (node != null) {
        node.close();
      }
    }
    if (database != null) {
      database.drop();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", port " + port + ", log " + log + ")";
  }
}
