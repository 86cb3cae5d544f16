package cn.shudi.support;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The real PostgreSQL server the {@code postgres} tests run against: one throw-away database per
 * test class. Never skips: without a server the test fails and says what to start.
 */
public final class PostgresServer {

  private static final String SERVER = env("SHUDI_PG_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
  private static final String USER = env("SHUDI_PG_USER", "postgres");
  private static final String PASSWORD = env("SHUDI_PG_PASSWORD", "");

  private final String database;

  private PostgresServer(String database) {
    this.database = database;
  }

  /** Creates a fresh, empty database on the server. */
  public static PostgresServer freshDatabase(String prefix) {
    String name = prefix + "_" + Long.toString(System.currentTimeMillis(), 36);
    try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
        Statement statement = admin.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      fail("PostgreSQL 不可用（" + SERVER + "，用户 " + USER + "）：" + e.getMessage()
          + "\n请先启动 PostgreSQL（bash .ci/run 会自动安装并启动；或 pg_ctlcluster 15 main start），"
          + "或用 SHUDI_PG_SERVER / SHUDI_PG_USER / SHUDI_PG_PASSWORD 指向一台服务器。");
    }
    return new PostgresServer(name);
  }

  public String url() {
    return SERVER + database;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  public void drop() {
    try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
        Statement statement = admin.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test database " + database, e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
