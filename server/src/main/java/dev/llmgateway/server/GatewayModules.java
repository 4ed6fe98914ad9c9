package dev.llmgateway.server;

import com.google.inject.Module;
import dev.llmgateway.server.accounting.AccountingModule;
import dev.llmgateway.server.admin.AdminModule;
import dev.llmgateway.server.api.ApiModule;
import dev.llmgateway.server.auth.AuthModule;
import dev.llmgateway.server.cache.CacheModule;
import dev.llmgateway.server.cache.MemoryCacheModule;
import dev.llmgateway.server.cache.RedisCacheModule;
import dev.llmgateway.server.config.CacheConfig;
import dev.llmgateway.server.config.ConfigModule;
import dev.llmgateway.server.config.ConfigSource;
import dev.llmgateway.server.config.GatewayConfig;
import dev.llmgateway.server.config.StoreConfig;
import dev.llmgateway.server.edge.EdgeModule;
import dev.llmgateway.server.providers.anthropic.AnthropicModule;
import dev.llmgateway.server.providers.bedrock.BedrockModule;
import dev.llmgateway.server.providers.cohere.CohereModule;
import dev.llmgateway.server.providers.demo.DemoModule;
import dev.llmgateway.server.providers.gemini.GeminiModule;
import dev.llmgateway.server.providers.http.HttpClientModule;
import dev.llmgateway.server.providers.ollama.OllamaModule;
import dev.llmgateway.server.providers.openai.OpenAiModule;
import dev.llmgateway.server.resilience.ResilienceModule;
import dev.llmgateway.server.routing.RoutingModule;
import dev.llmgateway.server.store.memory.InMemoryStoreModule;
import dev.llmgateway.server.store.redis.RedisStoreModule;
import dev.llmgateway.server.store.sqlite.SqliteStoreModule;
import dev.llmgateway.server.telemetry.TelemetryModule;
import java.util.List;
import java.util.Optional;

/** The production module list, in one place, for {@link Main} and for tests that override parts of it. */
public final class GatewayModules {
  private GatewayModules() {}

  /**
   * Returns every module the gateway runs with, for an already validated configuration that ReloadConfig reads
   * again from the shipped default.
   */
  public static List<Module> production(GatewayConfig config) {
    return production(config, new ConfigSource(Optional.empty(), System::getenv));
  }

  /** Returns every module the gateway runs with, for a configuration validated from {@code source}. */
  public static List<Module> production(GatewayConfig config, ConfigSource source) {
    StoreConfig store = config.store();
    Module storeModule = store.redis().isPresent()
        ? new RedisStoreModule(store.redis().get(), store.settings())
        : store.embedded().isPresent()
            ? new SqliteStoreModule(store.embedded().get(), store.settings())
            : new InMemoryStoreModule(store.settings());
    Module cacheBackend = config.cache().backend() == CacheConfig.Backend.REDIS
        ? new RedisCacheModule() : new MemoryCacheModule();
    return List.of(
        new ConfigModule(config),
        storeModule,
        new CacheModule(),
        cacheBackend,
        new AccountingModule(),
        new HttpClientModule(),
        new DemoModule(),
        new OpenAiModule(),
        new AnthropicModule(),
        new GeminiModule(),
        new CohereModule(),
        new OllamaModule(),
        new BedrockModule(),
        new TelemetryModule(config.telemetry()),
        new ResilienceModule(),
        new RoutingModule(),
        new AuthModule(config.auth()),
        new EdgeModule(),
        new AdminModule(source),
        new ApiModule());
  }
}
