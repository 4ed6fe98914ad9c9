package dev.llmgateway.server.routing;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.TestGateway;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A gateway in front of two fault-injecting OpenAI-compatible upstreams, providers {@code a} and {@code b}. */
abstract class TwoUpstreams {
  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  @StartStop final MockWebServer a = new MockWebServer();
  @StartStop final MockWebServer b = new MockWebServer();
  TestGateway gateway;

  /** Starts the gateway with {@code hocon} (settings and models) beside the two providers. */
  void startGateway(String hocon) {
    startGateway(hocon, Modules.EMPTY_MODULE);
  }

  /** Starts the gateway as {@link #startGateway(String)} does, with {@code overrides} over the production modules. */
  void startGateway(String hocon, Module overrides) {
    gateway = cleanup.register(TestGateway.start("providers {\n" + Upstreams.providerConfig("a", a)
        + Upstreams.providerConfig("b", b) + "}\n" + hocon, Map.of(), overrides));
  }
}
