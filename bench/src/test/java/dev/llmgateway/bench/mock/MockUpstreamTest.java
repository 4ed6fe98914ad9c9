package dev.llmgateway.bench.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MockUpstreamTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static MockUpstream mock;
  private static OkHttpClient client;

  @BeforeAll
  static void start() throws InterruptedException {
    mock = MockUpstream.start(1);
    client = new OkHttpClient.Builder().callTimeout(10, TimeUnit.SECONDS).build();
  }

  @AfterAll
  static void stop() {
    mock.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** One server-sent event as OkHttp's independent reader parsed it. */
  private record Event(String type, String data) {}

  @Test
  void servesOpenAiChunksUsageAndDoneAsTheApiDocuments() throws IOException {
    List<Event> events = stream(mock.openAiBaseUrl() + "/chat/completions",
        "{\"model\":\"mock-model-c5\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    // role chunk, 5 text chunks, finish chunk, usage chunk, [DONE]
    assertThat(events).hasSize(9);
    assertThat(events.get(8).data()).isEqualTo("[DONE]");
    List<JsonNode> chunks = new ArrayList<>();
    for (Event e : events.subList(0, 8)) {
      assertThat(e.type()).isNull();
      chunks.add(MAPPER.readTree(e.data()));
    }
    for (JsonNode chunk : chunks) {
      assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(chunk.path("model").asText()).isEqualTo("mock-model-c5");
      assertThat(chunk.path("id").asText()).isEqualTo(MockContent.CHAT_ID);
    }
    assertThat(chunks.get(0).path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant");
    StringBuilder text = new StringBuilder();
    chunks.subList(1, 6).forEach(c -> text.append(c.path("choices").path(0).path("delta").path("content").asText()));
    assertThat(text.toString()).isEqualTo(MockContent.streamText(5));
    assertThat(chunks.get(6).path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
    assertThat(chunks.get(7).path("choices")).isEmpty();
    assertThat(chunks.get(7).path("usage").path("completion_tokens").asInt()).isEqualTo(5);
    assertThat(chunks.get(7).path("usage").path("prompt_tokens").asInt()).isEqualTo(MockContent.PROMPT_TOKENS);
  }

  @Test
  void openAiChunksHaveEveryFieldOfTheRecordedStream() throws IOException {
    List<Event> events = stream(mock.openAiBaseUrl() + "/chat/completions",
        "{\"model\":\"mock-model\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[]}");
    Set<String> mock = new TreeSet<>();
    for (Event e : events.subList(0, events.size() - 1)) {
      mock.addAll(JsonShape.paths(MAPPER.readTree(e.data())));
    }

    Set<String> recorded = new TreeSet<>();
    for (String line : fixture("openai/chat-stream-text.sse").split("\n")) {
      if (line.startsWith("data: {")) {
        recorded.addAll(JsonShape.paths(MAPPER.readTree(line.substring(6))));
      }
    }
    assertThat(mock).containsAll(recorded);
  }

  @Test
  void leavesOutTheUsageChunkUnlessAskedFor() throws IOException {
    List<Event> events = stream(mock.openAiBaseUrl() + "/chat/completions",
        "{\"model\":\"mock-model-c2\",\"stream\":true,\"messages\":[]}");

    assertThat(events).hasSize(5);
    assertThat(events).noneMatch(e -> e.data().contains("\"usage\""));
  }

  @Test
  void servesTheFullAnthropicEventSequence() throws IOException {
    List<Event> events = stream(mock.anthropicBaseUrl() + "/messages",
        "{\"model\":\"mock-claude-c3\",\"max_tokens\":64,\"stream\":true,\"messages\":[]}");

    assertThat(events).extracting(Event::type).containsExactly("message_start", "content_block_start", "ping",
        "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta",
        "message_stop");
    StringBuilder text = new StringBuilder();
    for (Event e : events) {
      JsonNode data = MAPPER.readTree(e.data());
      assertThat(data.path("type").asText()).isEqualTo(e.type());
      if (e.type().equals("content_block_delta")) {
        assertThat(data.path("delta").path("type").asText()).isEqualTo("text_delta");
        text.append(data.path("delta").path("text").asText());
      }
    }
    assertThat(text.toString()).isEqualTo(MockContent.streamText(3));
    JsonNode delta = MAPPER.readTree(events.get(7).data());
    assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(delta.path("usage").path("output_tokens").asInt()).isEqualTo(3);
  }

  @Test
  void anthropicEventsHaveEveryFieldOfTheRecordedStream() throws IOException {
    List<Event> events = stream(mock.anthropicBaseUrl() + "/messages",
        "{\"model\":\"mock-claude\",\"stream\":true,\"messages\":[]}");
    Set<String> mock = new TreeSet<>();
    for (Event e : events) {
      mock.addAll(JsonShape.paths(MAPPER.readTree(e.data())));
    }

    Set<String> recorded = new TreeSet<>();
    for (String line : fixture("anthropic/stream-text.sse").split("\n")) {
      if (line.startsWith("data: ")) {
        recorded.addAll(JsonShape.paths(MAPPER.readTree(line.substring(6))));
      }
    }
    assertThat(mock).containsAll(recorded);
  }

  @Test
  void wholeAnswersHaveEveryFieldOfTheRecordedResponses() throws IOException {
    assertThat(JsonShape.paths(post(mock.openAiBaseUrl() + "/chat/completions",
        "{\"model\":\"mock-model\",\"messages\":[]}")))
        .containsAll(JsonShape.paths(MAPPER.readTree(fixture("openai/chat-completion.json"))));
    assertThat(JsonShape.paths(post(mock.openAiBaseUrl() + "/embeddings", "{\"model\":\"mock-embed\",\"input\":\"x\"}")))
        .containsAll(JsonShape.paths(MAPPER.readTree(fixture("openai/embeddings.json"))));
    assertThat(JsonShape.paths(get(mock.openAiBaseUrl() + "/models")))
        .containsAll(JsonShape.paths(MAPPER.readTree(fixture("openai/models-list.json"))));
    assertThat(JsonShape.paths(post(mock.anthropicBaseUrl() + "/messages",
        "{\"model\":\"mock-claude\",\"max_tokens\":64,\"messages\":[]}")))
        .containsAll(JsonShape.paths(MAPPER.readTree(fixture("anthropic/message-text.json"))));
  }

  @Test
  void servesEmbeddingsOfTheDefaultSizeAsFloatsAndAsBase64() throws IOException {
    JsonNode floats = post(mock.openAiBaseUrl() + "/embeddings",
        "{\"model\":\"mock-embed\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"float\"}");
    assertThat(floats.path("data")).hasSize(2);
    JsonNode second = floats.path("data").path(1).path("embedding");
    assertThat(second).hasSize(MockContent.DEFAULT_DIMENSIONS);
    for (int d = 0; d < MockContent.DEFAULT_DIMENSIONS; d++) {
      assertThat(second.path(d).floatValue()).isEqualTo(MockContent.embeddingValue(1, d));
    }
    assertThat(floats.path("usage").path("prompt_tokens").asInt()).isEqualTo(2 * MockContent.EMBED_TOKENS_PER_INPUT);

    JsonNode base64 = post(mock.openAiBaseUrl() + "/embeddings",
        "{\"model\":\"mock-embed\",\"input\":\"a\",\"encoding_format\":\"base64\",\"dimensions\":8}");
    ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64.path("data").path(0).path("embedding").asText()))
        .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(bytes.remaining()).isEqualTo(8 * Float.BYTES);
    for (int d = 0; d < 8; d++) {
      assertThat(bytes.getFloat()).isEqualTo(MockContent.embeddingValue(0, d));
    }
  }

  @Test
  void spacesStreamedChunksByTheDelayInTheModelName() throws IOException {
    List<Long> arrivals = new ArrayList<>();
    Request request = new Request.Builder().url(mock.openAiBaseUrl() + "/chat/completions")
        .post(RequestBody.create("{\"model\":\"mock-model-c4-d30ms\",\"stream\":true,\"messages\":[]}", JSON)).build();
    try (Response response = client.newCall(request).execute()) {
      EventSources.processResponse(response, new EventSourceListener() {
        @Override
        public void onEvent(EventSource source, String id, String type, String data) {
          if (data.contains("\"content\":\"t")) {
            arrivals.add(System.nanoTime());
          }
        }
      });
    }

    assertThat(arrivals).hasSize(4);
    // Three gaps of 30 ms: a lower bound only, so a busy machine cannot make this flaky.
    assertThat(arrivals.get(3) - arrivals.get(0)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(85));
  }

  @Test
  void answersMalformedJsonAndUnknownPathsWithTheProvidersErrorShapes() throws IOException {
    Request bad = new Request.Builder().url(mock.openAiBaseUrl() + "/chat/completions")
        .post(RequestBody.create("{\"model\":", JSON)).build();
    try (Response response = client.newCall(bad).execute()) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(MAPPER.readTree(response.body().string()).path("error").path("type").asText())
          .isEqualTo("invalid_request_error");
    }
    Request unknown = new Request.Builder().url(mock.anthropicBaseUrl() + "/complete")
        .post(RequestBody.create("{}", JSON)).build();
    try (Response response = client.newCall(unknown).execute()) {
      assertThat(response.code()).isEqualTo(404);
      JsonNode body = MAPPER.readTree(response.body().string());
      assertThat(body.path("type").asText()).isEqualTo("error");
      assertThat(body.path("error").path("type").asText()).isEqualTo("not_found_error");
    }
  }

  private List<Event> stream(String url, String body) throws IOException {
    List<Event> events = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    Request request = new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build();
    try (Response response = client.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("content-type")).startsWith("text/event-stream");
      EventSources.processResponse(response, new EventSourceListener() {
        @Override
        public void onEvent(EventSource source, String id, String type, String data) {
          events.add(new Event(type, data));
        }

        @Override
        public void onFailure(EventSource source, Throwable t, Response r) {
          failures.add(t == null ? new AssertionError("not an event stream") : t);
        }
      });
    }
    assertThat(failures).isEmpty();
    return events;
  }

  private JsonNode post(String url, String body) throws IOException {
    Request request = new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build();
    try (Response response = client.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("content-type")).isEqualTo("application/json");
      return MAPPER.readTree(response.body().byteStream());
    }
  }

  private JsonNode get(String url) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      return MAPPER.readTree(response.body().byteStream());
    }
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = MockUpstreamTest.class.getResourceAsStream("/wire/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
