package dev.llmgateway.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.llmgateway.server.edge.GatewayHeaders;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.RecordingStreamObserver;
import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.ListModelsRequest;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Model;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.Tool;
import dev.llmgateway.v1.ToolChoice;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every GatewayService RPC through a generated stub against a real gateway on a loopback port. */
class GatewayServiceTest {
  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  private TestGateway gateway;

  @BeforeEach
  void startGateway() {
    gateway = cleanup.register(TestGateway.start(DemoGateway.CONFIG));
  }

  static Message user(String text) {
    return Requests.user(text);
  }

  @Test
  void completeAnswersWithLabelledTextUsageAndServingModel() {
    CompleteResponse response = gateway.blocking().withDeadlineAfter(5, TimeUnit.SECONDS)
        .complete(CompleteRequest.newBuilder().setModel("demo").addMessages(user("hello there")).build());

    assertThat(response.getMessage().getRole()).isEqualTo(Role.ROLE_ASSISTANT);
    assertThat(response.getMessage().getContent(0).getText())
        .startsWith("[demo provider: offline, not a real model]").endsWith("You said: hello there");
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(response.getProvider()).isEqualTo("demo");
    assertThat(response.getModel()).isEqualTo("demo-echo-1");
    assertThat(response.getUsage().getInputTokens()).isPositive();
    assertThat(response.getUsage().getTotalTokens())
        .isEqualTo(response.getUsage().getInputTokens() + response.getUsage().getOutputTokens());
  }

