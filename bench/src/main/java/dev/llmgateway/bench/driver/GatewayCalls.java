package dev.llmgateway.bench.driver;

import static dev.llmgateway.bench.driver.Expected.require;

import dev.llmgateway.bench.mock.MockContent;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.Embedding;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.GatewayServiceGrpc;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.Usage;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/** Makes checked calls to the gateway's GatewayService over gRPC. */
public final class GatewayCalls {
  /** The user prompt of every chat request, on both paths. */
  public static final String PROMPT = "Benchmark prompt: say hello.";
  /** The output-token limit of every chat request, on both paths. */
  public static final int MAX_OUTPUT_TOKENS = 256;
  /** The text of each embedding input, on both paths. */
  public static final String EMBED_INPUT = "Benchmark embedding input.";

  private final GatewayServiceGrpc.GatewayServiceBlockingStub blocking;
  private final GatewayServiceGrpc.GatewayServiceStub async;
  private final long timeoutNanos;

  /** Creates calls over {@code channel}, each with a deadline of {@code timeoutNanos}. */
  public GatewayCalls(Channel channel, long timeoutNanos) {
    this.blocking = GatewayServiceGrpc.newBlockingStub(channel);
    this.async = GatewayServiceGrpc.newStub(channel);
    this.timeoutNanos = timeoutNanos;
  }

