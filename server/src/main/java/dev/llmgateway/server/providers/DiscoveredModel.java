package dev.llmgateway.server.providers;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.DeploymentType;
import dev.llmgateway.v1.Modality;
import java.util.Set;

/**
 * A model a provider reports when asked, with whatever it says about it. Unknown numbers are 0 and
 * unknown sets are empty; the catalogue then relies on configuration for them.
 *
 * @param id the provider's own model id (what {@code upstreamModel} takes)
 * @param vendor who made the model, lower case (e.g. "anthropic", "meta"); empty when unknown
 * @param capabilities what the provider says it can do
 * @param contextWindow prompt plus output tokens
 * @param maxOutputTokens the most tokens one answer may have
 * @param inputModalities what it takes
 * @param outputModalities what it produces
 * @param deploymentType on-demand or provisioned
 */
public record DiscoveredModel(
    String id,
    String vendor,
    Set<Capability> capabilities,
    int contextWindow,
    int maxOutputTokens,
    Set<Modality> inputModalities,
    Set<Modality> outputModalities,
    DeploymentType deploymentType) {
  public DiscoveredModel {
    requireNonNull(id, "id");
    requireNonNull(vendor, "vendor");
    capabilities = Set.copyOf(capabilities);
    inputModalities = Set.copyOf(inputModalities);
    outputModalities = Set.copyOf(outputModalities);
    requireNonNull(deploymentType, "deploymentType");
  }

  /** Returns a model known only by its id and vendor. */
  public static DiscoveredModel named(String id, String vendor) {
    return new DiscoveredModel(id, vendor, Set.of(), 0, 0, Set.of(), Set.of(),
        DeploymentType.DEPLOYMENT_TYPE_UNSPECIFIED);
  }
}
