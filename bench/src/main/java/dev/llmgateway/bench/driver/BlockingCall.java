package dev.llmgateway.bench.driver;

/** Makes one call on the calling thread and checks its whole response. */
@FunctionalInterface
public interface BlockingCall {
  /**
   * Makes one call, noting each streamed text chunk in {@code timer}, and returns once the response
   * has been read and checked.
   *
   * @throws CallFailure if the call failed or its response is not the expected one
   */
  void call(ChunkTimer timer) throws CallFailure;
}
