package dev.llmgateway.server.cache;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Carries the call's gRPC context (deadline, request id, principal) and its trace context to work that
 * continues on another thread once a cache lookup completes.
 */
final class CallContexts {
  private CallContexts() {}

  /**
   * Returns an executor that runs tasks at once, on the calling thread, inside the current call's contexts. A
   * task that throws ends the call through {@code onFailure} as INTERNAL: work continuing from a future would
   * otherwise lose the exception and leave the call hanging until its deadline.
   */
  static Executor capture(Consumer<GatewayException> onFailure) {
    io.grpc.Context grpc = io.grpc.Context.current();
    io.opentelemetry.context.Context trace = io.opentelemetry.context.Context.current();
    return task -> trace.wrap(grpc.wrap(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        onFailure.accept(GatewayException.builder(ErrorKind.INTERNAL, "internal error").cause(e).build());
      }
    })).run();
  }
}
