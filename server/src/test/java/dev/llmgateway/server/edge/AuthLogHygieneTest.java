package dev.llmgateway.server.edge;

import static dev.llmgateway.server.testing.ApiKeyHeaders.authorization;
import static dev.llmgateway.server.testing.ApiKeyHeaders.bearer;
import static dev.llmgateway.server.testing.ApiKeyHeaders.none;
import static dev.llmgateway.server.testing.ApiKeyHeaders.xApiKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.inject.AbstractModule;
import dev.llmgateway.server.auth.StartupConsole;
import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.store.ApiKeyHasher;
import dev.llmgateway.server.store.ApiKeyStore;
import dev.llmgateway.server.store.StoreUnavailableException;
import dev.llmgateway.server.testing.LogCapture;
import dev.llmgateway.server.testing.SwitchableApiKeyStore;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.ListModelsRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Captures every log record of every logger, at every level, while a gateway starts, authenticates and refuses
 * calls in every way there is, and fails over its key store, then looks for the keys in it.
 */
class AuthLogHygieneTest {
  private static final String SECRET = "log-hash-secret-0123456789abcdefghijklmnop";
  private static final String CI_KEY = "ci-log-key-0123456789abcdefghijklmnopqrstu";
  private static final String OFF_KEY = "off-log-key-0123456789abcdefghijklmnopqrst";
  private static final String OLD_KEY = "old-log-key-0123456789abcdefghijklmnopqrst";
  private static final String UNKNOWN_KEY = "unknown-log-key-0123456789abcdefghijklmnop";
  private static final Pattern GENERATED = Pattern.compile("lgw_[A-Za-z0-9_-]{43}");
  private static final String MODELS = """
      providers { demo { type = demo, options { stream-chunk-delay = 0ms } } }
      models { demo-chat { provider = demo, upstream-model = demo-echo-1, capabilities = [chat, streaming] } }
      """;
  private static final String NO_KEYS = MODELS + "auth { enabled = true, hash-secret-env = HASH_SECRET }\n";
  private static final String CONFIG = MODELS + """
      auth {
        enabled = true, hash-secret-env = HASH_SECRET, admin-key-env = ""
        keys = [
          { id = ci, key-env = CI_KEY, scopes = [complete, models] }
          { id = off, key-env = OFF_KEY, scopes = [models], disabled = true }
          { id = old, key-env = OLD_KEY, scopes = [models], expires-at = "2020-01-01T00:00:00Z" }
        ]
      }
      """;

  @RegisterExtension final LogCapture logs = new LogCapture();

  @Test
  void noKeyOrSecretEverReachesTheLogThroughAWholeAuthenticatedRun() throws IOException {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    SwitchableApiKeyStore store = new SwitchableApiKeyStore();
    String generated;
    try (TestGateway gateway = TestGateway.start(CONFIG,
        Map.of("HASH_SECRET", SECRET, "CI_KEY", CI_KEY, "OFF_KEY", OFF_KEY, "OLD_KEY", OLD_KEY),
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(ApiKeyStore.class).toInstance(store);
            bind(PrintStream.class).annotatedWith(StartupConsole.class)
                .toInstance(new PrintStream(console, true, StandardCharsets.UTF_8));
          }
        })) {
      assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
      bearer(gateway.blocking(), CI_KEY).complete(AuthInterceptorTest.chat("demo-chat"));
      xApiKey(gateway.blocking(), CI_KEY).listModels(ListModelsRequest.getDefaultInstance());
      catchThrowable(() -> none(gateway.blocking()).listModels(ListModelsRequest.getDefaultInstance()));
      catchThrowable(() -> bearer(gateway.blocking(), UNKNOWN_KEY).listModels(ListModelsRequest.getDefaultInstance()));
      catchThrowable(() -> authorization(gateway.blocking(), "Basic " + CI_KEY)
          .listModels(ListModelsRequest.getDefaultInstance()));
      catchThrowable(() -> bearer(gateway.blocking(), OFF_KEY).listModels(ListModelsRequest.getDefaultInstance()));
      catchThrowable(() -> bearer(gateway.blocking(), OLD_KEY).listModels(ListModelsRequest.getDefaultInstance()));
      catchThrowable(() -> bearer(gateway.blocking(), CI_KEY)
          .embed(EmbedRequest.newBuilder().setModel("demo-chat").addInputs("x").build()));
      store.failWith(() -> new StoreUnavailableException("api key lookup", new IOException("connection reset")));
      catchThrowable(() -> bearer(gateway.blocking(), UNKNOWN_KEY + "x").complete(AuthInterceptorTest.chat("demo-chat")));
      store.failWith(() -> new IllegalStateException("api key ci: stored record has no scopes field"));
      catchThrowable(() -> bearer(gateway.blocking(), UNKNOWN_KEY + "y").complete(AuthInterceptorTest.chat("demo-chat")));
      store.failWith(null);
    }
    // A gateway on an empty store generates an admin key.
    try (TestGateway fresh = TestGateway.start(NO_KEYS, Map.of("HASH_SECRET", SECRET), new AbstractModule() {
          @Override
          protected void configure() {
            bind(PrintStream.class).annotatedWith(StartupConsole.class)
                .toInstance(new PrintStream(console, true, StandardCharsets.UTF_8));
          }
        })) {
      Matcher m = GENERATED.matcher(console.toString(StandardCharsets.UTF_8));
      assertThat(m.find()).as("a generated admin key on the console").isTrue();
      generated = m.group();
      bearer(fresh.blocking(), generated).listModels(ListModelsRequest.getDefaultInstance());
      catchThrowable(() -> bearer(fresh.blocking(), generated + "x").listModels(ListModelsRequest.getDefaultInstance()));
    }

    List<String> secrets = new ArrayList<>(List.of(SECRET, CI_KEY, OFF_KEY, OLD_KEY, UNKNOWN_KEY, generated));
    ApiKeyHasher hasher = new ApiKeyHasher(new Secret(SECRET));
    for (String key : List.of(CI_KEY, OFF_KEY, OLD_KEY, UNKNOWN_KEY)) {
      secrets.add(HexFormat.of().formatHex(hasher.hash(key)));
    }
    String log = logs.formatted();
    assertThat(logs.records()).as("the run logged something, so the capture works")
        .anyMatch(r -> r.getLevel().intValue() <= Level.FINE.intValue())
        .anyMatch(r -> r.getLevel() == Level.WARNING && r.getMessage().contains("API key store unavailable"))
        .anyMatch(r -> r.getLevel() == Level.SEVERE);
    for (String secret : secrets) {
      assertThat(log).doesNotContain(secret);
    }
  }
}
