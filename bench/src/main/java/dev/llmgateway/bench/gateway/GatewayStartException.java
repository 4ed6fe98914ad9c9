package dev.llmgateway.bench.gateway;

/** Signals that the gateway process did not reach SERVING: it exited, or ran out of time. */
public final class GatewayStartException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that includes the end of the gateway's log. */
  public GatewayStartException(String message) {
    super(message);
  }
}
