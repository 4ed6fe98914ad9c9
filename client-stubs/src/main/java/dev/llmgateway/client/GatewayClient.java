package dev.llmgateway.client;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.GatewayServiceGrpc;
import dev.llmgateway.v1.ListModelsRequest;
import dev.llmgateway.v1.ListModelsResponse;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;

/**
 * A client of llm-gateway's {@code GatewayService}. Thread-safe: build one per gateway and share it.
 *
 * <pre>{@code
 * try (GatewayClient client = GatewayClient.builder()
 *     .target("gateway.example.com:443")
 *     .apiKey(System.getenv("LLMGATEWAY_API_KEY"))
 *     .build()) {
 *   CompleteResponse answer = client.complete(request);
 * }
 * }</pre>
 *
 * <p>Every call has a deadline: {@link #DEFAULT_UNARY_DEADLINE} for unary calls and
 * {@link #DEFAULT_STREAM_DEADLINE} for streams unless the builder or the call says otherwise. Every
 * failure is a {@link GatewayClientException} carrying the status code and decoded details. With
 * the default service config, unary calls that fail with UNAVAILABLE are retried (3 attempts in
 * all, exponential backoff from 0.5 s); streams are never retried, since a retry could repeat
 * chunks the caller already has.
 */
public final class GatewayClient implements AutoCloseable {
  /** The deadline of a unary call that gives none. */
  public static final Duration DEFAULT_UNARY_DEADLINE = Duration.ofSeconds(60);
  /** The deadline of a streamed completion that gives none: long answers take minutes. */
  public static final Duration DEFAULT_STREAM_DEADLINE = Duration.ofMinutes(10);
  /** How long {@link #close()} waits for calls in flight by default. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  private static final Duration SHUTDOWN_NOW_WAIT = Duration.ofSeconds(1);
  // Longer deadlines are as good as none, and would overflow a count of nanoseconds.
  private static final Duration LONGEST_DEADLINE = Duration.ofDays(365);

  private final Channel channel;
  @Nullable private final ManagedChannel owned;
  private final Duration unaryDeadline;
  private final Duration streamDeadline;
  private final Duration shutdownTimeout;
  private final AtomicBoolean closed = new AtomicBoolean();

  GatewayClient(Channel channel, @Nullable ManagedChannel owned, Duration unaryDeadline,
      Duration streamDeadline, Duration shutdownTimeout) {
    this.channel = channel;
    this.owned = owned;
    this.unaryDeadline = unaryDeadline;
    this.streamDeadline = streamDeadline;
    this.shutdownTimeout = shutdownTimeout;
  }

  /** Returns a builder; give it a target (or a channel) and usually an API key. */
  public static GatewayClientBuilder builder() {
    return new GatewayClientBuilder();
  }

  /**
   * Returns the service config the client applies by default (the {@code service-config.json}
   * resource of this package), for callers who build their own channel and want the same policy.
   */
  public static Map<String, ?> defaultServiceConfig() {
    return ServiceConfigs.loadDefault();
  }

  /** Returns the model's whole answer, waiting for it up to the default unary deadline. */
  public CompleteResponse complete(CompleteRequest request) {
    return complete(request, unaryDeadline);
  }

  /** Returns the model's whole answer, waiting for it up to {@code deadline}. */
  public CompleteResponse complete(CompleteRequest request, Duration deadline) {
    return unary(GatewayServiceGrpc.getCompleteMethod(), request, deadline);
  }

  /**
   * Starts a completion and returns its future, with the default unary deadline. Cancelling the
   * returned future cancels the call; a failure completes it with a {@link GatewayClientException}.
   */
  public CompletableFuture<CompleteResponse> completeAsync(CompleteRequest request) {
    return completeAsync(request, unaryDeadline);
  }

  /** Starts a completion with {@code deadline} and returns its future; see {@link #completeAsync(CompleteRequest)}. */
  public CompletableFuture<CompleteResponse> completeAsync(CompleteRequest request, Duration deadline) {
    ensureOpen();
    ClientCall<CompleteRequest, CompleteResponse> call =
        channel.newCall(GatewayServiceGrpc.getCompleteMethod(), options(deadline));
    CallFuture<CompleteResponse> future = new CallFuture<>(call);
    try {
      ClientCalls.asyncUnaryCall(call, requireNonNull(request, "request"), future.observer());
    } catch (RuntimeException e) {
      future.completeExceptionally(GatewayClientException.from(e));
    }
    return future;
  }

  /**
   * Starts a streamed completion, with the default stream deadline, and returns its chunks as a
   * blocking iterator. Close it (try-with-resources) to release the call; closing early cancels it.
   */
  public CompletionStream completeStream(CompleteRequest request) {
    return completeStream(request, streamDeadline);
  }

