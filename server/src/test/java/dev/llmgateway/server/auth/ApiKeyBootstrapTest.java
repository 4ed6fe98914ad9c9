package dev.llmgateway.server.auth;

import static dev.llmgateway.server.testing.ApiKeyHeaders.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.ApiKeyStore;
import dev.llmgateway.server.store.Scope;
import dev.llmgateway.server.store.StoreUnavailableException;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.MutableClock;
import dev.llmgateway.server.testing.SwitchableApiKeyStore;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.ListModelsRequest;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a gateway installs and prints as it starts, seen through a real gateway and its console. */
class ApiKeyBootstrapTest {
  private static final String SECRET = "bootstrap-hash-secret-0123456789abcdefghij";
  private static final String ADMIN_KEY = "admin-key-0123456789abcdefghijklmnopqrstuv";
  private static final String CI_KEY = "ci-key-0123456789abcdefghijklmnopqrstuvwxyz";
  private static final Pattern GENERATED = Pattern.compile("lgw_[A-Za-z0-9_-]{43}");
  private static final String MODELS = """
      providers { demo { type = demo } }
      models { demo-chat { provider = demo, upstream-model = demo-echo-1, capabilities = [chat] } }
      """;
  private static final String ON = MODELS + "auth { enabled = true, hash-secret-env = HASH_SECRET }\n";

  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final SwitchableApiKeyStore store = new SwitchableApiKeyStore();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void withNoKeyAnywhereGeneratesAnAdminKeyPrintsItOnceAndItWorks() {
    TestGateway gateway = start(ON, Map.of("HASH_SECRET", SECRET));

    String printed = printed();
    Matcher m = GENERATED.matcher(printed);
    assertThat(m.find()).as("a generated key in:\n%s", printed).isTrue();
    String key = m.group();
    assertThat(m.find()).as("the key is printed once").isFalse();
    assertThat(printed).contains("authorization: Bearer " + key).contains("LLMGATEWAY_ADMIN_KEY");
    assertThat(bearer(gateway.blocking(), key).listModels(ListModelsRequest.getDefaultInstance()).getModelsList())
        .isNotEmpty();
    ApiKeyRecord admin = store.get("admin").orElseThrow();
    assertThat(admin.scopes()).isEqualTo(EnumSet.allOf(Scope.class));
    assertThat(admin.createdAt()).isEqualTo(clock.instant());
  }

  @Test
  void aLaterStartOnTheSameStoreGeneratesNothingAndTheFirstKeyStillWorks() {
    start(ON, Map.of("HASH_SECRET", SECRET)).close();
    Matcher m = GENERATED.matcher(printed());
    assertThat(m.find()).isTrue();
    String key = m.group();
    console.reset();

    TestGateway again = start(ON, Map.of("HASH_SECRET", SECRET));

    assertThat(printed()).isEmpty();
    assertThat(bearer(again.blocking(), key).listModels(ListModelsRequest.getDefaultInstance()).getModelsList())
        .isNotEmpty();
  }

  @Test
  void theAdminKeyFromTheEnvironmentIsInstalledWithEveryScopeAndNothingIsGenerated() {
    TestGateway gateway = start(ON, Map.of("HASH_SECRET", SECRET, "LLMGATEWAY_ADMIN_KEY", ADMIN_KEY));

    assertThat(printed()).isEmpty();
    assertThat(bearer(gateway.blocking(), ADMIN_KEY).listModels(ListModelsRequest.getDefaultInstance())
        .getModelsList()).isNotEmpty();
    assertThat(store.get("admin").orElseThrow().scopes()).isEqualTo(EnumSet.allOf(Scope.class));
  }

  @Test
  void configuredKeysAloneMeanNothingIsGenerated() {
    start(MODELS + """
        auth {
          enabled = true
          keys = [ { id = ci, key-env = CI_KEY, scopes = [complete] } ]
        }
        """, Map.of("CI_KEY", CI_KEY));

    assertThat(printed()).isEmpty();
    assertThat(store.list()).extracting(ApiKeyRecord::id).containsExactly("ci");
  }

