package dev.llmgateway.server.store.redis;

import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.PreviousKey;
import dev.llmgateway.server.store.Scope;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps an {@link ApiKeyRecord} to the fields of its Redis hash and back. Scopes are comma-separated names,
 * allowed models one per line, instants ISO-8601; a key that never expires has no {@code expires_at} field,
 * and one without a previous key no {@code previous_*} fields.
 */
final class ApiKeyFields {
  static final String ID = "id";
  static final String DISPLAY_NAME = "display_name";
  static final String KEY_HASH = "key_hash";
  static final String SCOPES = "scopes";
  static final String MODELS = "models";
  static final String EXPIRES_AT = "expires_at";
  static final String DISABLED = "disabled";
  static final String CREATED_AT = "created_at";
  static final String PREVIOUS_KEY_HASH = "previous_key_hash";
  static final String PREVIOUS_VALID_UNTIL = "previous_valid_until";
  /** The fields written only when set, removed when a new version of the record leaves them unset. */
  static final String[] OPTIONAL = {EXPIRES_AT, PREVIOUS_KEY_HASH, PREVIOUS_VALID_UNTIL};

  private ApiKeyFields() {}

  /** Returns the hash fields of a record; {@code expires_at} is left out when the key never expires. */
  static Map<String, String> encode(ApiKeyRecord r) {
    Map<String, String> fields = new HashMap<>();
    fields.put(ID, r.id());
    fields.put(DISPLAY_NAME, r.displayName());
    fields.put(KEY_HASH, r.keyHashHex());
    fields.put(SCOPES, Scope.join(r.scopes()));
    fields.put(MODELS, String.join("\n", new TreeSet<>(r.modelAllowList())));
    r.expiresAt().ifPresent(at -> fields.put(EXPIRES_AT, at.toString()));
    fields.put(DISABLED, Boolean.toString(r.disabled()));
    fields.put(CREATED_AT, r.createdAt().toString());
    r.previousKey().ifPresent(p -> {
      fields.put(PREVIOUS_KEY_HASH, p.keyHashHex());
      fields.put(PREVIOUS_VALID_UNTIL, p.validUntil().toString());
    });
    return fields;
  }

  /** Returns the record a hash holds, or empty when the hash is empty (the key does not exist). */
  static Optional<ApiKeyRecord> decode(Map<String, String> fields) {
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Set<Scope> scopes = Scope.parseKnown(required(fields, SCOPES));
    String models = required(fields, MODELS);
    return Optional.of(new ApiKeyRecord(
        required(fields, ID),
        required(fields, DISPLAY_NAME),
        HexFormat.of().parseHex(required(fields, KEY_HASH)),
        scopes,
        models.isEmpty() ? Set.of() : Set.of(models.split("\n")),
        Optional.ofNullable(fields.get(EXPIRES_AT)).map(Instant::parse),
        Boolean.parseBoolean(required(fields, DISABLED)),
        Instant.parse(required(fields, CREATED_AT)),
        Optional.ofNullable(fields.get(PREVIOUS_KEY_HASH)).map(hex -> new PreviousKey(HexFormat.of().parseHex(hex),
            Instant.parse(required(fields, PREVIOUS_VALID_UNTIL))))));
  }

  private static String required(Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null) {
      throw new IllegalStateException("api key " + fields.get(ID) + ": stored record has no " + name + " field");
    }
    return value;
  }
}
