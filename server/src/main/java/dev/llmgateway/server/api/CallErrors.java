package dev.llmgateway.server.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.errors.StatusMapper;
import io.grpc.stub.StreamObserver;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The boundary where a classified failure leaves the gateway: logged once with the request id (at a
 * level that matches whose fault it is), then sent to the caller as a status with details.
 */
@Singleton
final class CallErrors {
  private static final Logger logger = Logger.getLogger(CallErrors.class.getName());

  private final StatusMapper statusMapper;

  @Inject
  CallErrors(StatusMapper statusMapper) {
    this.statusMapper = statusMapper;
  }

  void fail(StreamObserver<?> observer, GatewayException error, String requestId) {
    log(error, requestId);
    observer.onError(statusMapper.toStatusException(error, requestId));
  }

  private static void log(GatewayException e, String requestId) {
    Level level = switch (e.kind()) {
      case INTERNAL, PROVIDER_MISCONFIGURED, PROVIDER_PROTOCOL_ERROR -> Level.WARNING;
      case PROVIDER_UNAVAILABLE, PROVIDER_RATE_LIMITED, PROVIDER_TIMEOUT -> Level.INFO;
      default -> Level.FINE;
    };
    if (logger.isLoggable(level)) {
      String where = (e.provider() != null ? " provider=" + e.provider() : "")
          + (e.model() != null ? " model=" + e.model() : "")
          + (e.upstreamStatus() != 0 ? " upstream_status=" + e.upstreamStatus() : "");
      logger.log(level, "request " + requestId + " failed: " + e.kind() + where + ": " + e.getMessage(),
          e.kind() == ErrorKind.CANCELLED ? null : e.getCause());
    }
  }
}