  /** Starts a streamed completion with {@code deadline}; see {@link #completeStream(CompleteRequest)}. */
  public CompletionStream completeStream(CompleteRequest request, Duration deadline) {
    ensureOpen();
    CallOptions options = options(deadline);
    requireNonNull(request, "request");
    // The call belongs to this context, so cancelling it (CompletionStream.close) cancels the call
    // from any thread, even while another is blocked waiting for the next chunk.
    Context.CancellableContext context = Context.current().withCancellation();
    Context previous = context.attach();
    try {
      Iterator<CompleteStreamResponse> chunks = ClientCalls.blockingServerStreamingCall(
          channel, GatewayServiceGrpc.getCompleteStreamMethod(), options, request);
      return new CompletionStream(context, chunks);
    } catch (StatusRuntimeException e) {
      context.cancel(e);
      throw GatewayClientException.from(e);
    } finally {
      context.detach(previous);
    }
  }

  /**
   * Starts a streamed completion, with the default stream deadline, that reports to
   * {@code listener}, and returns at once.
   */
  public CallHandle completeStream(CompleteRequest request, CompletionListener listener) {
    return completeStream(request, streamDeadline, listener);
  }

  /** Starts a streamed completion with {@code deadline} that reports to {@code listener}. */
  public CallHandle completeStream(CompleteRequest request, Duration deadline, CompletionListener listener) {
    ensureOpen();
    requireNonNull(request, "request");
    requireNonNull(listener, "listener");
    ClientCall<CompleteRequest, CompleteStreamResponse> call =
        channel.newCall(GatewayServiceGrpc.getCompleteStreamMethod(), options(deadline));
    StreamObserver<CompleteStreamResponse> observer = new StreamObserver<>() {
      @Override
      public void onNext(CompleteStreamResponse chunk) {
        listener.onChunk(chunk);
      }

      @Override
      public void onError(Throwable t) {
        listener.onError(GatewayClientException.from(t));
      }

      @Override
      public void onCompleted() {
        listener.onComplete();
      }
    };
    try {
      ClientCalls.asyncServerStreamingCall(call, request, observer);
    } catch (RuntimeException e) {
      throw GatewayClientException.from(e);
    }
    return () -> call.cancel("the caller cancelled the stream", null);
  }

  /** Returns one embedding per input, waiting up to the default unary deadline. */
  public EmbedResponse embed(EmbedRequest request) {
    return embed(request, unaryDeadline);
  }

  /** Returns one embedding per input, waiting up to {@code deadline}. */
  public EmbedResponse embed(EmbedRequest request, Duration deadline) {
    return unary(GatewayServiceGrpc.getEmbedMethod(), request, deadline);
  }

  /** Returns the whole model catalogue. */
  public ListModelsResponse listModels() {
    return listModels(ListModelsRequest.getDefaultInstance());
  }

  /** Returns the models matching {@code request}'s filters, waiting up to the default unary deadline. */
  public ListModelsResponse listModels(ListModelsRequest request) {
    return listModels(request, unaryDeadline);
  }

  /** Returns the models matching {@code request}'s filters, waiting up to {@code deadline}. */
  public ListModelsResponse listModels(ListModelsRequest request, Duration deadline) {
    return unary(GatewayServiceGrpc.getListModelsMethod(), request, deadline);
  }

  /**
   * Shuts the client down: no new calls; calls in flight get up to the shutdown timeout (default
   * 5 s) to finish, then are cancelled. A caller-owned channel is left open. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true) || owned == null) {
      return;
    }
    owned.shutdown();
    try {
      if (!owned.awaitTermination(shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
        owned.shutdownNow();
        owned.awaitTermination(SHUTDOWN_NOW_WAIT.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      owned.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private <Q, R> R unary(MethodDescriptor<Q, R> method, Q request, Duration deadline) {
    ensureOpen();
    CallOptions options = options(deadline);
    try {
      return ClientCalls.blockingUnaryCall(channel, method, options, requireNonNull(request, "request"));
    } catch (StatusRuntimeException e) {
      throw GatewayClientException.from(e);
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the client is closed");
    }
  }

  private static CallOptions options(Duration deadline) {
    requirePositive(deadline, "deadline");
    Duration bounded = deadline.compareTo(LONGEST_DEADLINE) > 0 ? LONGEST_DEADLINE : deadline;
    return CallOptions.DEFAULT.withDeadlineAfter(bounded.toNanos(), TimeUnit.NANOSECONDS);
  }

  static Duration requirePositive(Duration value, String name) {
    requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }
}