  @Test
  void withAuthenticationOffNothingIsGenerated() {
    start(MODELS + "auth { enabled = false }\n", Map.of());

    assertThat(printed()).isEmpty();
    assertThat(store.isEmpty()).isTrue();
  }

  @Test
  void reinstallingAKeyKeepsItsCreationTimeAndAppliesTheFileAgain() {
    String config = MODELS + """
        auth {
          enabled = true, hash-secret-env = HASH_SECRET
          keys = [ { id = ci, name = "CI", key-env = CI_KEY, scopes = [complete] } ]
        }
        """;
    Map<String, String> env = Map.of("HASH_SECRET", SECRET, "CI_KEY", CI_KEY);
    start(config, env).close();
    Instant created = clock.instant();
    clock.advance(Duration.ofDays(1));

    start(config.replace("scopes = [complete]", "scopes = [complete, models], disabled = true"), env);

    ApiKeyRecord ci = store.get("ci").orElseThrow();
    assertThat(ci.createdAt()).isEqualTo(created);
    assertThat(ci.scopes()).containsExactlyInAnyOrder(Scope.COMPLETE, Scope.MODELS);
    assertThat(ci.disabled()).isTrue();
  }

  @Test
  void oneKeyUnderTwoIdsStopsStartUpWithoutShowingTheKey() {
    Map<String, String> env = new HashMap<>(Map.of("CI_KEY", CI_KEY, "LLMGATEWAY_ADMIN_KEY", CI_KEY));

    Throwable t = catchThrowable(() -> start(MODELS + """
        auth { enabled = true, keys = [ { id = ci, key-env = CI_KEY, scopes = [complete] } ] }
        """, env));

    assertThat(t).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("the key in LLMGATEWAY_ADMIN_KEY")
        .hasMessageContaining("already used by key ci");
    assertThat(t.getMessage()).doesNotContain(CI_KEY);
  }

  @Test
  void aRandomSecretOverAStoreThatAlreadyHoldsKeysStopsStartUp() {
    start(ON, Map.of("HASH_SECRET", SECRET)).close();

    Throwable t = catchThrowable(() -> start(MODELS + "auth { enabled = true }\n", Map.of()));

    assertThat(t).isInstanceOf(InvalidConfigException.class).hasMessageContaining("auth.hash-secret-env");
  }

  @Test
  void aStoreDownAtStartStopsStartUp() {
    store.failWith(() -> new StoreUnavailableException("api key count", new IOException("connection refused")));

    Throwable t = catchThrowable(() -> start(ON, Map.of("HASH_SECRET", SECRET)));

    assertThat(t).isInstanceOf(IllegalStateException.class).hasMessage("auth: cannot install API keys")
        .hasCauseInstanceOf(StoreUnavailableException.class);
    assertThat(printed()).isEmpty();
  }

  @Test
  void theGeneratedKeyDoesNotOutliveAnAdminKeyInstalledLater() {
    TestGateway first = start(ON, Map.of("HASH_SECRET", SECRET));
    Matcher m = GENERATED.matcher(printed());
    assertThat(m.find()).isTrue();
    String generated = m.group();
    first.close();

    TestGateway second = start(ON, Map.of("HASH_SECRET", SECRET, "LLMGATEWAY_ADMIN_KEY", ADMIN_KEY));

    Throwable t = catchThrowable(() -> bearer(second.blocking(), generated)
        .listModels(ListModelsRequest.getDefaultInstance()));
    assertThat(Status.fromThrowable(t).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(bearer(second.blocking(), ADMIN_KEY).listModels(ListModelsRequest.getDefaultInstance())
        .getModelsList()).isNotEmpty();
  }

  private TestGateway start(String config, Map<String, String> env) {
    return cleanup.register(TestGateway.start(config, env, overrides()));
  }

  private Module overrides() {
    PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(ApiKeyStore.class).toInstance(store);
        bind(Clock.class).toInstance(clock);
        bind(PrintStream.class).annotatedWith(StartupConsole.class).toInstance(out);
      }
    };
  }

  private String printed() {
    return console.toString(StandardCharsets.UTF_8);
  }
}
