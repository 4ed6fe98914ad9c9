package dev.llmgateway.server.routing;

import dev.llmgateway.server.config.ModelConfig;
import dev.llmgateway.server.config.ModelPrice;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.DeploymentType;
import dev.llmgateway.v1.Model;
import dev.llmgateway.v1.Modality;
import dev.llmgateway.v1.Price;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * One catalogue model: its settings and whether it came from discovery rather than configuration.
 *
 * @param model the settings (for a discovered model, what the provider reported)
 * @param discovered true when the provider reported it and no configured entry names it
 */
public record CatalogEntry(ModelConfig model, boolean discovered) {

  static CatalogEntry configured(ModelConfig model) {
    return new CatalogEntry(model, false);
  }

  static CatalogEntry discovered(String provider, DiscoveredModel found) {
    return new CatalogEntry(ModelCatalog.asConfig(provider, found), true);
  }

  /** Returns this configured entry with the fields the configuration left unknown taken from discovery. */
  CatalogEntry filledFrom(DiscoveredModel found) {
    ModelConfig m = model;
    return new CatalogEntry(new ModelConfig(m.id(), m.provider(), m.upstreamModel(), m.aliases(), m.capabilities(),
        m.contextWindow() > 0 ? m.contextWindow() : found.contextWindow(),
        m.maxOutputTokens() > 0 ? m.maxOutputTokens() : found.maxOutputTokens(),
        m.description(), m.defaults(), m.vendor().isEmpty() ? found.vendor() : m.vendor(),
        m.inputModalities().isEmpty() ? found.inputModalities() : m.inputModalities(),
        m.outputModalities().isEmpty() ? found.outputModalities() : m.outputModalities(),
        m.price(), m.deploymentType() == DeploymentType.DEPLOYMENT_TYPE_UNSPECIFIED ? found.deploymentType()
            : m.deploymentType(), m.tokenizer()), false);
  }

  Model toProto() {
    ModelConfig m = model;
    Model.Builder b = Model.newBuilder()
        .setId(m.id())
        .addAllAliases(m.aliases())
        .setProvider(m.provider())
        .setUpstreamModel(m.upstreamModel())
        .addAllCapabilities(sorted(m.capabilities(), Capability::getNumber))
        .setContextWindow(m.contextWindow())
        .setMaxOutputTokens(m.maxOutputTokens())
        .setDescription(m.description())
        .setVendor(m.vendor())
        .addAllInputModalities(sorted(m.inputModalities(), Modality::getNumber))
        .addAllOutputModalities(sorted(m.outputModalities(), Modality::getNumber))
        .setDeploymentType(m.deploymentType())
        .setDiscovered(discovered);
    m.price().ifPresent(p -> b.setPrice(toProto(p)));
    return b.build();
  }

  private static Price toProto(ModelPrice p) {
    return Price.newBuilder().setInputUsdPerMillion(p.inputPerMillion()).setOutputUsdPerMillion(p.outputPerMillion())
        .setCachedInputUsdPerMillion(p.cachedInputPerMillion()).build();
  }

  private static <T> List<T> sorted(Collection<T> values, java.util.function.ToIntFunction<T> order) {
    List<T> out = new ArrayList<>(values);
    out.sort(Comparator.comparingInt(order));
    return out;
  }
}
