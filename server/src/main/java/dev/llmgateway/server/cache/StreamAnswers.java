package dev.llmgateway.server.cache;

import dev.llmgateway.server.accounting.CallUsage;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.server.telemetry.GenAiAttributes;
import dev.llmgateway.v1.CacheResult;
import dev.llmgateway.v1.CompleteStreamResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.annotation.Nullable;

/**
 * Streamed answers of CompleteStream: stored as the chunks of a live stream that ended normally, replayed as
 * the same chunks, in order, through the caller's sink (which honours flow control) on a replay thread; the
 * last chunk (the one with usage) carries the cache mark.
 */
final class StreamAnswers implements Answers<StreamSink> {
  private final CacheMarks marks;
  private final CacheWriter writer;
  private final int maxEntryBytes;
  private final Executor replays;

  StreamAnswers(CacheMarks marks, CacheWriter writer, int maxEntryBytes, Executor replays) {
    this.marks = marks;
    this.writer = writer;
    this.maxEntryBytes = maxEntryBytes;
    this.replays = replays;
  }

  @Override
  public String kind() {
    return CacheKeys.STREAM;
  }

  @Override
  public StreamSink live(CacheScope scope, StreamSink sink, CacheResult result, @Nullable String key, Duration ttl) {
    return new Recording(scope, sink, result, key, ttl);
  }

  @Override
  public Runnable replay(CacheScope scope, byte[] stored, StreamSink sink, PendingCall call) throws IOException {
    List<CompleteStreamResponse> chunks = StoredAnswer.chunks(stored);
    CompleteStreamResponse last = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
    if (last == null || !last.hasUsage()) {
      throw new IOException("stored stream has no final chunk");
    }
    long storedAt = StoredAnswer.storedAt(stored);
    return () -> {
      marks.settleHit(scope, CallUsage.reported(last.getUsage()), GenAiAttributes.finishReason(last.getFinishReason()));
      Runnable replay = () -> {
        for (int i = 0; i < chunks.size() - 1 && !call.isCancelled(); i++) {
          sink.onChunk(chunks.get(i));
        }
        if (!call.isCancelled()) {
          sink.onChunk(last.toBuilder().setCache(marks.hit(CacheResult.CACHE_RESULT_HIT, storedAt, 0)).build());
          sink.onComplete();
        }
      };
      Executor inCall = CallContexts.capture(sink::onError);
      try {
        // The sink may wait for the caller to read (flow control): never on the gRPC thread that looked up.
        replays.execute(() -> inCall.execute(replay));
      } catch (RejectedExecutionException e) {
        // Only while the server shuts down.
        sink.onError(GatewayException.builder(ErrorKind.STORE_UNAVAILABLE, "the gateway is shutting down")
            .cause(e).build());
      }
    };
  }

  @Override
  public void fail(StreamSink sink, GatewayException error) {
    sink.onError(error);
  }

  /** Forwards a live stream, marks its last chunk, and keeps its chunks to store if it ends normally. */
  private final class Recording implements StreamSink {
    private final CacheScope scope;
    private final StreamSink sink;
    private final CacheResult result;
    @Nullable private final String key;
    private final Duration ttl;
    // One writer at a time (the sink contract), but not always the same thread: volatile for visibility.
    // Null once storing is off.
    @Nullable private volatile List<CompleteStreamResponse> chunks;
    private volatile long bytes;
    private volatile boolean finished;

    Recording(CacheScope scope, StreamSink sink, CacheResult result, @Nullable String key, Duration ttl) {
      this.scope = scope;
      this.sink = sink;
      this.result = result;
      this.key = key;
      this.ttl = ttl;
      this.chunks = key == null ? null : new ArrayList<>();
    }

    @Override
    public void onChunk(CompleteStreamResponse chunk) {
      List<CompleteStreamResponse> kept = chunks;
      if (kept != null && kept.isEmpty() && !scope.servedByRoute()) {
        chunks = null;
      } else if (kept != null) {
        long size = bytes + chunk.getSerializedSize() + 5;
        bytes = size;
        if (size > maxEntryBytes) {
          // Too big to store: stop keeping chunks rather than hold them for nothing.
          chunks = null;
        } else {
          kept.add(chunk);
        }
      }
      if (chunk.hasUsage()) {
        finished = true;
        sink.onChunk(chunk.toBuilder().setCache(CacheMarks.info(result)).build());
      } else {
        sink.onChunk(chunk);
      }
    }

    @Override
    public void onComplete() {
      List<CompleteStreamResponse> kept = chunks;
      if (kept != null && finished && key != null) {
        long now = marks.now();
        writer.write(key, () -> StoredAnswer.ofChunks(now, kept), ttl);
      }
      sink.onComplete();
    }

    @Override
    public void onError(GatewayException error) {
      chunks = null;
      sink.onError(error);
    }
  }
}
