package dev.llmgateway.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.ErrorClass;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing and validation of deployments, fallbacks, balancing, hedging, resilience and budgets. */
class DispatchConfigTest {
  private static final String PROVIDERS = """
      providers {
        openai { type = openai, base-url = "http://127.0.0.1:1/v1", resilience { rate-limit { requests-per-minute = 60 } } }
        azure { type = openai, base-url = "http://127.0.0.1:2/v1" }
      }
      """;

  @Test
  void aModelWithDeploymentsFallbacksAndHedgeParses() {
    GatewayConfig config = TestGateway.load(PROVIDERS + """
        server { default-deadline = 30s, max-deadline = 2m }
        models {
          gpt { capabilities = [chat], load-balancing = least-in-flight, fallbacks = [small],
                fallback-on = [unavailable, timeout], hedge { delay = p95, min-delay = 80ms },
                deployments = [
                  { provider = openai, upstream-model = gpt-4o, weight = 3 },
                  { provider = azure, upstream-model = gpt-4o-prod, name = east,
                    resilience { retry { max-attempts = 4 } } }
                ] }
          small { provider = openai, upstream-model = gpt-4o-mini, capabilities = [chat] }
        }
        """, Map.of());

    DispatchConfig dispatch = config.dispatch();
    assertThat(dispatch.defaultDeadline()).isEqualTo(Duration.ofSeconds(30));
    assertThat(dispatch.maxDeadline()).isEqualTo(Duration.ofMinutes(2));
    RoutePolicy gpt = dispatch.routes().get("gpt");
    assertThat(gpt.deployments()).extracting(DeploymentConfig::name).containsExactly("gpt#0", "east");
    assertThat(gpt.deployments().get(0).weight()).isEqualTo(3);
    assertThat(gpt.deployments().get(0).resilience().requestsPerMinute()).isEqualTo(60);
    assertThat(gpt.deployments().get(1).resilience().retry().maxAttempts()).isEqualTo(4);
    assertThat(gpt.deployments().get(1).resilience().requestsPerMinute()).isZero();
    assertThat(gpt.loadBalancing()).isEqualTo(RoutePolicy.LoadBalancing.LEAST_IN_FLIGHT);
    assertThat(gpt.fallbacks()).containsExactly("small");
    assertThat(gpt.fallbackOn()).containsExactlyInAnyOrder(ErrorClass.ERROR_CLASS_UNAVAILABLE,
        ErrorClass.ERROR_CLASS_TIMEOUT);
    assertThat(gpt.hedge()).contains(new RoutePolicy.Hedge(Duration.ofMillis(80), true));
    // The catalogue names the first deployment.
    assertThat(config.models().get("gpt").provider()).isEqualTo("openai");
    assertThat(config.models().get("gpt").upstreamModel()).isEqualTo("gpt-4o");
    assertThat(dispatch.routes().get("small").deployments()).extracting(DeploymentConfig::name).containsExactly("small#0");
  }

  @Test
  void rejectsAFallbackThatIsNotAModel() {
    assertThatThrownBy(() -> TestGateway.load(PROVIDERS + """
        models { m { provider = openai, capabilities = [chat], fallbacks = [nope] } }
        """, Map.of())).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("models.\"m\".fallbacks").hasMessageContaining("'nope'").hasMessageContaining(".conf: ");
  }

  @Test
  void rejectsFallingBackOnAnInvalidRequest() {
    assertThatThrownBy(() -> TestGateway.load(PROVIDERS + """
        models { m { provider = openai, capabilities = [chat], fallback-on = [invalid-request] } }
        """, Map.of())).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("models.\"m\".fallback-on").hasMessageContaining("'invalid-request'");
  }

  @Test
  void rejectsUnknownResilienceKeysAndBadValues() {
    assertThatThrownBy(() -> TestGateway.load(PROVIDERS.replace("rate-limit {", "rate-limt {"), Map.of()))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("providers.openai.resilience.rate-limt")
        .hasMessageContaining("unknown key");
    assertThatThrownBy(() -> TestGateway.load(PROVIDERS + """
        models { m { capabilities = [chat], deployments = [{ provider = openai, weight = 0 }] } }
        """, Map.of())).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("models.\"m\".deployments[0].weight").hasMessageContaining("expected: > 0");
    assertThatThrownBy(() -> TestGateway.load(PROVIDERS + """
        models { m { capabilities = [chat], deployments = [{ provider = gone }] } }
        """, Map.of())).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("'gone' is not a configured provider");
    assertThatThrownBy(() -> TestGateway.load("server { default-deadline = 20m }\n" + PROVIDERS, Map.of()))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("server.default-deadline");
  }
}
