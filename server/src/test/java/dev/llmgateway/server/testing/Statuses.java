package dev.llmgateway.server.testing;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.Optional;

/** Reads the {@code google.rpc} details out of a failed call's status. */
public final class Statuses {
  private Statuses() {}

  public static ErrorInfo errorInfo(Throwable t) {
    return detail(t, ErrorInfo.class).orElseThrow(() -> new AssertionError("no ErrorInfo in " + t));
  }

  public static Optional<RetryInfo> retryInfo(Throwable t) {
    return detail(t, RetryInfo.class);
  }

  /** Returns the field paths of the BadRequest violations, in order. */
  public static List<String> violatedFields(Throwable t) {
    return detail(t, BadRequest.class).orElseThrow(() -> new AssertionError("no BadRequest in " + t))
        .getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField).toList();
  }

  public static <M extends Message> Optional<M> detail(Throwable t, Class<M> type) {
    if (!(t instanceof StatusRuntimeException sre)) {
      throw new AssertionError("not a status exception: " + t, t);
    }
    com.google.rpc.Status status = StatusProto.fromThrowable(sre);
    if (status == null) {
      return Optional.empty();
    }
    for (Any any : status.getDetailsList()) {
      if (any.is(type)) {
        try {
          return Optional.of(any.unpack(type));
        } catch (InvalidProtocolBufferException e) {
          throw new AssertionError(e);
        }
      }
    }
    return Optional.empty();
  }
}
