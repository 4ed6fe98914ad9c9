package dev.llmgateway.bench.mock;

import com.fasterxml.jackson.core.JsonFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Caches every body the mock serves, built once per distinct request shape, so serving a request
 * costs no JSON writing. The caches are bounded: shapes past the bound are built per request.
 */
final class MockBodies {
  private static final int MAX_ENTRIES = 1024;

  private final OpenAiBodies openAi;
  private final AnthropicBodies anthropic;
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
  private final Map<String, StreamBody> streams = new ConcurrentHashMap<>();
  private final byte[] openAiModels;
  private final byte[] anthropicModels;

  MockBodies(JsonFactory factory) {
    JsonBytes json = new JsonBytes(factory);
    this.openAi = new OpenAiBodies(json);
    this.anthropic = new AnthropicBodies(json);
    this.openAiModels = openAi.models();
    this.anthropicModels = anthropic.models();
  }

  byte[] chatCompletion(String model) {
    return cached(bodies, "chat\u0000" + model, () -> openAi.completion(model));
  }

  StreamBody chatStream(String model, int chunks, boolean includeUsage) {
    return cached(streams, "chat\u0000" + model + '\u0000' + chunks + '\u0000' + includeUsage,
        () -> openAi.stream(model, chunks, includeUsage));
  }

  byte[] embeddings(String model, int inputs, int dimensions, boolean base64) {
    return cached(bodies, "embed\u0000" + model + '\u0000' + inputs + '\u0000' + dimensions + '\u0000' + base64,
        () -> openAi.embeddings(model, inputs, dimensions, base64));
  }

  byte[] openAiModels() {
    return openAiModels;
  }

  byte[] openAiError(String message, String type, String code) {
    return openAi.error(message, type, code);
  }

  byte[] message(String model) {
    return cached(bodies, "message\u0000" + model, () -> anthropic.message(model));
  }

  StreamBody messageStream(String model, int chunks) {
    return cached(streams, "message\u0000" + model + '\u0000' + chunks, () -> anthropic.stream(model, chunks));
  }

  byte[] anthropicModels() {
    return anthropicModels;
  }

  byte[] anthropicError(String type, String message) {
    return anthropic.error(type, message);
  }

  private static <T> T cached(Map<String, T> cache, String key, Supplier<T> build) {
    T value = cache.get(key);
    if (value != null) {
      return value;
    }
    value = build.get();
    if (cache.size() < MAX_ENTRIES) {
      cache.putIfAbsent(key, value);
    }
    return value;
  }
}
