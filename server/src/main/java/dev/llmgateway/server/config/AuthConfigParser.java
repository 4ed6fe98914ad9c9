package dev.llmgateway.server.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.llmgateway.server.config.AuthConfig.ConfiguredKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Reads the {@code auth} section into an {@link AuthConfig}, reading the secrets it names from the
 * environment. Problems are {@link InvalidConfigException}s naming the origin, the key and what is wrong,
 * as {@link ConfigLoader} reports them; messages name environment variables, never their values.
 */
public final class AuthConfigParser {
  /** The id of the key read from {@code admin-key-env} (and of a generated admin key). */
  public static final String ADMIN_KEY_ID = "admin";
  /** The fewest characters a key given through the environment may have. */
  public static final int MIN_KEY_LENGTH = 32;
  /** The fewest bytes the hash secret may have (the hasher's own minimum). */
  public static final int MIN_SECRET_BYTES = 32;

  private static final Set<String> AUTH_KEYS =
      Set.of("enabled", "hash-secret-env", "admin-key-env", "keys", "public-services");
  private static final Set<String> KEY_KEYS =
      Set.of("id", "name", "key-env", "key-hash", "scopes", "models", "expires-at", "disabled");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern HASH_HEX = Pattern.compile("[0-9a-fA-F]{64}");
  private static final String PREFIX = "auth.";

  private AuthConfigParser() {}

  /** Returns the validated {@code auth} section, with secrets read through {@code env}. */
  public static AuthConfig parse(Config authSection, Function<String, String> env) {
    requireNonNull(authSection, "authSection");
    requireNonNull(env, "env");
    try {
      return build(authSection, env);
    } catch (ConfigException e) {
      throw new InvalidConfigException("invalid configuration: " + e.getMessage(), e);
    }
  }

  /**
   * Fails unless {@code auth} has a hash secret; call it when keys are kept in a store that several
   * processes share, where a per-process secret would make every replica hash differently.
   *
   * @param why the reason, e.g. {@code "keys are kept in Redis"}
   */
  public static void requireHashSecret(Config authSection, AuthConfig auth, String why) {
    if (auth.hashSecret().isEmpty()) {
      throw invalid(authSection.getValue("hash-secret-env"), PREFIX + "hash-secret-env",
          "must name the variable holding the hash secret when " + why + ", so every replica hashes keys alike");
    }
  }

  private static AuthConfig build(Config a, Function<String, String> env) {
    checkKeys(a.root(), PREFIX, AUTH_KEYS);
    boolean enabled = a.getBoolean("enabled");
    String secretEnv = envName(a, "hash-secret-env", PREFIX);
    Optional<Secret> secret = Optional.empty();
    if (!secretEnv.isEmpty()) {
      String value = env.apply(secretEnv);
      if (value == null || value.isBlank()) {
        throw invalid(a.getValue("hash-secret-env"), PREFIX + "hash-secret-env",
            "environment variable " + secretEnv + " is not set");
      }
      int bytes = value.strip().getBytes(UTF_8).length;
      if (bytes < MIN_SECRET_BYTES) {
        throw invalid(a.getValue("hash-secret-env"), PREFIX + "hash-secret-env", "environment variable " + secretEnv
            + " holds " + bytes + " bytes (expected: >= " + MIN_SECRET_BYTES + ", e.g. from `openssl rand -base64 32`)");
      }
      secret = Optional.of(new Secret(value.strip()));
    }
    String adminEnv = envName(a, "admin-key-env", PREFIX);
    Optional<Secret> adminKey = Optional.empty();
    if (!adminEnv.isEmpty()) {
      String value = env.apply(adminEnv);
      // Unset is the normal case: the admin key is then generated or managed through the admin API.
      if (value != null && !value.isBlank()) {
        adminKey = Optional.of(keyText(a.getValue("admin-key-env"), PREFIX + "admin-key-env", adminEnv, value));
      }
    }
    List<ConfiguredKey> keys = keys(a, env, secret.isPresent(), adminKey.isPresent());
    Set<String> publicServices = new LinkedHashSet<>();
    for (String service : stringList(a, "public-services", PREFIX)) {
      if (service.isBlank()) {
        throw invalid(a.getValue("public-services"), PREFIX + "public-services", "names must not be empty");
      }
      publicServices.add(service.strip());
    }
    return new AuthConfig(enabled, secretEnv, secret, adminEnv, adminKey, keys, publicServices);
  }

