package dev.llmgateway.server.providers.cohere;

import static dev.llmgateway.server.providers.cohere.CohereFields.text;
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
import dev.llmgateway.v1.Usage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Translates Cohere's whole answers from their JSON trees: a v2 chat response and a page of the model
 * list. Pure and thread-safe; anything that does not follow the wire format is PROVIDER_PROTOCOL_ERROR.
 */
final class CohereTranslator {
  private final String provider;
  private final CohereErrors errors;

  CohereTranslator(String provider, CohereErrors errors) {
    this.provider = requireNonNull(provider, "provider");
    this.errors = requireNonNull(errors, "errors");
  }

  /**
   * Translates a chat response: text content items joined into one text part (thinking items are the
   * model's hidden reasoning and stay out), the tool plan ahead of it, and the tool calls. A generation
   * that ended in ERROR or TIMEOUT fails classified instead.
   *
   * @param fallbackId the id to use when the answer has none
   * @param model the model that was asked for: Cohere's answer does not name it
   */
  CompleteResponse completion(JsonNode root, String fallbackId, String model) {
    if (root == null || !root.isObject()) {
      throw errors.protocolError("the chat response is not a JSON object", null);
    }
    String finish = text(root, "finish_reason");
    if (CohereFields.isFailure(finish)) {
      throw errors.generationFailed(finish);
    }
    JsonNode message = root.path("message");
    if (!message.isObject()) {
      throw errors.protocolError("the chat response has no message", null);
    }
    StringBuilder answer = new StringBuilder();
    String plan = text(message, "tool_plan");
    if (plan != null) {
      answer.append(plan);
    }
    JsonNode content = message.path("content");
    if (content.isArray()) {
      for (JsonNode item : content) {
        if ("text".equals(text(item, "type"))) {
          String piece = text(item, "text");
          answer.append(piece == null ? "" : piece);
        }
      }
    } else if (!content.isMissingNode() && !content.isNull()) {
      throw errors.protocolError("the message content is not an array", null);
    }
    Message.Builder out = Message.newBuilder().setRole(Role.ROLE_ASSISTANT);
    if (answer.length() > 0) {
      out.addContent(ContentPart.newBuilder().setText(answer.toString()));
    }
    out.addAllToolCalls(toolCalls(message.path("tool_calls")));
    String id = text(root, "id");
    CompleteResponse.Builder response = CompleteResponse.newBuilder()
        .setId(id == null || id.isEmpty() ? fallbackId : id)
        .setMessage(out)
        .setFinishReason(CohereFields.finishReason(finish))
        .setUpstreamFinishReason(finish == null ? "" : finish)
        .setProvider(provider)
        .setModel(model);
    Usage usage = CohereFields.usage(root.path("usage"));
    if (usage != null) {
      response.setUsage(usage);
    }
    return response.build();
  }

  /**
   * Adds the models of one {@code GET /v1/models} page that the gateway can serve (chat or embeddings)
   * to {@code into}, and returns the next page token, or null on the last page.
   */
  @Nullable
  String modelPage(JsonNode page, List<DiscoveredModel> into) {
    JsonNode models = page == null ? null : page.get("models");
    if (models == null || !models.isArray()) {
      throw errors.protocolError("the model list has no models array", null);
    }
    for (JsonNode model : models) {
      String name = text(model, "name");
      if (name == null || name.isEmpty()) {
        throw errors.protocolError("a model in the list has no name", null);
      }
      DiscoveredModel discovered = discovered(name, model);
      if (discovered != null) {
        into.add(discovered);
      }
    }
    String next = text(page, "next_page_token");
    return next == null || next.isEmpty() ? null : next;
  }

  private List<ToolCall> toolCalls(JsonNode calls) {
    if (calls.isMissingNode() || calls.isNull()) {
      return List.of();
    }
    if (!calls.isArray()) {
      throw errors.protocolError("tool_calls is not an array", null);
    }
    List<ToolCall> out = new ArrayList<>(calls.size());
    for (JsonNode call : calls) {
      JsonNode function = call.path("function");
      String name = text(function, "name");
      if (name == null || name.isEmpty()) {
        throw errors.protocolError("a tool call has no function name", null);
      }
      JsonNode arguments = function.path("arguments");
      String id = text(call, "id");
      out.add(ToolCall.newBuilder()
          .setId(id == null ? "" : id)
          .setName(name)
          .setArgumentsJson(arguments.isTextual() ? arguments.textValue()
              : arguments.isContainerNode() ? arguments.toString() : "{}")
          .build());
    }
    return out;
  }

  /** Maps one listed model, or returns null for models of endpoints the gateway does not serve (rerank, classify). */
  @Nullable
  private static DiscoveredModel discovered(String name, JsonNode model) {
    Set<String> endpoints = strings(model.path("endpoints"));
    Set<String> features = strings(model.path("features"));
    boolean chat = endpoints.contains("chat");
    boolean embed = endpoints.contains("embed");
    if (!chat && !embed) {
      return null;
    }
    boolean vision = model.path("supports_vision").asBoolean(false) || features.contains("vision");
    Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
    Set<Modality> input = EnumSet.of(Modality.MODALITY_TEXT);
    Set<Modality> output = EnumSet.noneOf(Modality.class);
    if (chat) {
      capabilities.add(Capability.CAPABILITY_CHAT);
      capabilities.add(Capability.CAPABILITY_STREAMING);
      output.add(Modality.MODALITY_TEXT);
      if (features.contains("tools") || features.contains("strict_tools")) {
        capabilities.add(Capability.CAPABILITY_TOOLS);
      }
      if (features.contains("json_mode") || features.contains("json_schema")) {
        capabilities.add(Capability.CAPABILITY_JSON_OUTPUT);
      }
      if (vision) {
        capabilities.add(Capability.CAPABILITY_VISION);
      }
    }
    if (embed) {
      capabilities.add(Capability.CAPABILITY_EMBEDDINGS);
      output.add(Modality.MODALITY_EMBEDDING);
    }
    if (vision) {
      input.add(Modality.MODALITY_IMAGE);
    }
    JsonNode context = model.get("context_length");
    int contextWindow = context != null && context.isNumber() && context.asDouble() > 0
        ? (int) Math.min(Integer.MAX_VALUE, context.asDouble()) : 0;
    return new DiscoveredModel(name, "cohere", capabilities, contextWindow, 0, input, output,
        DeploymentType.DEPLOYMENT_TYPE_UNSPECIFIED);
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> values = new HashSet<>();
    if (array.isArray()) {
      for (JsonNode value : array) {
        if (value.isTextual()) {
          values.add(value.textValue());
        }
      }
    }
    return values;
  }
}
