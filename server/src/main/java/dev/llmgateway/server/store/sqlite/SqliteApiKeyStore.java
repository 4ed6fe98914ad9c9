package dev.llmgateway.server.store.sqlite;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.ApiKeyStore;
import dev.llmgateway.server.store.PreviousKey;
import dev.llmgateway.server.store.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps API-key records in the {@code api_keys} table, found by id, by key hash or by previous key hash (both
 * unique, and checked against each other on write). Every write is one durable transaction.
 */
public final class SqliteApiKeyStore implements ApiKeyStore {
  private static final String COLUMNS = "id, display_name, key_hash, scopes, models, expires_at, disabled,"
      + " created_at, previous_key_hash, previous_valid_until";

  private final SqliteDatabase db;

  public SqliteApiKeyStore(SqliteDatabase db) {
    this.db = requireNonNull(db, "db");
  }

  @Override
  public Optional<ApiKeyRecord> findByHash(byte[] keyHash) {
    String hex = HexFormat.of().formatHex(requireNonNull(keyHash, "keyHash"));
    return db.read("api key lookup", c -> one(c,
        "SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ? OR previous_key_hash = ?", hex, hex));
  }

  @Override
  public void put(ApiKeyRecord record) {
    requireNonNull(record, "record");
    List<String> hashes = record.hashesHex();
    String first = hashes.get(0);
    String second = hashes.get(hashes.size() - 1);
    db.write("api key put", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT id FROM api_keys WHERE id <> ? AND (key_hash IN (?, ?)"
          + " OR previous_key_hash IN (?, ?))")) {
        s.setString(1, record.id());
        s.setString(2, first);
        s.setString(3, second);
        s.setString(4, first);
        s.setString(5, second);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            throw new IllegalArgumentException("keyHash: already used by key " + rs.getString(1));
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO api_keys (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        s.setString(1, record.id());
        s.setString(2, record.displayName());
        s.setString(3, record.keyHashHex());
        s.setString(4, Scope.join(record.scopes()));
        s.setString(5, String.join("\n", new TreeSet<>(record.modelAllowList())));
        s.setString(6, record.expiresAt().map(Instant::toString).orElse(null));
        s.setInt(7, record.disabled() ? 1 : 0);
        s.setString(8, record.createdAt().toString());
        s.setString(9, record.previousKey().map(PreviousKey::keyHashHex).orElse(null));
        s.setString(10, record.previousKey().map(p -> p.validUntil().toString()).orElse(null));
        s.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public boolean delete(String id) {
    requireNonNull(id, "id");
    return db.write("api key delete", c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM api_keys WHERE id = ?")) {
        s.setString(1, id);
        return s.executeUpdate() > 0;
      }
    });
  }

  @Override
  public Optional<ApiKeyRecord> get(String id) {
    requireNonNull(id, "id");
    return db.read("api key get", c -> one(c, "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", id));
  }

  @Override
  public List<ApiKeyRecord> list() {
    return db.read("api key list", c -> {
      List<ApiKeyRecord> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys ORDER BY id");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(decode(rs));
        }
      }
      return List.copyOf(out);
    });
  }

  @Override
  public boolean isEmpty() {
    return db.read("api key count", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM api_keys LIMIT 1"); ResultSet rs = s.executeQuery()) {
        return !rs.next();
      }
    });
  }

  private static Optional<ApiKeyRecord> one(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setString(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(decode(rs)) : Optional.empty();
      }
    }
  }

  private static ApiKeyRecord decode(ResultSet rs) throws SQLException {
    String models = rs.getString("models");
    String previousHash = rs.getString("previous_key_hash");
    Optional<PreviousKey> previous = previousHash == null ? Optional.empty()
        : Optional.of(new PreviousKey(HexFormat.of().parseHex(previousHash),
            Instant.parse(rs.getString("previous_valid_until"))));
    return new ApiKeyRecord(rs.getString("id"), rs.getString("display_name"),
        HexFormat.of().parseHex(rs.getString("key_hash")), Scope.parseKnown(rs.getString("scopes")),
        models.isEmpty() ? Set.of() : Set.of(models.split("\n")),
        Optional.ofNullable(rs.getString("expires_at")).map(Instant::parse), rs.getInt("disabled") != 0,
        Instant.parse(rs.getString("created_at")), previous);
  }
}
