package dev.llmgateway.server.providers.gemini;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.providers.http.StructJson;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CountTokensRequest;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.ResponseFormat;
import dev.llmgateway.v1.Tool;
import dev.llmgateway.v1.ToolChoice;
import java.io.IOException;
import java.util.List;
import okhttp3.RequestBody;

/**
 * Writes the bodies of {@code generateContent} / {@code streamGenerateContent} (the same request) and of
 * {@code countTokens}, which takes the same request wrapped in {@code generateContentRequest}. Tool
 * parameters and output schemas go out as full JSON Schema ({@code parametersJsonSchema},
 * {@code responseJsonSchema}) rather than Gemini's OpenAPI subset, so callers' schemas need no
 * conversion. {@code strict}, {@code user}, {@code metadata} and message names have no Gemini
 * counterpart and are not sent. Everything the request cannot express fails with INVALID_REQUEST before
 * a byte is written. Pure and thread-safe.
 */
final class GeminiRequestWriter {
  private final String provider;
  private final GeminiContentWriter content = new GeminiContentWriter();

  GeminiRequestWriter(String provider) {
    this.provider = requireNonNull(provider, "provider");
  }

  /** Returns the {@code generateContent} body for {@code request}. */
  RequestBody generateContent(CompleteRequest request) {
    check(request);
    List<Message> messages = request.getMessagesList();
    GeminiConversation conversation = GeminiConversation.of(messages);
    return Json.body(out -> {
      out.writeStartObject();
      writeConversation(out, messages, conversation, request.getToolsList());
      if (request.getToolChoice().getMode() != ToolChoice.Mode.MODE_UNSPECIFIED && request.getToolsCount() > 0) {
        writeToolConfig(out, request.getToolChoice());
      }
      writeGenerationConfig(out, request);
      out.writeEndObject();
    });
  }

  /**
   * Returns the {@code countTokens} body for {@code request} sent to {@code modelResource}
   * ({@code models/...}): the request as {@code generateContent} would see it, so system instruction and
   * tools are counted too.
   */
  RequestBody countTokens(CountTokensRequest request, String modelResource) {
    List<Message> messages = request.getMessagesList();
    GeminiConversation conversation = GeminiConversation.of(messages);
    return Json.body(out -> {
      out.writeStartObject();
      out.writeObjectFieldStart("generateContentRequest");
      out.writeStringField("model", modelResource);
      writeConversation(out, messages, conversation, request.getToolsList());
      out.writeEndObject();
      out.writeEndObject();
    });
  }

  private void check(CompleteRequest request) {
    if (request.hasSeed() && (request.getSeed() < Integer.MIN_VALUE || request.getSeed() > Integer.MAX_VALUE)) {
      // Gemini's seed is a 32-bit integer; silently wrapping would break reproducibility promises.
      throw GatewayException.invalidField("seed", "provider '" + provider + "' accepts a 32-bit seed");
    }
  }

  private void writeConversation(JsonGenerator out, List<Message> messages, GeminiConversation conversation,
      List<Tool> tools) throws IOException {
    content.writeSystemInstruction(out, messages);
    content.writeContents(out, messages, conversation);
    if (!tools.isEmpty()) {
      writeTools(out, tools);
    }
  }

  private static void writeTools(JsonGenerator out, List<Tool> tools) throws IOException {
    out.writeArrayFieldStart("tools");
    out.writeStartObject();
    out.writeArrayFieldStart("functionDeclarations");
    for (Tool tool : tools) {
      out.writeStartObject();
      out.writeStringField("name", tool.getName());
      if (!tool.getDescription().isEmpty()) {
        out.writeStringField("description", tool.getDescription());
      }
      // A function without parameters leaves the schema unset, as Gemini documents.
      if (tool.hasParameters()) {
        out.writeFieldName("parametersJsonSchema");
        StructJson.write(out, tool.getParameters());
      }
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeEndObject();
    out.writeEndArray();
  }

  private static void writeToolConfig(JsonGenerator out, ToolChoice choice) throws IOException {
    String mode = switch (choice.getMode()) {
      case MODE_AUTO -> "AUTO";
      case MODE_NONE -> "NONE";
      // ANY forces a call; restricted to one allowed function it forces that function.
      case MODE_REQUIRED, MODE_TOOL -> "ANY";
      case MODE_UNSPECIFIED, UNRECOGNIZED -> null;
    };
    if (mode == null) {
      return;
    }
    out.writeObjectFieldStart("toolConfig");
    out.writeObjectFieldStart("functionCallingConfig");
    out.writeStringField("mode", mode);
    if (choice.getMode() == ToolChoice.Mode.MODE_TOOL) {
      out.writeArrayFieldStart("allowedFunctionNames");
      out.writeString(choice.getToolName());
      out.writeEndArray();
    }
    out.writeEndObject();
    out.writeEndObject();
  }

  private static void writeGenerationConfig(JsonGenerator out, CompleteRequest request) throws IOException {
    ResponseFormat.Type format = request.getResponseFormat().getType();
    boolean json = format == ResponseFormat.Type.TYPE_JSON_OBJECT || format == ResponseFormat.Type.TYPE_JSON_SCHEMA;
    if (!request.hasTemperature() && !request.hasTopP() && !request.hasMaxOutputTokens()
        && request.getStopCount() == 0 && !request.hasSeed() && !json) {
      return;
    }
    out.writeObjectFieldStart("generationConfig");
    if (request.hasTemperature()) {
      out.writeNumberField("temperature", request.getTemperature());
    }
    if (request.hasTopP()) {
      out.writeNumberField("topP", request.getTopP());
    }
    if (request.hasMaxOutputTokens()) {
      out.writeNumberField("maxOutputTokens", request.getMaxOutputTokens());
    }
    if (request.getStopCount() > 0) {
      out.writeArrayFieldStart("stopSequences");
      for (String stop : request.getStopList()) {
        out.writeString(stop);
      }
      out.writeEndArray();
    }
    if (request.hasSeed()) {
      out.writeNumberField("seed", (int) request.getSeed());
    }
    if (json) {
      out.writeStringField("responseMimeType", "application/json");
    }
    if (format == ResponseFormat.Type.TYPE_JSON_SCHEMA) {
      out.writeFieldName("responseJsonSchema");
      StructJson.write(out, request.getResponseFormat().getJsonSchema());
    }
    out.writeEndObject();
  }
}
