package dev.llmgateway.server.providers.cohere;

import dev.llmgateway.server.testing.FutureSink;
import static dev.llmgateway.server.providers.cohere.CohereRequestWriterTest.text;
import static dev.llmgateway.server.providers.cohere.CohereTesting.API_KEY;
import static dev.llmgateway.server.providers.cohere.CohereTesting.WAIT_SECONDS;
import static dev.llmgateway.server.providers.cohere.CohereTesting.config;
import static dev.llmgateway.server.providers.cohere.CohereTesting.fixture;
import static dev.llmgateway.server.providers.cohere.CohereTesting.json;
import static dev.llmgateway.server.providers.cohere.CohereTesting.requestFixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.testing.ScriptedBody;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.EmbedInputType;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.ImagePart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs the adapter's whole-answer calls against a MockWebServer serving recorded Cohere answers. */
class CohereAdapterTest {
  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final OkHttpClient shared = new OkHttpClient();

  @AfterEach
  void closeClient() {
    shared.dispatcher().cancelAll();
    shared.connectionPool().evictAll();
  }

  @Test
  void postsAnAuthenticatedChatRequestAndMapsTheRecordedAnswer() throws Exception {
    server.enqueue(fixture("chat-response").toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(request(CompleteRequest.newBuilder().addMessages(text(Role.ROLE_USER, "Tell me about LLMs"))
        .build(), "command-a-plus-05-2026"), sink);

    CompleteResponse response = sink.value();
    assertThat(response.getMessage().getContent(0).getText()).startsWith("LLMs stand for Large Language Models");
    assertThat(response.getUsage().getInputTokens()).isEqualTo(71);
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v2/chat");
    assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
    assertThat(recorded.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(json(recorded.getBody().utf8())).isEqualTo(requestFixture("chat-request"));
  }

  @Test
  void mapsTheRecordedToolCallAnswer() throws Exception {
    server.enqueue(fixture("chat-response-tool-calls").toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(request(CompleteRequest.newBuilder().addMessages(text(Role.ROLE_USER, "Sales?")).build(), "m"),
        sink);

    CompleteResponse response = sink.value();
    assertThat(response.getMessage().getToolCallsList()).extracting(tc -> tc.getName())
        .containsExactly("query_daily_sales_report", "query_product_catalog");
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
  }

  @Test
  void postsTheDocumentedEmbedRequestAndReadsTheFloatVectors() throws Exception {
    server.enqueue(fixture("embed-response").toResponse().build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();
    EmbedRequest embed = EmbedRequest.newBuilder().addInputs("hello").addInputs("goodbye")
        .setInputType(EmbedInputType.EMBED_INPUT_TYPE_CLASSIFICATION).build();

    adapter().embed(new ProviderRequest<>(embed, "embed-v4.0", null, "req-1"), sink);

    EmbedResponse response = sink.value();
    assertThat(response.getEmbeddingsList()).hasSize(2);
    assertThat(response.getEmbeddings(0).getIndex()).isZero();
    assertThat(response.getEmbeddings(0).getValuesList()).hasSize(8).startsWith(0.016296387f, -0.008354187f);
    assertThat(response.getEmbeddings(1).getIndex()).isEqualTo(1);
    assertThat(response.getEmbeddings(1).getValues(7)).isEqualTo(-0.0015516281f);
    assertThat(response.getUsage().getInputTokens()).isEqualTo(2);
    assertThat(response.getUsage().getOutputTokens()).isZero();
    assertThat(response.getModel()).isEqualTo("embed-v4.0");
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v2/embed");
    assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
    assertThat(json(recorded.getBody().utf8())).isEqualTo(requestFixture("embed-request"));
  }

  @Test
  void failsAnEmbedAnswerWithTheWrongNumberOfVectors() throws Exception {
    server.enqueue(fixture("embed-response").toResponse().build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter().embed(new ProviderRequest<>(EmbedRequest.newBuilder().addInputs("only one").build(), "m", null, "r"),
        sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void walksEveryPageOfTheModelList() throws Exception {
    server.enqueue(jsonResponse("{\"models\": [{\"name\": \"command-a-03-2025\", \"endpoints\": [\"chat\"],"
        + " \"context_length\": 256000}], \"next_page_token\": \"tok-2\"}"));
    server.enqueue(jsonResponse("{\"models\": [{\"name\": \"embed-v4.0\", \"endpoints\": [\"embed\"]},"
        + " {\"name\": \"rerank-v3.5\", \"endpoints\": [\"rerank\"]}]}"));
    FutureSink<List<DiscoveredModel>> sink = new FutureSink<>();

    adapter().listModels(Duration.ofSeconds(5), sink);

    assertThat(sink.value()).extracting(DiscoveredModel::id).containsExactly("command-a-03-2025", "embed-v4.0");
    RecordedRequest first = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/models");
    assertThat(first.getUrl().queryParameter("page_size")).isEqualTo("1000");
    assertThat(first.getUrl().queryParameter("page_token")).isNull();
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
    assertThat(server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS).getUrl().queryParameter("page_token"))
        .isEqualTo("tok-2");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "401|{\"message\":\"invalid api token\"}|PROVIDER_MISCONFIGURED",
      "404|{\"message\":\"model 'nope' not found, make sure the correct model ID was used\"}|MODEL_NOT_FOUND",
      "400|{\"message\":\"too many tokens: total number of tokens in the prompt cannot exceed 4081\"}|CONTEXT_WINDOW_EXCEEDED",
      "503|{\"message\":\"service unavailable\"}|PROVIDER_UNAVAILABLE"})
  void classifiesErrorAnswersFromTheirStatusAndMessage(int status, String body, ErrorKind kind) throws Exception {
    server.enqueue(new MockResponse.Builder().code(status).addHeader("content-type", "application/json")
        .body(body).build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(request(CompleteRequest.newBuilder().addMessages(text(Role.ROLE_USER, "Hi")).build(), "m"), sink);

    GatewayException e = sink.error();
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.upstreamStatus()).isEqualTo(status);
    assertThat(e.getMessage()).doesNotContain(API_KEY);
  }

  @Test
  void mapsARateLimitWithItsRetryDelay() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "30")
        .body("{\"message\":\"trial token rate limit exceeded, limit is 100000 tokens per minute\"}").build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter().embed(new ProviderRequest<>(EmbedRequest.newBuilder().addInputs("a").build(), "m", null, "r"), sink);

    GatewayException e = sink.error();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void reportsABodyThatIsNotJsonAsAProtocolError() throws Exception {
    server.enqueue(jsonResponse("{\"id\": \"x\", \"message\": {"));
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(request(CompleteRequest.newBuilder().addMessages(text(Role.ROLE_USER, "Hi")).build(), "m"), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void rejectsWhatCohereCannotExpressWithoutCallingIt() throws Exception {
    Message system = Message.newBuilder().setRole(Role.ROLE_SYSTEM)
        .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder().setUrl("https://example.com/a.png")))
        .build();
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    UpstreamCall call = adapter().complete(request(CompleteRequest.newBuilder().addMessages(system).build(), "m"), sink);

    GatewayException e = sink.error();
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.provider()).isEqualTo(CohereTesting.PROVIDER);
    assertThat(call).isSameAs(UpstreamCall.DONE);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void reportsATimeoutWhenTheAnswerTakesLongerThanTheDeadline() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json")
        .body(new ScriptedBody().send("{\"id\": ").await(release)).build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(new ProviderRequest<>(CompleteRequest.newBuilder().addMessages(text(Role.ROLE_USER, "Hi"))
        .build(), "m", Duration.ofMillis(300), "r"), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_TIMEOUT);
    release.countDown();
  }

  @Test
  void cancellingAWaitingCallReportsCancelled() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ScriptedBody body = new ScriptedBody().send("{\"id\": ").await(release);
    server.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json").body(body).build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    UpstreamCall call = adapter().complete(request(CompleteRequest.newBuilder()
        .addMessages(text(Role.ROLE_USER, "Hi")).build(), "m"), sink);
    server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    call.cancel();

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.CANCELLED);
    release.countDown();
  }

  @Test
  void reportsAServerThatCannotBeReachedAsUnavailable() throws Exception {
    MockWebServer stopped = new MockWebServer();
    stopped.start();
    String url = stopped.url("/").toString();
    stopped.close();
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    new CohereAdapter.Factory(shared).create(config(url, Map.of()))
        .complete(request(CompleteRequest.newBuilder().addMessages(text(Role.ROLE_USER, "Hi")).build(), "m"), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
  }

  private ProviderAdapter adapter() {
    return new CohereAdapter.Factory(shared).create(config(server.url("/").toString(), Map.of()));
  }

  static ProviderRequest<CompleteRequest> request(CompleteRequest request, String model) {
    return new ProviderRequest<>(request, model, Duration.ofSeconds(10), "req-1");
  }

  private static MockResponse jsonResponse(String body) {
    return new MockResponse.Builder().addHeader("content-type", "application/json").body(body).build();
  }
}
