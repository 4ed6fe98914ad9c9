package dev.llmgateway.server.cache;

import dev.llmgateway.server.accounting.CallUsage;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.telemetry.GenAiAttributes;
import dev.llmgateway.v1.CacheResult;
import dev.llmgateway.v1.CompleteResponse;
import java.io.IOException;
import java.time.Duration;
import javax.annotation.Nullable;

/** Whole answers of Complete: stored as the response message, replayed as it was with a hit mark. */
final class CompleteAnswers implements Answers<ResultSink<CompleteResponse>> {
  private final CacheMarks marks;
  private final CacheWriter writer;

  CompleteAnswers(CacheMarks marks, CacheWriter writer) {
    this.marks = marks;
    this.writer = writer;
  }

  @Override
  public String kind() {
    return CacheKeys.COMPLETE;
  }

  @Override
  public ResultSink<CompleteResponse> live(CacheScope scope, ResultSink<CompleteResponse> sink, CacheResult result,
      @Nullable String key, Duration ttl) {
    return new ResultSink<>() {
      @Override
      public void onSuccess(CompleteResponse response) {
        if (key != null && scope.servedByRoute()) {
          long now = marks.now();
          writer.write(key, () -> StoredAnswer.of(now, response), ttl);
        }
        sink.onSuccess(response.toBuilder().setCache(CacheMarks.info(result)).build());
      }

      @Override
      public void onError(GatewayException error) {
        sink.onError(error);
      }
    };
  }

  @Override
  public Runnable replay(CacheScope scope, byte[] stored, ResultSink<CompleteResponse> sink, PendingCall call)
      throws IOException {
    CompleteResponse response = CompleteResponse.parseFrom(StoredAnswer.body(stored));
    long storedAt = StoredAnswer.storedAt(stored);
    return () -> {
      marks.settleHit(scope, CallUsage.reported(response.getUsage()),
          GenAiAttributes.finishReason(response.getFinishReason()));
      sink.onSuccess(response.toBuilder().setCache(marks.hit(CacheResult.CACHE_RESULT_HIT, storedAt, 0)).build());
    };
  }

  @Override
  public void fail(ResultSink<CompleteResponse> sink, GatewayException error) {
    sink.onError(error);
  }
}
