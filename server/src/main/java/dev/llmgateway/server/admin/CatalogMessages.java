package dev.llmgateway.server.admin;

import dev.llmgateway.server.config.ModelConfig;
import dev.llmgateway.server.config.ModelDefaults;
import dev.llmgateway.server.config.Modalities;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.DeploymentType;
import dev.llmgateway.v1.EntrySource;
import dev.llmgateway.v1.ModelEntry;
import dev.llmgateway.v1.ProviderEntry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Converts providers and catalogue entries between the admin messages and the configuration records, checking
 * what callers set. Run-time providers take the built-in timeouts of {@code provider-defaults}. A credential goes
 * into the configuration record only; messages say whether one is set.
 */
final class CatalogMessages {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");

  private CatalogMessages() {}

  /** Returns the message of a provider. */
  static ProviderEntry toMessage(ProviderConfig p, EntrySource source) {
    return ProviderEntry.newBuilder()
        .setName(p.name())
        .setType(p.type())
        .setBaseUrl(p.baseUrl())
        .setEnabled(p.enabled())
        .setAllowUnlistedModels(p.allowUnlistedModels())
        .putAllOptions(new TreeMap<>(p.options()))
        .setCredentialSet(p.apiKey().isPresent())
        .setSource(source)
        .build();
  }

  /** Returns the stored form of a provider message: what the caller set, without output-only fields. */
  static ProviderEntry stored(ProviderEntry p) {
    return p.toBuilder().clearCredentialSet().clearSource().build();
  }

  /** Returns the configuration of a run-time provider, or INVALID_REQUEST naming the bad field. */
  static ProviderConfig providerConfig(ProviderEntry p, Optional<Secret> credential) {
    if (!NAME.matcher(p.getName()).matches()) {
      throw AdminCalls.invalid("provider.name", "'" + p.getName()
          + "' (expected: lower-case letters, digits, '_' and '-', at most 63)");
    }
    if (p.getType().isBlank()) {
      throw AdminCalls.invalid("provider.type", "required (e.g. openai, anthropic, gemini, demo)");
    }
    if (!p.getBaseUrl().isEmpty() && !p.getBaseUrl().startsWith("https://") && !p.getBaseUrl().startsWith("http://")) {
      throw AdminCalls.invalid("provider.base_url", "'" + p.getBaseUrl() + "' (expected: an http or https URL)");
    }
    return new ProviderConfig(p.getName(), p.getType(), p.getBaseUrl(), "", credential, p.getEnabled(), Map.of(),
        Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(300), p.getAllowUnlistedModels(),
        p.getOptionsMap(), false);
  }

  /** Returns the message of a catalogue entry. */
  static ModelEntry toMessage(ModelConfig m, EntrySource source) {
    return ModelEntry.newBuilder()
        .setId(m.id())
        .setProvider(m.provider())
        .setUpstreamModel(m.upstreamModel())
        .addAllAliases(m.aliases())
        .addAllCapabilities(m.capabilities().stream().sorted().toList())
        .setContextWindow(m.contextWindow())
        .setMaxOutputTokens(m.maxOutputTokens())
        .setDescription(m.description())
        .setSource(source)
        .build();
  }

  /** Returns the stored form of an entry message. */
  static ModelEntry stored(ModelEntry m) {
    return m.toBuilder().clearSource().build();
  }

  /** Returns the configuration of a run-time entry, or INVALID_REQUEST naming the bad field. */
  static ModelConfig modelConfig(ModelEntry m) {
    if (!MODEL_ID.matcher(m.getId()).matches()) {
      throw AdminCalls.invalid("model.id", "'" + m.getId() + "' is not a model id");
    }
    for (String alias : m.getAliasesList()) {
      if (!MODEL_ID.matcher(alias).matches() || alias.equals(m.getId())) {
        throw AdminCalls.invalid("model.aliases", "'" + alias + "' is not a distinct model id");
      }
    }
    if (m.getProvider().isEmpty()) {
      throw AdminCalls.invalid("model.provider", "required");
    }
    if (m.getContextWindow() < 0 || m.getMaxOutputTokens() < 0) {
      throw AdminCalls.invalid(m.getContextWindow() < 0 ? "model.context_window" : "model.max_output_tokens",
          "must not be negative");
    }
    Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
    for (Capability c : m.getCapabilitiesList()) {
      if (c == Capability.CAPABILITY_UNSPECIFIED || c == Capability.UNRECOGNIZED) {
        throw AdminCalls.invalid("model.capabilities", c + " is not a capability");
      }
      capabilities.add(c);
    }
    if (capabilities.isEmpty()) {
      capabilities.add(Capability.CAPABILITY_CHAT);
    }
    String upstream = m.getUpstreamModel().isEmpty() ? m.getId() : m.getUpstreamModel();
    return new ModelConfig(m.getId(), m.getProvider(), upstream, m.getAliasesList(), capabilities,
        m.getContextWindow(), m.getMaxOutputTokens(), m.getDescription(), ModelDefaults.NONE, "",
        Modalities.inputsOf(capabilities), Modalities.outputsOf(capabilities), Optional.empty(),
        DeploymentType.DEPLOYMENT_TYPE_ON_DEMAND, Optional.empty());
  }
}
