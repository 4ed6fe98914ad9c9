package dev.llmgateway.server.testing;

import io.grpc.ManagedChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes what a test registered, last first, after each test: channels are shut down and must
 * terminate within 5 seconds, or the test fails (a leak or a hung call is a bug, not noise).
 */
public final class GrpcCleanupExtension implements AfterEachCallback {
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  /** Registers a channel to shut down after the test. */
  public ManagedChannel register(ManagedChannel channel) {
    resources.push(() -> {
      channel.shutdownNow();
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        throw new AssertionError("channel did not terminate within 5s");
      }
    });
    return channel;
  }

  /** Registers anything closeable (a running gateway, a server) to close after the test. */
  public <T extends AutoCloseable> T register(T resource) {
    resources.push(resource);
    return resource;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    Exception first = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
