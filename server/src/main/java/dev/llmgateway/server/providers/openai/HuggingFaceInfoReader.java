package dev.llmgateway.server.providers.openai;

import static dev.llmgateway.server.providers.openai.OpenAiFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.DeploymentType;
import dev.llmgateway.v1.Modality;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the {@code GET /info} answer of a TGI or TEI server into the one model it serves. Pure and
 * thread-safe.
 *
 * <p>TEI says what kind of model it runs in {@code model_type} ({@code embedding}, {@code classifier} or
 * {@code reranker}) and its input limit in {@code max_input_length}. TGI has no {@code model_type}; its
 * context window is {@code max_total_tokens} (prompt plus output) and {@code model_pipeline_tag} tells a
 * vision-language model ({@code image-text-to-text}) from a text one. TGI serves tools and JSON output
 * for every model through its grammar engine. Neither states a separate output limit or how the
 * hardware is billed, so those stay unknown.
 */
final class HuggingFaceInfoReader {
  private final OpenAiErrors errors;

  HuggingFaceInfoReader(OpenAiErrors errors) {
    this.errors = errors;
  }

  /** Returns the model {@code info} describes; PROVIDER_PROTOCOL_ERROR when it names none. */
  List<DiscoveredModel> models(JsonNode info) {
    String id = text(info, "model_id");
    if (id == null || id.isBlank()) {
      throw errors.protocolError("the server info names no model_id", null);
    }
    int slash = id.indexOf('/');
    // The Hub organisation that published the model, e.g. "meta-llama"; the best vendor the server knows.
    String vendor = slash > 0 ? id.substring(0, slash).toLowerCase(Locale.ROOT) : "";
    JsonNode modelType = info.path("model_type");
    if (modelType.isObject()) {
      boolean embedding = modelType.has("embedding");
      return List.of(new DiscoveredModel(id, vendor,
          embedding ? Set.of(Capability.CAPABILITY_EMBEDDINGS) : Set.of(),
          limit(info, "max_input_length"), 0, Set.of(Modality.MODALITY_TEXT),
          embedding ? Set.of(Modality.MODALITY_EMBEDDING) : Set.of(), DeploymentType.DEPLOYMENT_TYPE_UNSPECIFIED));
    }
    Set<Capability> capabilities = EnumSet.of(Capability.CAPABILITY_CHAT, Capability.CAPABILITY_STREAMING,
        Capability.CAPABILITY_TOOLS, Capability.CAPABILITY_JSON_OUTPUT);
    Set<Modality> input = EnumSet.of(Modality.MODALITY_TEXT);
    if ("image-text-to-text".equals(text(info, "model_pipeline_tag"))) {
      capabilities.add(Capability.CAPABILITY_VISION);
      input.add(Modality.MODALITY_IMAGE);
    }
    return List.of(new DiscoveredModel(id, vendor, capabilities, limit(info, "max_total_tokens"), 0, input,
        Set.of(Modality.MODALITY_TEXT), DeploymentType.DEPLOYMENT_TYPE_UNSPECIFIED));
  }

  private static int limit(JsonNode info, String field) {
    JsonNode value = info.path(field);
    return value.canConvertToInt() && value.intValue() > 0 ? value.intValue() : 0;
  }
}
