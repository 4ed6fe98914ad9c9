package dev.llmgateway.server.cache;

import java.util.concurrent.Executor;

/**
 * Carries the call's gRPC context (deadline, request id, principal) and its trace context to work that
 * continues on another thread once a cache lookup completes.
 */
final class CallContexts {
  private CallContexts() {}

  /** Returns an executor that runs tasks at once, on the calling thread, inside the current call's contexts. */
  static Executor capture() {
    io.grpc.Context grpc = io.grpc.Context.current();
    io.opentelemetry.context.Context trace = io.opentelemetry.context.Context.current();
    return task -> trace.wrap(grpc.wrap(task)).run();
  }
}
