package dev.llmgateway.bench.driver;

import static dev.llmgateway.bench.driver.Expected.require;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.bench.mock.MockContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.sse.EventSources;

/**
 * Makes the same calls as {@link GatewayCalls}, but straight to the mock upstream over HTTP with
 * OkHttp, so the gateway's added cost is the difference between the two paths. Responses are parsed
 * and checked as thoroughly as on the gateway path.
 */
public final class DirectCalls {
  private static final MediaType JSON = MediaType.get("application/json");
  /** The Anthropic API version header value sent on every Anthropic request. */
  public static final String ANTHROPIC_VERSION = "2023-06-01";

  private final OkHttpClient client;
  private final ObjectMapper mapper;
  private final String openAiBaseUrl;
  private final String anthropicBaseUrl;

  /** Creates calls through {@code client} to the mock's two base URLs. */
  public DirectCalls(OkHttpClient client, ObjectMapper mapper, String openAiBaseUrl, String anthropicBaseUrl) {
    this.client = client;
    this.mapper = mapper;
    this.openAiBaseUrl = openAiBaseUrl;
    this.anthropicBaseUrl = anthropicBaseUrl;
  }

  /** Returns a blocking OpenAI-compatible chat completion call. */
  public BlockingCall chat(Expected expected) {
    Request request = openAiChat(expected.upstreamModel(), false);
    return timer -> checkChat(execute(request), expected);
  }

