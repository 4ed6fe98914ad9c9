package dev.llmgateway.server.api;

import com.google.inject.Singleton;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.CountTokensRequest;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.GenerateImageRequest;
import dev.llmgateway.v1.ImageDelivery;
import dev.llmgateway.v1.ImagePart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.ResponseFormat;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.Tool;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.ToolChoice;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks requests against the contract's documented rules before anything is routed. Reports every
 * bad field, by its path in the request (e.g. {@code messages[0].content[1].image.mime_type}), as
 * one INVALID_REQUEST. Stateless and thread-safe.
 */
@Singleton
final class RequestValidator {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
  private static final int MAX_MESSAGES = 10_000;
  private static final int MAX_TOOLS = 512;
  private static final int MAX_STOP = 4;
  private static final int MAX_METADATA = 16;
  private static final int MAX_INPUTS = 2048;
  private static final int MAX_PROMPT = 32_000;
  private static final Pattern SIZE = Pattern.compile("[1-9][0-9]{1,4}x[1-9][0-9]{1,4}");

  void validate(CompleteRequest request) {
    Violations out = new Violations();
    checkModel(request.getModel(), out);
    if (request.getMessagesCount() == 0) {
      out.add("messages", "must hold at least one message");
    } else if (request.getMessagesCount() > MAX_MESSAGES) {
      out.add("messages", request.getMessagesCount() + " messages (expected: at most " + MAX_MESSAGES + ")");
    }
    for (int i = 0; i < request.getMessagesCount(); i++) {
      checkMessage(request.getMessages(i), "messages[" + i + "]", out);
    }
    Set<String> toolNames = checkTools(request, out);
    checkToolChoice(request, toolNames, out);
    checkResponseFormat(request.getResponseFormat(), out);
    if (request.hasTemperature() && !(request.getTemperature() >= 0 && request.getTemperature() <= 2)) {
      out.add("temperature", request.getTemperature() + " (expected: 0 to 2)");
    }
    if (request.hasTopP() && !(request.getTopP() > 0 && request.getTopP() <= 1)) {
      out.add("top_p", request.getTopP() + " (expected: > 0 and <= 1)");
    }
    if (request.hasMaxOutputTokens() && request.getMaxOutputTokens() < 1) {
      out.add("max_output_tokens", request.getMaxOutputTokens() + " (expected: >= 1)");
    }
    if (request.getStopCount() > MAX_STOP) {
      out.add("stop", request.getStopCount() + " sequences (expected: at most " + MAX_STOP + ")");
    }
    for (int i = 0; i < request.getStopCount(); i++) {
      if (request.getStop(i).isEmpty()) {
        out.add("stop[" + i + "]", "must not be empty");
      }
    }
    checkMetadata(request.getMetadataMap(), out);
    out.throwIfAny();
  }

  void validate(EmbedRequest request) {
    Violations out = new Violations();
    checkModel(request.getModel(), out);
    if (request.getInputsCount() == 0) {
      out.add("inputs", "must hold at least one input");
    } else if (request.getInputsCount() > MAX_INPUTS) {
      out.add("inputs", request.getInputsCount() + " inputs (expected: at most " + MAX_INPUTS + ")");
    }
    for (int i = 0; i < request.getInputsCount(); i++) {
      if (request.getInputs(i).isEmpty()) {
        out.add("inputs[" + i + "]", "must not be empty");
      }
    }
    if (request.hasDimensions() && request.getDimensions() < 1) {
      out.add("dimensions", request.getDimensions() + " (expected: >= 1)");
    }
    checkMetadata(request.getMetadataMap(), out);
    out.throwIfAny();
  }

  void validate(CountTokensRequest request) {
    // The same rules as a completion's, so a count never accepts what Complete would reject.
    validate(CompleteRequest.newBuilder().setModel(request.getModel()).addAllMessages(request.getMessagesList())
        .addAllTools(request.getToolsList()).build());
  }

  void validate(GenerateImageRequest request) {
    Violations out = new Violations();
    checkModel(request.getModel(), out);
    if (request.getPrompt().isBlank()) {
      out.add("prompt", "must describe the image");
    } else if (request.getPrompt().length() > MAX_PROMPT) {
      out.add("prompt", request.getPrompt().length() + " characters (expected: at most " + MAX_PROMPT + ")");
    }
    if (request.hasCount() && (request.getCount() < 1 || request.getCount() > 10)) {
      out.add("count", request.getCount() + " (expected: 1 to 10)");
    }
    if (!request.getSize().isEmpty() && !SIZE.matcher(request.getSize()).matches()) {
      out.add("size", "'" + request.getSize() + "' (expected: WIDTHxHEIGHT, e.g. 1024x1024)");
    }
    if (request.getDelivery() == ImageDelivery.UNRECOGNIZED) {
      out.add("delivery", "is not a known delivery");
    }
    checkMetadata(request.getMetadataMap(), out);
    out.throwIfAny();
  }

  private static void checkModel(String model, Violations out) {
    if (model.isEmpty()) {
      out.add("model", "must name a model (see ListModels)");
    }
  }

