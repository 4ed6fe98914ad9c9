package dev.llmgateway.server.lifecycle;

/**
 * A background service the server starts once it listens and closes once it has drained. Implementations
 * must not assume an order among themselves and must tolerate close without start.
 */
public interface Managed extends AutoCloseable {
  /** Starts the service; must return promptly (long work goes on the service's own threads). */
  void start();

  /** Stops the service and releases its threads; idempotent, never throws. */
  @Override
  void close();
}