  /** Returns an asynchronous OpenAI-compatible chat completion call, for open-loop batches. */
  public AsyncCall chatAsync(Expected expected) {
    Request request = openAiChat(expected.upstreamModel(), false);
    return done -> client.newCall(request).enqueue(new Callback() {
      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          checkChat(readJson(response), expected);
          done.complete(null);
        } catch (CallFailure failure) {
          done.complete(failure);
        }
      }

      @Override
      public void onFailure(Call call, IOException e) {
        done.complete(new CallFailure("io " + e.getClass().getSimpleName(), e));
      }
    });
  }

  /** Returns a blocking OpenAI-compatible streamed chat completion call. */
  public BlockingCall chatStream(Expected expected) {
    Request request = openAiChat(expected.upstreamModel(), true);
    return timer -> stream(request, new OpenAiStreamCheck(mapper, expected, timer));
  }

  /** Returns a blocking Anthropic Messages call. */
  public BlockingCall message(Expected expected) {
    Request request = anthropicMessage(expected.upstreamModel(), false);
    return timer -> {
      JsonNode body = execute(request);
      JsonNode content = body.path("content");
      require(content.size() == 1 && "text".equals(content.path(0).path("type").asText()), "content blocks",
          content, "one text block");
      require(MockContent.COMPLETION_TEXT.equals(content.path(0).path("text").asText()), "text",
          content.path(0).path("text").asText(), MockContent.COMPLETION_TEXT);
      require("end_turn".equals(body.path("stop_reason").asText()), "stop_reason", body.path("stop_reason"), "end_turn");
      require(body.path("usage").path("input_tokens").asLong() == MockContent.PROMPT_TOKENS, "usage.input_tokens",
          body.path("usage").path("input_tokens"), MockContent.PROMPT_TOKENS);
      require(body.path("usage").path("output_tokens").asLong() == MockContent.COMPLETION_TOKENS,
          "usage.output_tokens", body.path("usage").path("output_tokens"), MockContent.COMPLETION_TOKENS);
      require(expected.upstreamModel().equals(body.path("model").asText()), "model", body.path("model"),
          expected.upstreamModel());
    };
  }

  /** Returns a blocking Anthropic Messages streamed call. */
  public BlockingCall messageStream(Expected expected) {
    Request request = anthropicMessage(expected.upstreamModel(), true);
    return timer -> stream(request, new AnthropicStreamCheck(mapper, expected, timer));
  }

  /** Returns a blocking embeddings call with {@code expected.inputs()} inputs. */
  public BlockingCall embeddings(Expected expected) {
    byte[] body = json(g -> {
      g.writeStartObject();
      g.writeStringField("model", expected.upstreamModel());
      g.writeArrayFieldStart("input");
      for (int i = 0; i < expected.inputs(); i++) {
        g.writeString(GatewayCalls.EMBED_INPUT);
      }
      g.writeEndArray();
      g.writeStringField("encoding_format", "float");
      g.writeEndObject();
    });
    Request request = new Request.Builder().url(openAiBaseUrl + "/embeddings")
        .header("authorization", "Bearer bench-mock-key").post(RequestBody.create(body, JSON)).build();
    return timer -> {
      JsonNode response = execute(request);
      JsonNode data = response.path("data");
      require(data.size() == expected.inputs(), "embedding count", data.size(), expected.inputs());
      for (int i = 0; i < expected.inputs(); i++) {
        JsonNode vector = data.path(i).path("embedding");
        require(data.path(i).path("index").asInt(-1) == i, "embedding index", data.path(i).path("index"), i);
        Expected.checkVector(i, expected.dimensions(), vector.size(), d -> vector.path(d).floatValue());
      }
      require(response.path("usage").path("prompt_tokens").asLong()
          == (long) expected.inputs() * MockContent.EMBED_TOKENS_PER_INPUT, "usage.prompt_tokens",
          response.path("usage").path("prompt_tokens"), expected.inputs() * MockContent.EMBED_TOKENS_PER_INPUT);
    };
  }

  private Request openAiChat(String model, boolean stream) {
    byte[] body = json(g -> {
      g.writeStartObject();
      g.writeStringField("model", model);
      g.writeArrayFieldStart("messages");
      g.writeStartObject();
      g.writeStringField("role", "user");
      g.writeStringField("content", GatewayCalls.PROMPT);
      g.writeEndObject();
      g.writeEndArray();
      g.writeNumberField("max_completion_tokens", GatewayCalls.MAX_OUTPUT_TOKENS);
      if (stream) {
        g.writeBooleanField("stream", true);
        g.writeObjectFieldStart("stream_options");
        g.writeBooleanField("include_usage", true);
        g.writeEndObject();
      }
      g.writeEndObject();
    });
    return new Request.Builder().url(openAiBaseUrl + "/chat/completions")
        .header("authorization", "Bearer bench-mock-key").post(RequestBody.create(body, JSON)).build();
  }

  private Request anthropicMessage(String model, boolean stream) {
    byte[] body = json(g -> {
      g.writeStartObject();
      g.writeStringField("model", model);
      g.writeNumberField("max_tokens", GatewayCalls.MAX_OUTPUT_TOKENS);
      g.writeArrayFieldStart("messages");
      g.writeStartObject();
      g.writeStringField("role", "user");
      g.writeStringField("content", GatewayCalls.PROMPT);
      g.writeEndObject();
      g.writeEndArray();
      if (stream) {
        g.writeBooleanField("stream", true);
      }
      g.writeEndObject();
    });
    return new Request.Builder().url(anthropicBaseUrl + "/messages")
        .header("x-api-key", "bench-mock-key").header("anthropic-version", ANTHROPIC_VERSION)
        .post(RequestBody.create(body, JSON)).build();
  }

  private JsonNode execute(Request request) throws CallFailure {
    Response response;
    try {
      response = client.newCall(request).execute();
    } catch (IOException e) {
      throw new CallFailure("io " + e.getClass().getSimpleName(), e);
    }
    try (response) {
      return readJson(response);
    }
  }

  private JsonNode readJson(Response response) throws CallFailure {
    require(response.code() == 200, "http status", response.code(), 200);
    ResponseBody body = response.body();
    try {
      return mapper.readTree(body.byteStream());
    } catch (IOException e) {
      throw new CallFailure("io reading body " + e.getClass().getSimpleName(), e);
    }
  }

  private void stream(Request request, SseCheck check) throws CallFailure {
    Response response;
    try {
      response = client.newCall(request).execute();
    } catch (IOException e) {
      throw new CallFailure("io " + e.getClass().getSimpleName(), e);
    }
    try (response) {
      require(response.code() == 200, "http status", response.code(), 200);
      // Parses the SSE events on this thread as they arrive, with OkHttp's own reader.
      EventSources.processResponse(response, check);
    }
    check.finish();
  }

  private static void checkChat(JsonNode body, Expected expected) throws CallFailure {
    JsonNode choice = body.path("choices").path(0);
    String text = choice.path("message").path("content").asText();
    require(MockContent.COMPLETION_TEXT.equals(text), "text", text, MockContent.COMPLETION_TEXT);
    require("stop".equals(choice.path("finish_reason").asText()), "finish_reason", choice.path("finish_reason"), "stop");
    require(body.path("usage").path("prompt_tokens").asLong() == MockContent.PROMPT_TOKENS, "usage.prompt_tokens",
        body.path("usage").path("prompt_tokens"), MockContent.PROMPT_TOKENS);
    require(body.path("usage").path("completion_tokens").asLong() == MockContent.COMPLETION_TOKENS,
        "usage.completion_tokens", body.path("usage").path("completion_tokens"), MockContent.COMPLETION_TOKENS);
    require(expected.upstreamModel().equals(body.path("model").asText()), "model", body.path("model"),
        expected.upstreamModel());
  }

  private byte[] json(JsonWriter writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("writing a request body", e);
    }
    return out.toByteArray();
  }

  /** Writes one JSON request body. */
  @FunctionalInterface
  private interface JsonWriter {
    void write(JsonGenerator g) throws IOException;
  }
}