  /** Returns the chat request sent to {@code model} (a catalogue id). */
  public static CompleteRequest chatRequest(String model) {
    return CompleteRequest.newBuilder()
        .setModel(model)
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER).addContent(ContentPart.newBuilder().setText(PROMPT)))
        .setMaxOutputTokens(MAX_OUTPUT_TOKENS)
        .build();
  }

  /** Returns a blocking Complete call to {@code model}. */
  public BlockingCall complete(String model, Expected expected) {
    CompleteRequest request = chatRequest(model);
    return timer -> {
      CompleteResponse response;
      try {
        response = blocking.withDeadlineAfter(timeoutNanos, TimeUnit.NANOSECONDS).complete(request);
      } catch (StatusRuntimeException e) {
        throw statusFailure(e);
      }
      checkCompletion(response, expected);
    };
  }

  /** Returns an asynchronous Complete call to {@code model}, for open-loop batches. */
  public AsyncCall completeAsync(String model, Expected expected) {
    CompleteRequest request = chatRequest(model);
    return done -> async.withDeadlineAfter(timeoutNanos, TimeUnit.NANOSECONDS).complete(request,
        new StreamObserver<>() {
          private CompleteResponse response;

          @Override
          public void onNext(CompleteResponse value) {
            response = value;
          }

          @Override
          public void onError(Throwable t) {
            done.complete(t instanceof StatusRuntimeException e ? statusFailure(e) : new CallFailure("grpc", t));
          }

          @Override
          public void onCompleted() {
            try {
              require(response != null, "response", "none", "one message");
              checkCompletion(response, expected);
              done.complete(null);
            } catch (CallFailure failure) {
              done.complete(failure);
            }
          }
        });
  }

  /** Returns a blocking CompleteStream call to {@code model}; it notes each text chunk's arrival. */
  public BlockingCall completeStream(String model, Expected expected) {
    CompleteRequest request = chatRequest(model);
    return timer -> {
      StreamCheck check = new StreamCheck(expected);
      try {
        Iterator<CompleteStreamResponse> chunks =
            blocking.withDeadlineAfter(timeoutNanos, TimeUnit.NANOSECONDS).completeStream(request);
        // Bounded by the call's deadline: the iterator ends or throws once it passes.
        while (chunks.hasNext()) {
          CompleteStreamResponse chunk = chunks.next();
          if (!chunk.getTextDelta().isEmpty()) {
            timer.textChunk();
          }
          check.add(chunk);
        }
      } catch (StatusRuntimeException e) {
        throw statusFailure(e);
      }
      check.finish();
    };
  }

  /** Starts a CompleteStream call to {@code model} with {@code observer}; for many concurrent streams. */
  public void completeStream(String model, StreamObserver<CompleteStreamResponse> observer) {
    async.withDeadlineAfter(timeoutNanos, TimeUnit.NANOSECONDS).completeStream(chatRequest(model), observer);
  }

  /** Returns a blocking Embed call to {@code model}. */
  public BlockingCall embed(String model, Expected expected) {
    EmbedRequest.Builder builder = EmbedRequest.newBuilder().setModel(model);
    for (int i = 0; i < expected.inputs(); i++) {
      builder.addInputs(EMBED_INPUT);
    }
    EmbedRequest request = builder.build();
    return timer -> {
      EmbedResponse response;
      try {
        response = blocking.withDeadlineAfter(timeoutNanos, TimeUnit.NANOSECONDS).embed(request);
      } catch (StatusRuntimeException e) {
        throw statusFailure(e);
      }
      require(response.getEmbeddingsCount() == expected.inputs(), "embedding count",
          response.getEmbeddingsCount(), expected.inputs());
      for (int i = 0; i < expected.inputs(); i++) {
        Embedding e = response.getEmbeddings(i);
        require(e.getIndex() == i, "embedding index", e.getIndex(), i);
        Expected.checkVector(i, expected.dimensions(), e.getValuesCount(), e::getValues);
      }
      require(response.getUsage().getInputTokens() == (long) expected.inputs() * MockContent.EMBED_TOKENS_PER_INPUT,
          "usage.input_tokens", response.getUsage().getInputTokens(), expected.inputs() * MockContent.EMBED_TOKENS_PER_INPUT);
      require(response.getProvider().equals(expected.provider()), "provider", response.getProvider(), expected.provider());
      require(response.getModel().equals(expected.upstreamModel()), "model", response.getModel(), expected.upstreamModel());
    };
  }

  static CallFailure statusFailure(StatusRuntimeException e) {
    String description = e.getStatus().getDescription();
    return new CallFailure("status " + e.getStatus().getCode(), description == null ? "(no description)" : description);
  }

  private static void checkCompletion(CompleteResponse r, Expected expected) throws CallFailure {
    StringBuilder text = new StringBuilder();
    for (ContentPart part : r.getMessage().getContentList()) {
      text.append(part.getText());
    }
    require(text.toString().equals(MockContent.COMPLETION_TEXT), "text", text, MockContent.COMPLETION_TEXT);
    require(r.getMessage().getRole() == Role.ROLE_ASSISTANT, "role", r.getMessage().getRole(), Role.ROLE_ASSISTANT);
    require(r.getFinishReason() == FinishReason.FINISH_REASON_STOP, "finish_reason", r.getFinishReason(), "STOP");
    checkUsage(r.getUsage(), MockContent.COMPLETION_TOKENS);
    require(r.getProvider().equals(expected.provider()), "provider", r.getProvider(), expected.provider());
    require(r.getModel().equals(expected.upstreamModel()), "model", r.getModel(), expected.upstreamModel());
  }

  private static void checkUsage(Usage usage, long outputTokens) throws CallFailure {
    require(usage.getInputTokens() == MockContent.PROMPT_TOKENS, "usage.input_tokens", usage.getInputTokens(),
        MockContent.PROMPT_TOKENS);
    require(usage.getOutputTokens() == outputTokens, "usage.output_tokens", usage.getOutputTokens(), outputTokens);
  }

  /** Checks a streamed answer chunk by chunk, as the contract describes it. */
  public static final class StreamCheck {
    private final Expected expected;
    private final StringBuilder text = new StringBuilder();
    private int chunks;
    private int textChunks;
    @Nullable private CompleteStreamResponse last;
    @Nullable private CallFailure firstProblem;

    /** Starts checking a stream that should answer as {@code expected}. */
    public StreamCheck(Expected expected) {
      this.expected = expected;
    }

    /** Takes the next chunk. */
    public void add(CompleteStreamResponse chunk) {
      if (chunks == 0 && firstProblem == null) {
        try {
          require(chunk.getProvider().equals(expected.provider()), "first chunk provider", chunk.getProvider(),
              expected.provider());
          require(chunk.getModel().equals(expected.upstreamModel()), "first chunk model", chunk.getModel(),
              expected.upstreamModel());
        } catch (CallFailure failure) {
          firstProblem = failure;
        }
      }
      chunks++;
      if (!chunk.getTextDelta().isEmpty()) {
        textChunks++;
        text.append(chunk.getTextDelta());
      }
      last = chunk;
    }

    /** Checks the whole stream once it has ended with an OK status. */
    public void finish() throws CallFailure {
      if (firstProblem != null) {
        throw firstProblem;
      }
      require(last != null, "chunks", 0, "at least one");
      require(text.toString().equals(expected.streamText()), "streamed text", text, expected.streamText());
      // The gateway must forward each upstream chunk, not merge them: per-chunk latency depends on it.
      require(textChunks == expected.chunks(), "text chunk count", textChunks, expected.chunks());
      require(last.getFinishReason() == FinishReason.FINISH_REASON_STOP, "last chunk finish_reason",
          last.getFinishReason(), "STOP");
      checkUsage(last.getUsage(), expected.chunks());
    }
  }
}
