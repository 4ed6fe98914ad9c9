package dev.llmgateway.server.config;

import dev.llmgateway.v1.Capability;
import java.util.List;
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
    ModelDefaults defaults) {
  public ModelConfig {
    aliases = List.copyOf(aliases);
    capabilities = Set.copyOf(capabilities);
  }
}
