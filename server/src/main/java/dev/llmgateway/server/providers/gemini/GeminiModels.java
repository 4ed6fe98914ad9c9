package dev.llmgateway.server.providers.gemini;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.DeploymentType;
import dev.llmgateway.v1.Modality;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the pages of {@code GET /models}: each {@code Model} becomes a {@link DiscoveredModel} with its
 * id (the resource name without {@code models/}), its token limits and the capabilities its
 * {@code supportedGenerationMethods} imply. Pure and thread-safe.
 */
final class GeminiModels {
  private static final String PREFIX = "models/";

  private final GeminiErrors errors;

  GeminiModels(GeminiErrors errors) {
    this.errors = requireNonNull(errors, "errors");
  }

  /** Returns the models of one page; throws PROVIDER_PROTOCOL_ERROR when it is not a model list. */
  List<DiscoveredModel> page(JsonNode page) {
    if (page == null || !page.isObject()) {
      throw errors.protocolError("answered the model list with a body that is not an object", null);
    }
    JsonNode models = page.get("models");
    if (models == null || models.isNull()) {
      // proto3 JSON leaves an empty list out: a page without models is an empty page.
      return List.of();
    }
    if (!models.isArray()) {
      throw errors.protocolError("answered the model list without a models array", null);
    }
    List<DiscoveredModel> found = new ArrayList<>(models.size());
    for (JsonNode model : models) {
      found.add(model(model));
    }
    return found;
  }

  private DiscoveredModel model(JsonNode model) {
    String name = GeminiErrors.text(model, "name");
    if (name == null || name.isEmpty()) {
      throw errors.protocolError("listed a model without a name", null);
    }
    String id = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
    Set<String> methods = new HashSet<>();
    model.path("supportedGenerationMethods").forEach(m -> methods.add(m.asText()));
    Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
    Set<Modality> inputs = EnumSet.noneOf(Modality.class);
    Set<Modality> outputs = EnumSet.noneOf(Modality.class);
    boolean generates = methods.contains("generateContent") || methods.contains("streamGenerateContent");
    if (generates) {
      // Every model that generates content streams it through streamGenerateContent, listed or not.
      capabilities.add(Capability.CAPABILITY_CHAT);
      capabilities.add(Capability.CAPABILITY_STREAMING);
      inputs.add(Modality.MODALITY_TEXT);
      outputs.add(Modality.MODALITY_TEXT);
      if (isMultimodalGemini(id)) {
        capabilities.add(Capability.CAPABILITY_TOOLS);
        capabilities.add(Capability.CAPABILITY_JSON_OUTPUT);
        capabilities.add(Capability.CAPABILITY_VISION);
        inputs.add(Modality.MODALITY_IMAGE);
        inputs.add(Modality.MODALITY_AUDIO);
      }
    }
    if (methods.contains("embedContent") || methods.contains("batchEmbedContents")) {
      capabilities.add(Capability.CAPABILITY_EMBEDDINGS);
      inputs.add(Modality.MODALITY_TEXT);
      outputs.add(Modality.MODALITY_EMBEDDING);
    }
    return new DiscoveredModel(id, "google", capabilities,
        // Google's "context window" is the input limit; answers have their own limit on top.
        limit(model, "inputTokenLimit"),
        // Embedding models report an output limit of 1, which means nothing for an answer.
        generates ? limit(model, "outputTokenLimit") : 0,
        inputs, outputs, DeploymentType.DEPLOYMENT_TYPE_ON_DEMAND);
  }

  /**
   * Returns whether the model is a Gemini chat model, which takes tools, JSON schemas, images and audio.
   * Gemma, speech and image-output variants support generateContent without all of that.
   */
  private static boolean isMultimodalGemini(String id) {
    String lower = id.toLowerCase(Locale.ROOT);
    return lower.startsWith("gemini-") && !lower.contains("-tts") && !lower.contains("-image")
        && !lower.contains("embedding");
  }

  private static int limit(JsonNode model, String field) {
    JsonNode value = model.get(field);
    return value != null && value.canConvertToInt() && value.asInt() > 0 ? value.asInt() : 0;
  }
}
