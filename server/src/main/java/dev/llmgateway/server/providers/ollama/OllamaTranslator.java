package dev.llmgateway.server.providers.ollama;

import static dev.llmgateway.server.providers.ollama.OllamaFields.text;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.DeploymentType;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Modality;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.ToolCall;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Translates Ollama's whole answers from their JSON trees: a chat response ({@code "stream": false}) and
 * the local model list of {@code /api/tags}. Pure and thread-safe; anything that does not follow the
 * wire format is PROVIDER_PROTOCOL_ERROR.
 */
final class OllamaTranslator {
  private final String provider;
  private final OllamaErrors errors;

  OllamaTranslator(String provider, OllamaErrors errors) {
    this.provider = requireNonNull(provider, "provider");
    this.errors = requireNonNull(errors, "errors");
  }

  /**
   * Translates a chat response. The message's {@code thinking} is the model's hidden reasoning and stays
   * out of the answer.
   *
   * @param id the gateway's id for the call: Ollama's answers have none
   * @param fallbackModel the model to report when the answer names none: the one that was asked for
   */
  CompleteResponse completion(JsonNode root, String id, String fallbackModel) {
    if (root == null || !root.isObject()) {
      throw errors.protocolError("the chat response is not a JSON object", null);
    }
    if (root.hasNonNull("error")) {
      throw errors.fromStreamError(text(root, "error"));
    }
    JsonNode message = root.path("message");
    if (!message.isObject()) {
      throw errors.protocolError("the chat response has no message", null);
    }
    if (!root.path("done").asBoolean(false)) {
      throw errors.protocolError("the chat response is not marked done", null);
    }
    Message.Builder answer = Message.newBuilder().setRole(Role.ROLE_ASSISTANT);
    String content = text(message, "content");
    if (content != null && !content.isEmpty()) {
      answer.addContent(ContentPart.newBuilder().setText(content));
    }
    JsonNode calls = message.path("tool_calls");
    if (calls.isArray()) {
      for (JsonNode call : calls) {
        ToolCall mapped = OllamaFields.toolCall(call, answer.getToolCallsCount());
        if (mapped == null) {
          throw errors.protocolError("a tool call has no function name", null);
        }
        answer.addToolCalls(mapped);
      }
    } else if (!calls.isMissingNode() && !calls.isNull()) {
      throw errors.protocolError("tool_calls is not an array", null);
    }
    String doneReason = text(root, "done_reason");
    String model = text(root, "model");
    return CompleteResponse.newBuilder()
        .setId(id)
        .setMessage(answer)
        .setFinishReason(OllamaFields.finishReason(doneReason, answer.getToolCallsCount() > 0))
        .setUpstreamFinishReason(doneReason == null ? "" : doneReason)
        .setUsage(OllamaFields.usage(root))
        .setProvider(provider)
        .setModel(model == null || model.isEmpty() ? fallbackModel : model)
        .build();
  }

  /**
   * Maps the {@code /api/tags} list. Capabilities come from each entry's {@code capabilities} where the
   * server reports them (newer servers); otherwise they stay unknown, since asking {@code /api/show} for
   * each model would cost one call per model on every discovery. The vendor stays empty:
   * {@code details.family} is the architecture, shared by fine-tunes and distillations of other makers
   * (deepseek-r1 reports qwen2), so it does not say who made the model.
   */
  List<DiscoveredModel> models(JsonNode root) {
    JsonNode models = root == null ? null : root.get("models");
    if (models == null || !models.isArray()) {
      throw errors.protocolError("the model list has no models array", null);
    }
    List<DiscoveredModel> out = new ArrayList<>(models.size());
    for (JsonNode model : models) {
      String name = text(model, "name");
      if (name == null || name.isEmpty()) {
        name = text(model, "model");
      }
      if (name == null || name.isEmpty()) {
        throw errors.protocolError("a model in the list has no name", null);
      }
      out.add(discovered(name, model.path("capabilities")));
    }
    return List.copyOf(out);
  }

  private static DiscoveredModel discovered(String name, JsonNode reported) {
    Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
    Set<Modality> input = EnumSet.noneOf(Modality.class);
    Set<Modality> output = EnumSet.noneOf(Modality.class);
    if (reported.isArray()) {
      for (JsonNode capability : reported) {
        switch (capability.asText("")) {
          case "completion" -> {
            // Every completion model takes format "json" and schemas: Ollama constrains the sampler.
            capabilities.addAll(List.of(Capability.CAPABILITY_CHAT, Capability.CAPABILITY_STREAMING,
                Capability.CAPABILITY_JSON_OUTPUT));
            input.add(Modality.MODALITY_TEXT);
            output.add(Modality.MODALITY_TEXT);
          }
          case "tools" -> capabilities.add(Capability.CAPABILITY_TOOLS);
          case "vision" -> {
            capabilities.add(Capability.CAPABILITY_VISION);
            input.add(Modality.MODALITY_IMAGE);
          }
          case "embedding" -> {
            capabilities.add(Capability.CAPABILITY_EMBEDDINGS);
            input.add(Modality.MODALITY_TEXT);
            output.add(Modality.MODALITY_EMBEDDING);
          }
          // thinking and insert (fill-in-the-middle) have no counterpart in the contract.
          default -> { }
        }
      }
    }
    return new DiscoveredModel(name, "", capabilities, 0, 0, input, output,
        DeploymentType.DEPLOYMENT_TYPE_UNSPECIFIED);
  }
}
