package dev.llmgateway.server.providers.ollama;

import dev.llmgateway.server.testing.FutureSink;
import static dev.llmgateway.server.providers.ollama.OllamaRequestWriterTest.text;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.API_KEY;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.WAIT_SECONDS;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.config;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.configWithKey;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.fixture;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.json;
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
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
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

/** Runs the adapter's whole-answer calls against a MockWebServer serving recorded Ollama answers. */
class OllamaAdapterTest {
  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final OkHttpClient shared = new OkHttpClient();

  @AfterEach
  void closeClient() {
    shared.dispatcher().cancelAll();
    shared.connectionPool().evictAll();
  }

  @Test
  void postsAChatRequestWithoutCredentialsAndMapsTheRecordedAnswer() throws Exception {
    server.enqueue(fixture("chat-response").toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(request(hello()), sink);

    CompleteResponse response = sink.value();
    assertThat(response.getMessage().getContent(0).getText()).isEqualTo("Hello! How are you today?");
    assertThat(response.getUsage().getTotalTokens()).isEqualTo(324);
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/api/chat");
    assertThat(recorded.getHeaders().get("Authorization")).isNull();
    assertThat(json(recorded.getBody().utf8())).isEqualTo(json("""
        {"model": "llama3.2", "messages": [{"role": "user", "content": "why is the sky blue?"}], "stream": false}"""));
  }

  @Test
  void sendsAConfiguredKeyAsABearerTokenForAProxy() throws Exception {
    server.enqueue(fixture("chat-response").toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    new OllamaAdapter.Factory(shared).create(configWithKey(server.url("/").toString())).complete(request(hello()), sink);

    sink.value();
    assertThat(server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS).getHeaders().get("Authorization"))
        .isEqualTo("Bearer " + API_KEY);
  }

  @Test
  void postsAnEmbedRequestAndReadsTheRecordedVectorsAndPromptCount() throws Exception {
    server.enqueue(fixture("embed").toResponse().build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter().embed(new ProviderRequest<>(EmbedRequest.newBuilder().addInputs("Why is the sky blue?").build(),
        "all-minilm", null, "req-1"), sink);

    EmbedResponse response = sink.value();
    assertThat(response.getEmbeddingsList()).hasSize(1);
    assertThat(response.getEmbeddings(0).getValuesList()).hasSize(10).startsWith(0.010071029f, -0.0017594862f);
    assertThat(response.getUsage().getInputTokens()).isEqualTo(8);
    assertThat(response.getModel()).isEqualTo("all-minilm");
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/api/embed");
    assertThat(json(recorded.getBody().utf8())).isEqualTo(json("""
        {"model": "all-minilm", "input": ["Why is the sky blue?"], "truncate": false}"""));
  }

  @Test
  void failsAnEmbedAnswerWithTheWrongNumberOfVectors() throws Exception {
    server.enqueue(fixture("embed").toResponse().build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter().embed(new ProviderRequest<>(EmbedRequest.newBuilder().addInputs("a").addInputs("b").build(), "m", null,
        "r"), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void listsTheRecordedLocalModelsFromTags() throws Exception {
    server.enqueue(fixture("tags").toResponse().build());
    FutureSink<List<DiscoveredModel>> sink = new FutureSink<>();

    adapter().listModels(Duration.ofSeconds(5), sink);

    assertThat(sink.value()).extracting(DiscoveredModel::id).containsExactly("deepseek-r1:latest", "llama3.2:latest");
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getMethod()).isEqualTo("GET");
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/api/tags");
  }

  @Test
  void mapsTheRecordedMissingModelAnswer() throws Exception {
    server.enqueue(fixture("error-404-model-not-found").toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(request(hello()), sink);

    GatewayException e = sink.error();
    assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
    assertThat(e.upstreamStatus()).isEqualTo(404);
  }

  @Test
  void mapsARejectedEmbedInputToTheInputsField() throws Exception {
    server.enqueue(new MockResponse.Builder().code(400).addHeader("content-type", "application/json; charset=utf-8")
        .body("{\"error\":\"the input length exceeds the context length\"}").build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter().embed(new ProviderRequest<>(EmbedRequest.newBuilder().addInputs("long").build(), "m", null, "r"), sink);

    GatewayException e = sink.error();
    assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
    assertThat(e.violations().get(0).field()).isEqualTo("inputs");
  }

  @Test
  void rejectsAnImageUrlWithoutCallingOllama() throws Exception {
    Message user = Message.newBuilder().setRole(Role.ROLE_USER)
        .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder().setUrl("https://example.com/cat.png")))
        .build();
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    UpstreamCall call = adapter().complete(request(CompleteRequest.newBuilder().addMessages(user).build()), sink);

    GatewayException e = sink.error();
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.violations().get(0).field()).isEqualTo("messages[0].content[0].image.url");
    assertThat(call).isSameAs(UpstreamCall.DONE);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void explainsThatOllamaIsNotRunningWhenTheConnectionIsRefused() throws Exception {
    MockWebServer stopped = new MockWebServer();
    stopped.start();
    String url = stopped.url("/").toString();
    stopped.close();
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    new OllamaAdapter.Factory(shared).create(config(url, Map.of())).complete(request(hello()), sink);

    GatewayException e = sink.error();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.getMessage()).contains("is Ollama running");
  }

  @Test
  void reportsATimeoutWhenTheAnswerTakesLongerThanTheDeadline() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json")
        .body(new ScriptedBody().send("{\"model\": ").await(release)).build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(new ProviderRequest<>(hello(), "llama3.2", Duration.ofMillis(300), "r"), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_TIMEOUT);
    release.countDown();
  }

  @Test
  void cancellingAWaitingCallReportsCancelled() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json")
        .body(new ScriptedBody().send("{\"model\": ").await(release)).build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    UpstreamCall call = adapter().complete(request(hello()), sink);
    server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    call.cancel();

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.CANCELLED);
    release.countDown();
  }

  private ProviderAdapter adapter() {
    return new OllamaAdapter.Factory(shared).create(config(server.url("/").toString(), Map.of()));
  }

  static CompleteRequest hello() {
    return CompleteRequest.newBuilder().addMessages(text(Role.ROLE_USER, "why is the sky blue?")).build();
  }

  static ProviderRequest<CompleteRequest> request(CompleteRequest request) {
    return new ProviderRequest<>(request, "llama3.2", Duration.ofSeconds(10), "req-1");
  }
}
