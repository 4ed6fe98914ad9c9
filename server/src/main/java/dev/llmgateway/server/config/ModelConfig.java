package dev.llmgateway.server.config;

import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.DeploymentType;
import dev.llmgateway.v1.Modality;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One catalogue entry.
 *
 * @param id the id callers use
 * @param provider the name of the provider that serves it
 * @param upstreamModel the name the provider knows it by
 * @param aliases other ids that resolve to this entry
 * @param capabilities what it can do
 * @param contextWindow prompt plus output tokens; 0 when unknown
 * @param maxOutputTokens the most tokens one answer may have; 0 when unknown
 * @param description free text shown by ListModels
 * @param defaults request parameters applied when the caller leaves them unset
 * @param vendor who made the model, e.g. {@code anthropic}; empty when not configured
 * @param inputModalities what it takes (derived from the capabilities when not configured)
 * @param outputModalities what it produces (likewise)
 * @param price its price, when configured
 * @param deploymentType on-demand or provisioned
 * @param tokenizer the tokenizer encoding for CountTokens (e.g. {@code o200k_base}), when known
 */
public record ModelConfig(
    String id,
    String provider,
    String upstreamModel,
    List<String> aliases,
    Set<Capability> capabilities,
    int contextWindow,
    int maxOutputTokens,
    String description,
    ModelDefaults defaults,
    String vendor,
    Set<Modality> inputModalities,
    Set<Modality> outputModalities,
    Optional<ModelPrice> price,
    DeploymentType deploymentType,
    Optional<String> tokenizer) {
  public ModelConfig {
    aliases = List.copyOf(aliases);
    capabilities = Set.copyOf(capabilities);
    inputModalities = Set.copyOf(inputModalities);
    outputModalities = Set.copyOf(outputModalities);
  }

  /** Returns this entry with {@code names} as its aliases. */
  public ModelConfig withAliases(List<String> names) {
    return new ModelConfig(id, provider, upstreamModel, names, capabilities, contextWindow, maxOutputTokens, description,
        defaults, vendor, inputModalities, outputModalities, price, deploymentType, tokenizer);
  }
}
