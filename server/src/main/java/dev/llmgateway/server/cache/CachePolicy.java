package dev.llmgateway.server.cache;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.accounting.Accounting;
import dev.llmgateway.server.config.CacheConfig;
import dev.llmgateway.server.edge.Principal;
import dev.llmgateway.server.edge.RequestContext;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Decides what the cache does for one call, from the model's settings, the caller's {@code x-cache-control}
 * directives and the call's sampling temperature. Thread-safe.
 */
@Singleton
final class CachePolicy {
  // Providers sample at about 1.0 when the request leaves temperature unset.
  private static final double PROVIDER_DEFAULT_TEMPERATURE = 1.0;

  private final CacheConfig config;

  @Inject
  CachePolicy(CacheConfig config) {
    this.config = config;
  }

  /**
   * Returns the decision for a call to {@code modelId}.
   *
   * @param temperature the prepared request's temperature, or empty when sampling does not apply (Embed);
   *     an unset temperature of a completion counts as the providers' default, 1.0
   * @throws dev.llmgateway.server.errors.GatewayException INVALID_REQUEST for a malformed {@code x-cache-control}
   */
  CacheDecision decide(String modelId, OptionalDouble temperature) {
    CacheControl control = CacheControl.current();
    String tenant = tenant();
    if (!config.model(modelId).enabled()) {
      return new CacheDecision(CacheDecision.Verdict.OFF, tenant, Duration.ZERO);
    }
    Duration ttl = config.ttl(modelId);
    if (control.ttl().isPresent() && control.ttl().get().compareTo(ttl) < 0) {
      ttl = control.ttl().get();
    }
    if (control.noCache()) {
      return new CacheDecision(CacheDecision.Verdict.BYPASS, tenant, ttl);
    }
    // Hot sampling gives a different answer each time; caching one would freeze it, unless asked for.
    if (temperature.isPresent() && temperature.getAsDouble() > config.maxTemperature() && !control.force()) {
      return new CacheDecision(CacheDecision.Verdict.BYPASS, tenant, ttl);
    }
    return new CacheDecision(control.refresh() ? CacheDecision.Verdict.REFRESH : CacheDecision.Verdict.LOOKUP,
        tenant, ttl);
  }

  /** Returns the temperature a completion samples at, for {@link #decide}. */
  static OptionalDouble temperatureOf(boolean set, double value) {
    return OptionalDouble.of(set ? value : PROVIDER_DEFAULT_TEMPERATURE);
  }

  private String tenant() {
    Principal principal = RequestContext.principal();
    String keyId = principal == null ? Accounting.ANONYMOUS : principal.keyId();
    String group = config.tenantGroups().get(keyId);
    // Groups and keys live in separate namespaces, so a key id can never read a group's entries by name.
    return group != null ? "group:" + group : "key:" + keyId;
  }

  /** Returns whether a hit also counts its original tokens against token quotas. */
  boolean chargeTokensOnHit() {
    return config.chargeTokensOnHit();
  }
}