  private static void checkMessage(Message m, String path, Violations out) {
    if (m.getRole() == Role.ROLE_UNSPECIFIED || m.getRole() == Role.UNRECOGNIZED) {
      out.add(path + ".role", "must be one of ROLE_SYSTEM, ROLE_USER, ROLE_ASSISTANT, ROLE_TOOL");
      return;
    }
    boolean assistant = m.getRole() == Role.ROLE_ASSISTANT;
    if (m.getContentCount() == 0 && !(assistant && m.getToolCallsCount() > 0)) {
      out.add(path + ".content", "must not be empty" + (assistant ? " unless the message has tool_calls" : ""));
    }
    for (int j = 0; j < m.getContentCount(); j++) {
      checkPart(m.getContent(j), path + ".content[" + j + "]", m.getRole(), out);
    }
    if (!assistant && m.getToolCallsCount() > 0) {
      out.add(path + ".tool_calls", "only assistant messages carry tool calls");
    }
    for (int j = 0; j < m.getToolCallsCount(); j++) {
      ToolCall call = m.getToolCalls(j);
      String callPath = path + ".tool_calls[" + j + "]";
      if (call.getId().isEmpty()) {
        out.add(callPath + ".id", "must not be empty");
      }
      if (call.getName().isEmpty()) {
        out.add(callPath + ".name", "must not be empty");
      }
    }
    if (m.getRole() == Role.ROLE_TOOL && m.getToolCallId().isEmpty()) {
      out.add(path + ".tool_call_id", "is required on a ROLE_TOOL message");
    } else if (m.getRole() != Role.ROLE_TOOL && !m.getToolCallId().isEmpty()) {
      out.add(path + ".tool_call_id", "is only valid on a ROLE_TOOL message");
    }
  }

  private static void checkPart(ContentPart part, String path, Role role, Violations out) {
    switch (part.getPartCase()) {
      case TEXT -> { }
      case IMAGE -> {
        if (role != Role.ROLE_USER) {
          out.add(path + ".image", "images are only accepted in user messages");
        }
        checkImage(part.getImage(), path + ".image", out);
      }
      case PART_NOT_SET -> out.add(path, "must set text or image");
    }
  }

  private static void checkImage(ImagePart image, String path, Violations out) {
    switch (image.getSourceCase()) {
      case URL -> {
        String url = image.getUrl();
        if (!(url.startsWith("https://") || url.startsWith("http://") || url.startsWith("data:"))) {
          out.add(path + ".url", "must be an http(s) or data: URL");
        }
      }
      case DATA -> {
        if (image.getData().isEmpty()) {
          out.add(path + ".data", "must not be empty");
        }
        if (image.getMimeType().isEmpty()) {
          out.add(path + ".mime_type", "is required with data (e.g. image/png)");
        }
      }
      case SOURCE_NOT_SET -> out.add(path, "must set url or data");
    }
    if (!image.getMimeType().isEmpty() && !image.getMimeType().startsWith("image/")) {
      out.add(path + ".mime_type", "'" + image.getMimeType() + "' is not an image type");
    }
  }

  private static Set<String> checkTools(CompleteRequest request, Violations out) {
    if (request.getToolsCount() > MAX_TOOLS) {
      out.add("tools", request.getToolsCount() + " tools (expected: at most " + MAX_TOOLS + ")");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < request.getToolsCount(); i++) {
      Tool tool = request.getTools(i);
      String path = "tools[" + i + "]";
      if (!NAME.matcher(tool.getName()).matches()) {
        out.add(path + ".name", "'" + tool.getName() + "' (expected: 1 to 64 of a-z, A-Z, 0-9, '_', '-')");
      } else if (!names.add(tool.getName())) {
        out.add(path + ".name", "'" + tool.getName() + "' is declared twice");
      }
      if (tool.hasParameters()) {
        ToolSchemaCheck.check(tool.getParameters(), path + ".parameters", out);
      }
    }
    return names;
  }

  private static void checkToolChoice(CompleteRequest request, Set<String> toolNames, Violations out) {
    ToolChoice choice = request.getToolChoice();
    if (choice.getMode() == ToolChoice.Mode.UNRECOGNIZED) {
      out.add("tool_choice.mode", "is not a known mode");
      return;
    }
    if (choice.getMode() != ToolChoice.Mode.MODE_UNSPECIFIED && request.getToolsCount() == 0) {
      out.add("tool_choice", "is only valid when tools are given");
    }
    if (choice.getMode() == ToolChoice.Mode.MODE_TOOL && !toolNames.contains(choice.getToolName())) {
      out.add("tool_choice.tool_name", "'" + choice.getToolName() + "' is not one of the request's tools");
    }
  }

  private static void checkResponseFormat(ResponseFormat format, Violations out) {
    if (format.getType() == ResponseFormat.Type.UNRECOGNIZED) {
      out.add("response_format.type", "is not a known type");
    }
    if (format.getType() == ResponseFormat.Type.TYPE_JSON_SCHEMA) {
      if (!NAME.matcher(format.getSchemaName()).matches()) {
        out.add("response_format.schema_name", "'" + format.getSchemaName()
            + "' (expected: 1 to 64 of a-z, A-Z, 0-9, '_', '-')");
      }
      if (format.getJsonSchema().getFieldsCount() == 0) {
        out.add("response_format.json_schema", "is required with TYPE_JSON_SCHEMA");
      }
    }
  }

  private static void checkMetadata(Map<String, String> metadata, Violations out) {
    if (metadata.size() > MAX_METADATA) {
      out.add("metadata", metadata.size() + " entries (expected: at most " + MAX_METADATA + ")");
    }
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      if (e.getKey().isEmpty() || e.getKey().length() > 64) {
        out.add("metadata", "key '" + e.getKey() + "' must be 1 to 64 characters");
      }
      if (e.getValue().length() > 512) {
        out.add("metadata[" + e.getKey() + "]", "value must be at most 512 characters");
      }
    }
  }
}
