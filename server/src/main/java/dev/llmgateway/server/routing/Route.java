package dev.llmgateway.server.routing;

import dev.llmgateway.server.config.ModelDefaults;
import dev.llmgateway.server.config.ModelPrice;
import dev.llmgateway.server.config.RoutePolicy;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.resilience.Deployment;
import java.util.List;
import dev.llmgateway.v1.Capability;
import java.util.Optional;
import java.util.Set;

/**
 * Where one call goes.
 *
 * @param modelId the catalogue id, or the {@code provider/upstream-model} the caller named
 * @param provider the configured provider name
 * @param adapter the provider's adapter
 * @param upstreamModel the name sent upstream
 * @param defaults the entry's request defaults ({@link ModelDefaults#NONE} for unlisted models)
 * @param capabilities what the model can do, or empty when unknown (an unlisted model: not checked)
 * @param maxOutputTokens the model's output limit, 0 when unknown
 * @param tokenizer the model's tokenizer encoding, when known
 * @param price the model's price, when configured
 * @param deployments where the model is served (enabled providers only), at least one; the fields
 *     {@code provider}, {@code adapter} and {@code upstreamModel} describe the first, or the one an
 *     attempt uses (see {@link #on})
 * @param policy fallbacks, balancing, fallback classes and hedging for the model
 */
public record Route(
    String modelId,
    String provider,
    ProviderAdapter adapter,
    String upstreamModel,
    ModelDefaults defaults,
    Set<Capability> capabilities,
    int maxOutputTokens,
    Optional<String> tokenizer,
    Optional<ModelPrice> price,
    List<Deployment> deployments,
    RoutePolicy policy) {

  /** Returns this route as served by {@code deployment}: its provider, adapter and upstream model. */
  public Route on(Deployment deployment) {
    return new Route(modelId, deployment.provider(), deployment.adapter(), deployment.upstreamModel(), defaults,
        capabilities, maxOutputTokens, tokenizer, price, deployments, policy);
  }

  /** Returns whether the model is known to lack {@code capability}; unknown capabilities pass. */
  public boolean lacks(Capability capability) {
    return !capabilities.isEmpty() && !capabilities.contains(capability);
  }
}
