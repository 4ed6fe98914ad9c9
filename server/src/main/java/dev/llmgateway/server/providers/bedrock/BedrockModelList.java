package dev.llmgateway.server.providers.bedrock;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.DeploymentType;
import dev.llmgateway.v1.Modality;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the control plane's {@code GET /foundation-models} answer ({@code modelSummaries}) into discovered
 * models: modalities as listed, capabilities derived from them and from {@code responseStreamingSupported},
 * the vendor from the model id, and the deployment type from {@code inferenceTypesSupported}. Bedrock
 * reports no token limits here, so context window and output limit stay unknown (0). Pure and thread-safe.
 */
final class BedrockModelList {
  private final BedrockErrors errors;

  BedrockModelList(BedrockErrors errors) {
    this.errors = requireNonNull(errors, "errors");
  }

  /** Returns the models of one answer; throws PROVIDER_PROTOCOL_ERROR when it has no model list. */
  List<DiscoveredModel> parse(JsonNode body) {
    JsonNode summaries = body == null ? null : body.get("modelSummaries");
    if (summaries == null || !summaries.isArray()) {
      throw errors.protocolError("answered the model list without modelSummaries", null);
    }
    List<DiscoveredModel> models = new ArrayList<>(summaries.size());
    for (JsonNode summary : summaries) {
      String id = BedrockTranslator.optionalText(summary, "modelId");
      if (id == null || id.isEmpty()) {
        throw errors.protocolError("listed a model without a modelId", null);
      }
      Set<Modality> input = modalities(summary.get("inputModalities"));
      Set<Modality> output = modalities(summary.get("outputModalities"));
      models.add(new DiscoveredModel(id, BedrockModelIds.vendor(id),
          capabilities(input, output, summary.path("responseStreamingSupported").asBoolean(false)), 0, 0,
          input, output, deploymentType(summary.get("inferenceTypesSupported"))));
    }
    return models;
  }

  private static Set<Modality> modalities(JsonNode list) {
    Set<Modality> modalities = EnumSet.noneOf(Modality.class);
    if (list != null && list.isArray()) {
      for (JsonNode m : list) {
        switch (m.asText("")) {
          case "TEXT" -> modalities.add(Modality.MODALITY_TEXT);
          case "IMAGE" -> modalities.add(Modality.MODALITY_IMAGE);
          case "EMBEDDING" -> modalities.add(Modality.MODALITY_EMBEDDING);
          case "AUDIO", "SPEECH" -> modalities.add(Modality.MODALITY_AUDIO);
          default -> {
            // VIDEO and future modalities have no contract counterpart.
          }
        }
      }
    }
    return modalities;
  }

  private static Set<Capability> capabilities(Set<Modality> input, Set<Modality> output, boolean streaming) {
    Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
    if (output.contains(Modality.MODALITY_TEXT)) {
      capabilities.add(Capability.CAPABILITY_CHAT);
      if (streaming) {
        capabilities.add(Capability.CAPABILITY_STREAMING);
      }
      if (input.contains(Modality.MODALITY_IMAGE)) {
        capabilities.add(Capability.CAPABILITY_VISION);
      }
    }
    if (output.contains(Modality.MODALITY_EMBEDDING)) {
      capabilities.add(Capability.CAPABILITY_EMBEDDINGS);
    }
    if (output.contains(Modality.MODALITY_IMAGE)) {
      capabilities.add(Capability.CAPABILITY_IMAGE_GENERATION);
    }
    return capabilities;
  }

  /**
   * Returns ON_DEMAND when the model can be called by its id without reserved capacity, PROVISIONED when
   * it serves only through provisioned throughput (e.g. the context-length variants such as
   * {@code ...-v1:0:200k}), and UNSPECIFIED otherwise (models reachable only through an inference profile).
   */
  private static DeploymentType deploymentType(JsonNode types) {
    boolean onDemand = false;
    boolean provisioned = false;
    if (types != null && types.isArray()) {
      for (JsonNode t : types) {
        onDemand |= t.asText("").equals("ON_DEMAND");
        provisioned |= t.asText("").equals("PROVISIONED");
      }
    }
    return onDemand ? DeploymentType.DEPLOYMENT_TYPE_ON_DEMAND
        : provisioned ? DeploymentType.DEPLOYMENT_TYPE_PROVISIONED : DeploymentType.DEPLOYMENT_TYPE_UNSPECIFIED;
  }
}
