package dev.llmgateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.QuotaFailure;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Decoding of google.rpc status details, including ones the gateway does not send yet (QuotaFailure). */
class GatewayClientExceptionTest {

  @Test
  void decodesEveryDetailKind() {
    com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
        .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
        .setMessage("monthly token quota used up")
        .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("QUOTA_EXCEEDED").setDomain("llmgateway.dev")
            .putMetadata("request_id", "req-1").putMetadata("model", "demo-chat").build()))
        .addDetails(Any.pack(RetryInfo.newBuilder()
            .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(3).setNanos(500_000_000)).build()))
        .addDetails(Any.pack(QuotaFailure.newBuilder().addViolations(QuotaFailure.Violation.newBuilder()
            .setSubject("key:team-a").setDescription("tokens per month")).build()))
        .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
            .setField("messages[0].content").setDescription("is required")).build()))
        .build();

    GatewayClientException e = GatewayClientException.from(StatusProto.toStatusRuntimeException(status));

    assertThat(e.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(e.description()).isEqualTo("monthly token quota used up");
    assertThat(e).hasMessage("RESOURCE_EXHAUSTED: monthly token quota used up");
    assertThat(e.reason()).isEqualTo("QUOTA_EXCEEDED");
    assertThat(e.domain()).isEqualTo(GatewayClientException.DOMAIN);
    assertThat(e.metadata()).containsEntry("model", "demo-chat");
    assertThat(e.requestId()).contains("req-1");
    assertThat(e.retryDelay()).contains(Duration.ofMillis(3500));
    assertThat(e.quotaViolations())
        .containsExactly(new GatewayClientException.QuotaViolation("key:team-a", "tokens per month"));
    assertThat(e.fieldViolations())
        .containsExactly(new GatewayClientException.FieldViolation("messages[0].content", "is required"));
    assertThat(e.statusProto()).isEqualTo(status);
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void statusWithoutDetailsHasCodeAndDescriptionOnly() {
    GatewayClientException e = GatewayClientException.from(
        Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded after 0.5s").asRuntimeException());

    assertThat(e.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(e.reason()).isEmpty();
    assertThat(e.domain()).isEmpty();
    assertThat(e.metadata()).isEmpty();
    assertThat(e.requestId()).isEmpty();
    assertThat(e.retryDelay()).isEmpty();
    assertThat(e.fieldViolations()).isEmpty();
    assertThat(e.quotaViolations()).isEmpty();
    assertThat(e.errorInfo()).isEmpty();
  }

  @Test
  void damagedDetailsKeepTheStatusAndRecordTheParseError() {
    Metadata trailers = new Metadata();
    trailers.put(Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[] {(byte) 0xff, 1});
    StatusRuntimeException raw = Status.UNAVAILABLE.withDescription("provider down").asRuntimeException(trailers);

    GatewayClientException e = GatewayClientException.from(raw);

    assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(e.description()).isEqualTo("provider down");
    assertThat(e.getSuppressed()).hasSize(1);
  }

  @Test
  void damagedDetailInsideAValidStatusIsSkipped() {
    com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
        .setCode(Code.NOT_FOUND_VALUE).setMessage("unknown model")
        .addDetails(Any.newBuilder().setTypeUrl("type.googleapis.com/google.rpc.RetryInfo")
            .setValue(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff})))
        .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("MODEL_NOT_FOUND").setDomain("llmgateway.dev").build()))
        .build();

    GatewayClientException e = GatewayClientException.from(StatusProto.toStatusRuntimeException(status));

    assertThat(e.reason()).isEqualTo("MODEL_NOT_FOUND");
    assertThat(e.retryDelay()).isEmpty();
    assertThat(e.getSuppressed()).hasSize(1);
  }

  @Test
  void anythingElseIsUnknownWithItsCause() {
    IllegalStateException cause = new IllegalStateException("boom");

    GatewayClientException e = GatewayClientException.from(cause);

    assertThat(e.code()).isEqualTo(Status.Code.UNKNOWN);
    assertThat(e).hasCause(cause);
    assertThat(GatewayClientException.from(e)).isSameAs(e);
  }
}
