package dev.llmgateway.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.config.ModelDefaults;
import dev.llmgateway.server.routing.Route;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which served answers may be stored under a call's keys. */
class CacheScopeTest {
  @Test
  void onlyAnswersFromTheRoutesOwnProviderAreStored() {
    Route route = new Route("m", "primary", null, "up-m", ModelDefaults.NONE, Set.of(), 0, Optional.empty(),
        Optional.empty(), List.of(), null);
    CacheScope scope = new CacheScope("Complete", route, null, null);

    assertThat(scope.servedByRoute("primary")).isTrue();
    assertThat(scope.servedByRoute("")).as("adapters that do not name themselves").isTrue();
    assertThat(scope.servedByRoute("fallback")).isFalse();
  }
}
