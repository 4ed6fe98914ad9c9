package dev.llmgateway.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.typesafe.config.ConfigFactory;
import dev.llmgateway.server.config.AuthConfig.ConfiguredKey;
import dev.llmgateway.server.store.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthConfigParserTest {
  private static final String SECRET = "parser-hash-secret-0123456789abcdefghijklm";
  private static final String KEY = "parser-key-0123456789abcdefghijklmnopqrstu";
  private static final String HASH = "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef";

  @TempDir Path dir;
  private final Map<String, String> env = new HashMap<>(Map.of("SECRET", SECRET, "CI_KEY", KEY));

  private AuthConfig load(String hocon) throws IOException {
    Path file = dir.resolve("gateway.conf");
    Files.writeString(file, hocon);
    return new ConfigLoader(env::get).load(file).auth();
  }

  private String failure(String hocon) {
    Path file = dir.resolve("bad.conf");
    Throwable t = catchThrowable(() -> {
      Files.writeString(file, hocon);
      new ConfigLoader(env::get).load(file);
    });
    assertThat(t).isInstanceOf(InvalidConfigException.class);
    assertThat(t.getMessage()).doesNotContain(KEY).doesNotContain(SECRET);
    return t.getMessage();
  }

  @Test
  void defaultsRequireKeysWithAPerProcessSecretTheStandardAdminVariableAndOpenHealthAndReflection()
      throws IOException {
    AuthConfig auth = load("");

    assertThat(auth.enabled()).isTrue();
    assertThat(auth.hashSecret()).isEmpty();
    assertThat(auth.adminKeyEnv()).isEqualTo("LLMGATEWAY_ADMIN_KEY");
    assertThat(auth.adminKey()).isEmpty();
    assertThat(auth.keys()).isEmpty();
    assertThat(auth.publicServices()).containsExactlyInAnyOrder("grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");
  }

  @Test
  void readsEveryFieldOfAKeyAndTheSecretsFromTheEnvironment() throws IOException {
    env.put("ADMIN", KEY.replace("parser", "admins"));
    AuthConfig auth = load("""
        auth {
          hash-secret-env = SECRET
          admin-key-env = ADMIN
          keys = [
            { id = ci, name = "CI pipeline", key-env = CI_KEY, scopes = [complete, EMBED], models = [gpt-4o, demo],
              expires-at = "2027-01-01T00:00:00Z", disabled = true }
            { id = "hashed.key_2", key-hash = "%s", scopes = [admin] }
          ]
          public-services = ["grpc.health.v1.Health"]
        }
        """.formatted(HASH));

    assertThat(auth.hashSecret()).get().extracting(Secret::reveal).isEqualTo(SECRET);
    assertThat(auth.adminKey()).get().extracting(Secret::reveal).isEqualTo(env.get("ADMIN"));
    ConfiguredKey ci = auth.keys().get(0);
    assertThat(ci.id()).isEqualTo("ci");
    assertThat(ci.name()).isEqualTo("CI pipeline");
    assertThat(ci.keyEnv()).isEqualTo("CI_KEY");
    assertThat(ci.key()).get().extracting(Secret::reveal).isEqualTo(KEY);
    assertThat(ci.keyHashHex()).isEmpty();
    assertThat(ci.scopes()).containsExactlyInAnyOrder("complete", "embed");
    assertThat(ci.models()).containsExactlyInAnyOrder("gpt-4o", "demo");
    assertThat(ci.expiresAt()).contains(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(ci.disabled()).isTrue();
    ConfiguredKey hashed = auth.keys().get(1);
    assertThat(hashed.name()).isEqualTo("hashed.key_2");
    assertThat(hashed.key()).isEmpty();
    assertThat(hashed.keyHashHex()).contains(HASH.toLowerCase(Locale.ROOT));
    assertThat(hashed.disabled()).isFalse();
    assertThat(auth.publicServices()).containsExactly("grpc.health.v1.Health");
    assertThat(auth.toString()).doesNotContain(KEY).doesNotContain(SECRET);
  }

  @Test
  void everyScopeNameMatchesAScope() {
    assertThat(AuthConfig.SCOPE_NAMES).containsExactlyElementsOf(
        Arrays.stream(Scope.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
  }

  @Test
  void anUnknownKeyIsAnErrorNamingFileLineAndPath() {
    assertThat(failure("auth {\n  enabeld = false\n}\n"))
        .contains("bad.conf: 2").contains("auth.enabeld: unknown key (expected one of [admin-key-env,");
    assertThat(failure("auth.keys = [ { id = ci, key-env = CI_KEY, scopes = [complete], scope = [x] } ]"))
        .contains("auth.keys[0].scope: unknown key");
  }

  @Test
  void aKeyNeedsExactlyOneOfKeyEnvAndKeyHash() {
    assertThat(failure("auth.hash-secret-env = SECRET\nauth.keys = [ { id = ci, scopes = [complete] } ]"))
        .contains("auth.keys[0]: set exactly one of key-env");
    assertThat(failure("auth.hash-secret-env = SECRET\n"
        + "auth.keys = [ { id = ci, key-env = CI_KEY, key-hash = \"" + HASH + "\", scopes = [complete] } ]"))
        .contains("auth.keys[0]: set exactly one of key-env");
  }

  @Test
  void aKeyVariableThatIsUnsetOrTooShortIsAnErrorThatNeverShowsTheValue() {
    assertThat(failure("auth.keys = [ { id = ci, key-env = NOT_SET, scopes = [complete] } ]"))
        .contains("auth.keys[0].key-env: environment variable NOT_SET is not set");
    env.put("SHORT", "short-key-value");
    String message = failure("auth.keys = [ { id = ci, key-env = SHORT, scopes = [complete] } ]");
    assertThat(message).contains("auth.keys[0].key-env: environment variable SHORT holds 15 characters (expected: >= 32")
        .doesNotContain("short-key-value");
    env.put("SPACED", "a key with spaces 0123456789abcdefghijklmnop");
    assertThat(failure("auth.keys = [ { id = ci, key-env = SPACED, scopes = [complete] } ]"))
        .contains("printable ASCII without spaces").doesNotContain("a key with spaces");
  }

  @Test
  void aKeyHashMustBe64HexDigitsAndNeedsTheSharedSecret() {
    assertThat(failure("auth.hash-secret-env = SECRET\nauth.keys = [ { id = h, key-hash = abc, scopes = [models] } ]"))
        .contains("auth.keys[0].key-hash: expected 64 hex digits");
    assertThat(failure("auth.keys = [ { id = h, key-hash = \"" + HASH + "\", scopes = [models] } ]"))
        .contains("auth.keys[0].key-hash: needs auth.hash-secret-env");
  }

  @Test
  void idsMustBeWellFormedAndUnique() {
    assertThat(failure("auth.keys = [ { key-env = CI_KEY, scopes = [complete] } ]"))
        .contains("auth.keys[0].id: is required");
    assertThat(failure("auth.keys = [ { id = \"a b\", key-env = CI_KEY, scopes = [complete] } ]"))
        .contains("auth.keys[0].id: 'a b' (expected: letters, digits");
    env.put("OTHER", KEY.replace("parser", "others"));
    assertThat(failure("""
        auth.keys = [
          { id = ci, key-env = CI_KEY, scopes = [complete] }
          { id = ci, key-env = OTHER, scopes = [complete] }
        ]
        """)).contains("bad.conf: 3").contains("auth.keys[1].id: 'ci' is already the id of auth.keys[0]");
  }

  @Test
  void theAdminIdIsReservedWhileTheAdminVariableIsSet() throws IOException {
    String config = "auth.keys = [ { id = admin, key-env = CI_KEY, scopes = [admin] } ]";
    assertThat(load(config).keys()).extracting(ConfiguredKey::id).containsExactly("admin");

    env.put("LLMGATEWAY_ADMIN_KEY", KEY.replace("parser", "admins"));
    assertThat(failure(config)).contains("auth.keys[0].id: 'admin' is the id of the key from auth.admin-key-env");
  }

  @Test
  void scopesAreRequiredAndKnown() {
    assertThat(failure("auth.keys = [ { id = ci, key-env = CI_KEY } ]"))
        .contains("auth.keys[0].scopes: is required (any of [complete, embed, models, admin])");
    assertThat(failure("auth.keys = [ { id = ci, key-env = CI_KEY, scopes = [] } ]"))
        .contains("auth.keys[0].scopes: must list at least one of");
    assertThat(failure("auth.keys = [ { id = ci, key-env = CI_KEY, scopes = [complete, chat] } ]"))
        .contains("auth.keys[0].scopes: 'chat' is not a scope (expected any of [complete, embed, models, admin])");
  }

  @Test
  void fieldsOfTheWrongTypeOrFormAreErrors() {
    assertThat(failure("auth.keys = [ { id = ci, key-env = CI_KEY, scopes = [complete], expires-at = tomorrow } ]"))
        .contains("auth.keys[0].expires-at: 'tomorrow' (expected: an ISO-8601 instant");
    assertThat(failure("auth.keys = [ { id = ci, key-env = CI_KEY, scopes = complete } ]"))
        .contains("auth.keys[0].scopes: has type string (expected: a list of strings)");
    assertThat(failure("auth.keys = [ { id = ci, key-env = CI_KEY, scopes = [complete], disabled = maybe } ]"))
        .contains("auth.keys[0].disabled: has type string (expected: true or false)");
    assertThat(failure("auth.keys = [ ci ]")).contains("auth.keys[0]: has type string (expected: an object)");
    assertThat(failure("auth.keys = [ { id = ci, key-env = \"CI-KEY\", scopes = [complete] } ]"))
        .contains("auth.keys[0].key-env: 'CI-KEY' is not an environment variable name");
    assertThat(failure("auth.enabled = perhaps")).contains("invalid configuration").contains("enabled");
  }

  @Test
  void theHashSecretMustBeSetAndLongEnough() {
    assertThat(failure("auth.hash-secret-env = NOT_SET")).contains("auth.hash-secret-env: environment variable NOT_SET is not set");
    env.put("WEAK", "weak-secret");
    assertThat(failure("auth.hash-secret-env = WEAK"))
        .contains("auth.hash-secret-env: environment variable WEAK holds 11 bytes (expected: >= 32")
        .doesNotContain("weak-secret");
  }

  @Test
  void anAdminVariableThatIsSetMustHoldAUsableKey() {
    env.put("LLMGATEWAY_ADMIN_KEY", "admin");
    assertThat(failure("")).contains("auth.admin-key-env: environment variable LLMGATEWAY_ADMIN_KEY holds 5 characters");
  }

  @Test
  void aSharedStoreRequiresTheHashSecret() {
    var section = ConfigFactory.parseString("hash-secret-env = \"\"\nenabled = true\nadmin-key-env = \"\"\n"
        + "keys = []\npublic-services = []");
    AuthConfig auth = AuthConfigParser.parse(section, env::get);

    Throwable t = catchThrowable(() -> AuthConfigParser.requireHashSecret(section, auth, "keys are kept in Redis"));

    assertThat(t).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("auth.hash-secret-env: must name the variable holding the hash secret when keys are kept"
            + " in Redis");
  }

  @Test
  void parsingTheSectionAloneReportsTypeErrorsAsConfigErrors() {
    var section = ConfigFactory.parseString("enabled = perhaps");

    assertThat(catchThrowable(() -> AuthConfigParser.parse(section, env::get)))
        .isInstanceOf(InvalidConfigException.class);
    assertThat(AuthConfigParser.keyProblem(KEY)).isNull();
    assertThat(AuthConfigParser.keyProblem("x")).startsWith("holds 1 characters");
  }
}
