package dev.llmgateway.bench.mock;

import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the mock upstream on its own, for trying the gateway by hand against it:
 * {@code MockMain [port] [io-threads]}. It listens on 127.0.0.1 until the process is stopped.
 */
public final class MockMain {
  private MockMain() {}

  /** Starts the mock and blocks until the JVM shuts down. */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    MockUpstream mock = MockUpstream.start(InetAddress.getLoopbackAddress(), port, threads);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      mock.close();
      stopped.countDown();
    }, "mock-shutdown"));
    System.out.println("mock upstream listening: " + mock.openAiBaseUrl() + " and " + mock.anthropicBaseUrl());
    stopped.await();
  }
}