  @Test
  void completeStreamSendsProviderFirstDeltasInOrderAndFinishWithUsageLast() throws Exception {
    RecordingStreamObserver<CompleteStreamResponse> chunks = new RecordingStreamObserver<>();
    gateway.async().withDeadlineAfter(5, TimeUnit.SECONDS)
        .completeStream(CompleteRequest.newBuilder().setModel("demo-chat").addMessages(user("one two three")).build(),
            chunks);
    chunks.awaitCompletion(Duration.ofSeconds(5)).assertSucceeded();

    var received = chunks.messages();
    assertThat(received.size()).isGreaterThan(3);
    assertThat(received.get(0).getProvider()).isEqualTo("demo");
    assertThat(received.get(0).getModel()).isEqualTo("demo-echo-1");
    assertThat(received.subList(1, received.size())).allSatisfy(c -> assertThat(c.getProvider()).isEmpty());
    StringBuilder text = new StringBuilder();
    received.forEach(c -> text.append(c.getTextDelta()));
    assertThat(text.toString()).endsWith("You said: one two three");
    CompleteStreamResponse last = received.get(received.size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(last.getUsage().getOutputTokens()).isPositive();
    assertThat(received.subList(0, received.size() - 1))
        .allSatisfy(c -> assertThat(c.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_UNSPECIFIED));
  }

  @Test
  void completeStreamDeliversToolCallDeltas() throws Exception {
    Tool weather = Tool.newBuilder().setName("get_weather").setParameters(Struct.newBuilder()
        .putFields("type", Value.newBuilder().setStringValue("object").build())).build();
    RecordingStreamObserver<CompleteStreamResponse> chunks = new RecordingStreamObserver<>();
    gateway.async().withDeadlineAfter(5, TimeUnit.SECONDS).completeStream(CompleteRequest.newBuilder()
        .setModel("demo-chat").addMessages(user("weather?")).addTools(weather)
        .setToolChoice(ToolChoice.newBuilder().setMode(ToolChoice.Mode.MODE_REQUIRED)).build(), chunks);
    chunks.awaitCompletion(Duration.ofSeconds(5)).assertSucceeded();

    CompleteStreamResponse last = chunks.messages().get(chunks.messages().size() - 1);
    assertThat(last.getToolCallDeltas(0).getName()).isEqualTo("get_weather");
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
  }

  @Test
  void modelDefaultsActAsAPresetUnlessTheCallerSetsTheField() {
    CompleteResponse preset = gateway.blocking().withDeadlineAfter(5, TimeUnit.SECONDS)
        .complete(CompleteRequest.newBuilder().setModel("demo-analytical").addMessages(user("a b c d e f")).build());
    CompleteResponse overridden = gateway.blocking().withDeadlineAfter(5, TimeUnit.SECONDS)
        .complete(CompleteRequest.newBuilder().setModel("demo-analytical").setMaxOutputTokens(50)
            .addMessages(user("a b c d e f")).build());

    // The demo counts one word per token: the preset's max-output-tokens = 3 cuts the answer.
    assertThat(preset.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_LENGTH);
    assertThat(preset.getMessage().getContent(0).getText().split(" ")).hasSize(3);
    assertThat(overridden.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
  }

  @Test
  void embedReturnsOneUnitVectorPerInputInOrder() {
    EmbedResponse response = gateway.blocking().withDeadlineAfter(5, TimeUnit.SECONDS)
        .embed(EmbedRequest.newBuilder().setModel("demo-embed").addInputs("alpha").addInputs("beta")
            .setDimensions(16).build());

    assertThat(response.getEmbeddingsList()).hasSize(2);
    assertThat(response.getEmbeddings(1).getIndex()).isEqualTo(1);
    assertThat(response.getEmbeddings(0).getValuesList()).hasSize(16);
    double norm = response.getEmbeddings(0).getValuesList().stream().mapToDouble(v -> v * v).sum();
    assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(response.getEmbeddings(0).getValuesList()).isNotEqualTo(response.getEmbeddings(1).getValuesList());
    assertThat(response.getProvider()).isEqualTo("demo");
  }

  @Test
  void listModelsFiltersByProviderAndCapability() {
    var all = gateway.blocking().listModels(ListModelsRequest.getDefaultInstance()).getModelsList();
    var embedders = gateway.blocking().listModels(ListModelsRequest.newBuilder()
        .setCapability(Capability.CAPABILITY_EMBEDDINGS).build()).getModelsList();
    var none = gateway.blocking().listModels(ListModelsRequest.newBuilder().setProvider("openai").build())
        .getModelsList();

    assertThat(all).extracting(Model::getId).containsExactly("demo-analytical", "demo-chat", "demo-embed");
    assertThat(all.get(1).getAliasesList()).containsExactly("demo");
    assertThat(all.get(1).getMaxOutputTokens()).isEqualTo(100);
    assertThat(embedders).extracting(Model::getId).containsExactly("demo-embed");
    assertThat(none).isEmpty();
  }

  @Test
  void echoesTheCallersRequestIdInHeadersAndErrors() {
    Metadata sent = new Metadata();
    sent.put(GatewayHeaders.X_REQUEST_ID, "req-42");
    AtomicReference<Metadata> headers = new AtomicReference<>();
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    var stub = gateway.blocking().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(sent),
        MetadataUtils.newCaptureMetadataInterceptor(headers, trailers));

    stub.complete(CompleteRequest.newBuilder().setModel("demo").addMessages(user("x")).build());
    assertThat(headers.get().get(GatewayHeaders.X_REQUEST_ID)).isEqualTo("req-42");

    Throwable error = catchThrowable(() -> stub.complete(CompleteRequest.newBuilder().setModel("nope")
        .addMessages(user("x")).build()));
    assertThat(Statuses.errorInfo(error).getMetadataMap()).containsEntry("request_id", "req-42");
    assertThat(trailers.get().get(GatewayHeaders.X_REQUEST_ID)).isEqualTo("req-42");
  }

  @Test
  void unknownModelIsNotFoundWithReason() {
    Throwable error = catchThrowable(() -> gateway.blocking().complete(CompleteRequest.newBuilder()
        .setModel("gpt-unknown").addMessages(user("x")).build()));

    assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(Statuses.errorInfo(error).getReason()).isEqualTo("MODEL_NOT_FOUND");
    assertThat(Statuses.errorInfo(error).getDomain()).isEqualTo("llmgateway.dev");
    assertThat(Statuses.errorInfo(error).getMetadataMap()).containsEntry("model", "gpt-unknown");
  }

  @Test
  void embeddingWithAChatModelNamesTheCapability() {
    StatusRuntimeException error = (StatusRuntimeException) catchThrowable(() -> gateway.blocking()
        .embed(EmbedRequest.newBuilder().setModel("demo-chat").addInputs("x").build()));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(Statuses.violatedFields(error)).containsExactly("model");
    assertThat(error.getStatus().getDescription()).contains("EMBEDDINGS");
  }

  @Test
  void streamingErrorsArriveAsStatusesBeforeAnyChunk() throws Exception {
    RecordingStreamObserver<CompleteStreamResponse> chunks = new RecordingStreamObserver<>();
    gateway.async().completeStream(CompleteRequest.newBuilder().setModel("demo-embed").addMessages(user("x")).build(),
        chunks);
    chunks.awaitCompletion(Duration.ofSeconds(5));

    assertThat(chunks.messages()).isEmpty();
    assertThat(chunks.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(Statuses.violatedFields(chunks.error())).containsExactly("model");
  }
}
