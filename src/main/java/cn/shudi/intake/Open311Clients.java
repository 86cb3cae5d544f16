package cn.shudi.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The client systems of the Open311 API ({@code shudi_open311_client}) and what they filed under their own request
 * ids ({@code shudi_open311_submission}). A key is 32 random bytes, shown once when issued and stored only as its
 * SHA-256; a revoked key never works again.
 */
@Component
class Open311Clients {

  /** A client system; {@code revokedAt} is null while its key works. */
  record Client(String id, String name, LocalDateTime createdAt, String createdBy, LocalDateTime revokedAt,
      String revokedBy) {
  }

  /** A client just issued, with its key in plain text (never stored, never shown again). */
  record Issued(Client client, String apiKey) {
  }

  /** What a client filed under its own id. */
  record Submission(String fingerprint, String requestId) {
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;

  Open311Clients(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Issued issue(String name, String by) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String key = "o311_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    byte[] idBytes = new byte[8];
    RANDOM.nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
    jdbc.sql("insert into shudi_open311_client (id, name, key_hash, created_at, created_by) "
        + "values (:id, :name, :hash, :at, :by)").param("id", id).param("name", name).param("hash", sha256(key))
        .param("at", now).param("by", by).update();
    return new Issued(new Client(id, name, now, by, null, null), key);
  }

  /** @return whether a working client of that id was revoked now */
  boolean revoke(String id, String by) {
    return jdbc.sql("update shudi_open311_client set revoked_at = :at, revoked_by = :by where id = :id "
        + "and revoked_at is null").param("at", LocalDateTime.now(ZoneOffset.UTC).withNano(0)).param("by", by)
        .param("id", id).update() == 1;
  }

  Optional<Client> client(String id) {
    return jdbc.sql("select * from shudi_open311_client where id = :id").param("id", id)
        .query((rs, row) -> client(rs)).optional();
  }

  List<Client> all() {
    return jdbc.sql("select * from shudi_open311_client order by created_at, id").query((rs, row) -> client(rs))
        .list();
  }

  /** The client whose key this is, while it is not revoked. */
  Optional<Client> byKey(String apiKey) {
    if (apiKey == null || apiKey.isBlank() || apiKey.length() > 200) {
      return Optional.empty();
    }
    return jdbc.sql("select * from shudi_open311_client where key_hash = :hash and revoked_at is null")
        .param("hash", sha256(apiKey.strip())).query((rs, row) -> client(rs)).optional();
  }

  Optional<Submission> submission(String clientId, String clientRequestId) {
    return jdbc.sql("select fingerprint, request_id from shudi_open311_submission where client_id = :c "
        + "and client_request_id = :r").param("c", clientId).param("r", clientRequestId)
        .query((rs, row) -> new Submission(rs.getString("fingerprint"), rs.getString("request_id"))).optional();
  }

  void insertSubmission(String clientId, String clientRequestId, String fingerprint, String requestId,
      LocalDateTime at) {
    jdbc.sql("insert into shudi_open311_submission (client_id, client_request_id, fingerprint, request_id, "
        + "received_at) values (:c, :r, :f, :id, :at)").param("c", clientId).param("r", clientRequestId)
        .param("f", fingerprint).param("id", requestId).param("at", at).update();
  }

  private static Client client(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Client(rs.getString("id"), rs.getString("name"), time(rs, "created_at"), rs.getString("created_by"),
        time(rs, "revoked_at"), rs.getString("revoked_by"));
  }

  private static LocalDateTime time(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
    java.sql.Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toLocalDateTime();
  }

  static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