  private static List<ConfiguredKey> keys(Config a, Function<String, String> env, boolean hasSecret,
      boolean hasAdminKey) {
    ConfigList list = a.getList("keys");
    List<ConfiguredKey> keys = new ArrayList<>();
    Map<String, String> pathById = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String path = PREFIX + "keys[" + i + "]";
      ConfigValue element = list.get(i);
      if (element.valueType() != ConfigValueType.OBJECT) {
        throw invalid(element, path, "has type " + typeName(element) + " (expected: an object)");
      }
      ConfiguredKey key = key((ConfigObject) element, path, env, hasSecret);
      String previous = pathById.putIfAbsent(key.id(), path);
      if (previous != null) {
        throw invalid(((ConfigObject) element).get("id"), path + ".id",
            "'" + key.id() + "' is already the id of " + previous);
      }
      if (hasAdminKey && key.id().equals(ADMIN_KEY_ID)) {
        throw invalid(((ConfigObject) element).get("id"), path + ".id",
            "'" + ADMIN_KEY_ID + "' is the id of the key from " + PREFIX + "admin-key-env, which is set");
      }
      keys.add(key);
    }
    return keys;
  }

  private static ConfiguredKey key(ConfigObject object, String path, Function<String, String> env, boolean hasSecret) {
    checkKeys(object, path + ".", KEY_KEYS);
    Config k = object.toConfig();
    String at = path + ".";
    if (!k.hasPath("id")) {
      throw invalid(object, at + "id", "is required");
    }
    String id = string(k, "id", at);
    if (!KEY_ID.matcher(id).matches()) {
      throw invalid(k.getValue("id"), at + "id",
          "'" + id + "' (expected: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64)");
    }
    String name = k.hasPath("name") ? string(k, "name", at).strip() : id;
    if (name.isEmpty()) {
      throw invalid(k.getValue("name"), at + "name", "must not be empty");
    }
    if (k.hasPath("key-env") == k.hasPath("key-hash")) {
      throw invalid(object, path, "set exactly one of key-env (a variable holding the key) and key-hash");
    }
    String keyEnv = "";
    Optional<Secret> key = Optional.empty();
    Optional<String> keyHash = Optional.empty();
    if (k.hasPath("key-env")) {
      keyEnv = envName(k, "key-env", at);
      if (keyEnv.isEmpty()) {
        throw invalid(k.getValue("key-env"), at + "key-env", "must not be empty");
      }
      String value = env.apply(keyEnv);
      if (value == null || value.isBlank()) {
        throw invalid(k.getValue("key-env"), at + "key-env",
            "environment variable " + keyEnv + " is not set (set it, or give the key by key-hash)");
      }
      key = Optional.of(keyText(k.getValue("key-env"), at + "key-env", keyEnv, value));
    } else {
      String hex = string(k, "key-hash", at).strip();
      if (!HASH_HEX.matcher(hex).matches()) {
        throw invalid(k.getValue("key-hash"), at + "key-hash",
            "expected 64 hex digits (the output of `llm-gateway --hash-key`)");
      }
      // Hashes made with one secret never match under the random secret a process picks for itself.
      if (!hasSecret) {
        throw invalid(k.getValue("key-hash"), at + "key-hash",
            "needs " + PREFIX + "hash-secret-env: a key hash only matches under the secret it was made with");
      }
      keyHash = Optional.of(hex.toLowerCase(Locale.ROOT));
    }
    if (!k.hasPath("scopes")) {
      throw invalid(object, at + "scopes", "is required (any of " + AuthConfig.SCOPE_NAMES + ")");
    }
    Set<String> scopes = new TreeSet<>();
    for (String scope : stringList(k, "scopes", at)) {
      String normalized = scope.strip().toLowerCase(Locale.ROOT);
      if (!AuthConfig.SCOPE_NAMES.contains(normalized)) {
        throw invalid(k.getValue("scopes"), at + "scopes",
            "'" + scope + "' is not a scope (expected any of " + AuthConfig.SCOPE_NAMES + ")");
      }
      scopes.add(normalized);
    }
    if (scopes.isEmpty()) {
      throw invalid(k.getValue("scopes"), at + "scopes", "must list at least one of " + AuthConfig.SCOPE_NAMES);
    }
    Set<String> models = new TreeSet<>();
    if (k.hasPath("models")) {
      for (String model : stringList(k, "models", at)) {
        if (model.isBlank() || model.chars().anyMatch(c -> c == '\n' || c == '\r')) {
          throw invalid(k.getValue("models"), at + "models", "'" + model + "' (expected: a model id or alias)");
        }
        models.add(model.strip());
      }
    }
    Optional<Instant> expiresAt = Optional.empty();
    if (k.hasPath("expires-at")) {
      String text = string(k, "expires-at", at).strip();
      try {
        expiresAt = Optional.of(Instant.parse(text));
      } catch (DateTimeParseException e) {
        throw invalid(k.getValue("expires-at"), at + "expires-at",
            "'" + text + "' (expected: an ISO-8601 instant such as 2027-01-01T00:00:00Z)");
      }
    }
    boolean disabled = k.hasPath("disabled") && bool(k, "disabled", at);
    return new ConfiguredKey(id, name, keyEnv, key, keyHash, scopes, models, expiresAt, disabled);
  }

  /**
   * Returns what is wrong with {@code key} (already stripped) as an API key, e.g. {@code "holds 12
   * characters (expected: ...)"}, or null when it is long enough and can travel in an ASCII header. The
   * description never quotes the key.
   */
  @Nullable
  public static String keyProblem(String key) {
    if (key.length() < MIN_KEY_LENGTH) {
      return "holds " + key.length() + " characters (expected: >= " + MIN_KEY_LENGTH
          + ", e.g. from `openssl rand -base64 32`)";
    }
    // A key must travel in an ASCII header; anything else could never be presented.
    if (key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      return "holds characters other than printable ASCII without spaces (expected: e.g. base64)";
    }
    return null;
  }

  private static Secret keyText(ConfigValue origin, String path, String envName, String value) {
    String key = value.strip();
    String problem = keyProblem(key);
    if (problem != null) {
      throw invalid(origin, path, "environment variable " + envName + " " + problem);
    }
    return new Secret(key);
  }

  private static String envName(Config c, String key, String prefix) {
    String name = string(c, key, prefix).strip();
    if (!name.isEmpty() && !ENV_NAME.matcher(name).matches()) {
      throw invalid(c.getValue(key), prefix + key, "'" + name + "' is not an environment variable name");
    }
    return name;
  }

  private static String string(Config c, String key, String prefix) {
    ConfigValue value = c.getValue(key);
    if (value.valueType() != ConfigValueType.STRING) {
      throw invalid(value, prefix + key, "has type " + typeName(value) + " (expected: a string)");
    }
    return (String) value.unwrapped();
  }

  private static boolean bool(Config c, String key, String prefix) {
    try {
      return c.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      throw invalid(c.getValue(key), prefix + key, "has type " + typeName(c.getValue(key)) + " (expected: true or false)");
    }
  }

  private static List<String> stringList(Config c, String key, String prefix) {
    ConfigValue value = c.getValue(key);
    if (value.valueType() != ConfigValueType.LIST) {
      throw invalid(value, prefix + key, "has type " + typeName(value) + " (expected: a list of strings)");
    }
    List<String> out = new ArrayList<>();
    for (ConfigValue element : (ConfigList) value) {
      if (element.valueType() != ConfigValueType.STRING) {
        throw invalid(element, prefix + key, "has an element of type " + typeName(element) + " (expected: strings)");
      }
      out.add((String) element.unwrapped());
    }
    return out;
  }

  private static String typeName(ConfigValue value) {
    return value.valueType().name().toLowerCase(Locale.ROOT);
  }

  private static void checkKeys(ConfigObject object, String prefix, Set<String> allowed) {
    for (String key : object.keySet()) {
      if (!allowed.contains(key)) {
        throw invalid(object.get(key), prefix + key, "unknown key (expected one of " + new TreeSet<>(allowed) + ")");
      }
    }
  }

  private static InvalidConfigException invalid(ConfigValue origin, String path, String what) {
    return new InvalidConfigException("invalid configuration: " + origin.origin().description() + ": " + path + ": " + what);
  }
}
