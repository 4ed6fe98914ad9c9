package dev.llmgateway.server.api;

import com.google.inject.Singleton;
import dev.llmgateway.server.config.ModelDefaults;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.routing.Route;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.GenerateImageRequest;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.ResponseFormat;
import dev.llmgateway.v1.Role;

/**
 * Fits a validated request to its route: checks that the model can do what the request asks, and
 * fills in the model entry's defaults where the caller left a field unset. Copies the request only
 * when a default actually applies. Stateless and thread-safe.
 */
@Singleton
final class RequestPreparer {

  CompleteRequest prepare(CompleteRequest request, Route route, boolean streaming) {
    requireCapability(route, streaming ? Capability.CAPABILITY_STREAMING : Capability.CAPABILITY_CHAT, "model",
        streaming ? "streaming" : "chat");
    if (request.getToolsCount() > 0) {
      requireCapability(route, Capability.CAPABILITY_TOOLS, "tools", "tool calling");
    }
    ResponseFormat.Type format = request.getResponseFormat().getType();
    if (format == ResponseFormat.Type.TYPE_JSON_OBJECT || format == ResponseFormat.Type.TYPE_JSON_SCHEMA) {
      requireCapability(route, Capability.CAPABILITY_JSON_OUTPUT, "response_format", "JSON output");
    }
    if (route.lacks(Capability.CAPABILITY_VISION)) {
      checkNoImages(request, route);
    }
    if (request.hasMaxOutputTokens() && route.maxOutputTokens() > 0
        && request.getMaxOutputTokens() > route.maxOutputTokens()) {
      throw GatewayException.invalidField("max_output_tokens", request.getMaxOutputTokens()
          + " exceeds the " + route.maxOutputTokens() + " output tokens model '" + route.modelId() + "' allows");
    }
    return applyDefaults(request, route.defaults());
  }

  GenerateImageRequest prepare(GenerateImageRequest request, Route route) {
    requireCapability(route, Capability.CAPABILITY_IMAGE_GENERATION, "model", "image generation");
    return request;
  }

  EmbedRequest prepare(EmbedRequest request, Route route) {
    requireCapability(route, Capability.CAPABILITY_EMBEDDINGS, "model", "embeddings");
    return request;
  }

  private static CompleteRequest applyDefaults(CompleteRequest request, ModelDefaults defaults) {
    if (defaults.isEmpty()) {
      return request;
    }
    CompleteRequest.Builder b = request.toBuilder();
    if (!request.hasTemperature()) {
      defaults.temperature().ifPresent(b::setTemperature);
    }
    if (!request.hasTopP()) {
      defaults.topP().ifPresent(b::setTopP);
    }
    if (!request.hasMaxOutputTokens()) {
      defaults.maxOutputTokens().ifPresent(b::setMaxOutputTokens);
    }
    if (request.getStopCount() == 0) {
      b.addAllStop(defaults.stop());
    }
    if (!request.hasSeed()) {
      defaults.seed().ifPresent(b::setSeed);
    }
    // A preset's system prompt applies only when the caller brought none of its own.
    if (defaults.systemPrompt().isPresent() && !hasSystemMessage(request)) {
      b.addMessages(0, Message.newBuilder().setRole(Role.ROLE_SYSTEM)
          .addContent(ContentPart.newBuilder().setText(defaults.systemPrompt().get())));
    }
    return b.build();
  }

  private static boolean hasSystemMessage(CompleteRequest request) {
    for (Message m : request.getMessagesList()) {
      if (m.getRole() == Role.ROLE_SYSTEM) {
        return true;
      }
    }
    return false;
  }

  private static void checkNoImages(CompleteRequest request, Route route) {
    for (int i = 0; i < request.getMessagesCount(); i++) {
      Message m = request.getMessages(i);
      for (int j = 0; j < m.getContentCount(); j++) {
        if (m.getContent(j).hasImage()) {
          throw GatewayException.invalidField("messages[" + i + "].content[" + j + "].image",
              "model '" + route.modelId() + "' does not accept images (capability VISION)");
        }
      }
    }
  }

  private static void requireCapability(Route route, Capability capability, String field, String what) {
    if (route.lacks(capability)) {
      throw GatewayException.invalidField(field, "model '" + route.modelId() + "' does not support " + what
          + " (capability " + capability.name().substring("CAPABILITY_".length()) + ")");
    }
  }
}
