package dev.llmgateway.server.providers.cohere;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.providers.http.StructJson;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.ResponseFormat;
import dev.llmgateway.v1.Tool;
import dev.llmgateway.v1.ToolChoice;
import java.io.IOException;
import java.util.List;
import okhttp3.RequestBody;

/**
 * Writes the bodies of {@code POST /v2/chat} and {@code POST /v2/embed} with the streaming generator.
 * Pure and thread-safe. Input Cohere cannot express fails with INVALID_REQUEST naming the field, before
 * anything is sent.
 *
 * <p>Cohere's {@code tool_choice} knows only {@code REQUIRED} and {@code NONE}; leaving it out is auto.
 * A choice of one named tool is expressed as {@code REQUIRED} with that tool the only one offered, which
 * leaves the model exactly one tool it must call.
 */
final class CohereRequestWriter {
  /** The most texts one {@code /v2/embed} call takes. */
  static final int MAX_EMBED_TEXTS = 96;

  private final CohereMessageWriter messages = new CohereMessageWriter();
  private final String defaultInputType;

  CohereRequestWriter(String defaultInputType) {
    this.defaultInputType = defaultInputType;
  }

  /** Returns the chat body for {@code request}, sent as {@code model}. */
  RequestBody chatBody(CompleteRequest request, String model, boolean stream) {
    List<Tool> tools = offeredTools(request);
    return Json.body(out -> {
      out.writeStartObject();
      out.writeStringField("model", model);
      messages.write(out, request.getMessagesList());
      writeTools(out, tools);
      writeToolChoice(out, request.getToolChoice(), tools);
      writeResponseFormat(out, request.getResponseFormat());
      if (request.hasTemperature()) {
        out.writeNumberField("temperature", request.getTemperature());
      }
      if (request.hasTopP()) {
        out.writeNumberField("p", request.getTopP());
      }
      if (request.hasMaxOutputTokens()) {
        out.writeNumberField("max_tokens", request.getMaxOutputTokens());
      }
      if (request.getStopCount() > 0) {
        out.writeArrayFieldStart("stop_sequences");
        for (String stop : request.getStopList()) {
          out.writeString(stop);
        }
        out.writeEndArray();
      }
      if (request.hasSeed()) {
        out.writeNumberField("seed", request.getSeed());
      }
      // Cohere has no end-user field; metadata and user stay with the gateway.
      out.writeBooleanField("stream", stream);
      out.writeEndObject();
    });
  }

  /** Returns the embed body for {@code request}, sent as {@code model}, asking for float vectors. */
  RequestBody embedBody(EmbedRequest request, String model) {
    if (request.getInputsCount() > MAX_EMBED_TEXTS) {
      throw GatewayException.invalidField("inputs", "Cohere embeds at most " + MAX_EMBED_TEXTS
          + " texts per call, got " + request.getInputsCount());
    }
    return Json.body(out -> {
      out.writeStartObject();
      out.writeStringField("model", model);
      out.writeArrayFieldStart("texts");
      for (String input : request.getInputsList()) {
        out.writeString(input);
      }
      out.writeEndArray();
      out.writeStringField("input_type", inputType(request));
      out.writeArrayFieldStart("embedding_types");
      out.writeString("float");
      out.writeEndArray();
      if (request.hasDimensions()) {
        // Only embed-v4.0 and later can shorten their vectors; older models reject the field.
        out.writeNumberField("output_dimension", request.getDimensions());
      }
      out.writeEndObject();
    });
  }

  private String inputType(EmbedRequest request) {
    return switch (request.getInputType()) {
      case EMBED_INPUT_TYPE_SEARCH_DOCUMENT -> "search_document";
      case EMBED_INPUT_TYPE_SEARCH_QUERY -> "search_query";
      case EMBED_INPUT_TYPE_CLASSIFICATION -> "classification";
      case EMBED_INPUT_TYPE_CLUSTERING -> "clustering";
      default -> defaultInputType;
    };
  }

  private static List<Tool> offeredTools(CompleteRequest request) {
    ToolChoice choice = request.getToolChoice();
    if (choice.getMode() != ToolChoice.Mode.MODE_TOOL) {
      return request.getToolsList();
    }
    List<Tool> named = request.getToolsList().stream().filter(t -> t.getName().equals(choice.getToolName())).toList();
    if (named.isEmpty()) {
      throw GatewayException.invalidField("tool_choice.tool_name",
          "'" + choice.getToolName() + "' is not one of the request's tools");
    }
    return named;
  }

  private static void writeTools(JsonGenerator out, List<Tool> tools) throws IOException {
    if (tools.isEmpty()) {
      return;
    }
    out.writeArrayFieldStart("tools");
    for (Tool tool : tools) {
      out.writeStartObject();
      out.writeStringField("type", "function");
      out.writeObjectFieldStart("function");
      out.writeStringField("name", tool.getName());
      if (!tool.getDescription().isEmpty()) {
        out.writeStringField("description", tool.getDescription());
      }
      out.writeFieldName("parameters");
      if (tool.hasParameters()) {
        StructJson.write(out, tool.getParameters());
      } else {
        // Cohere requires a schema; a function without parameters takes an empty object.
        out.writeStartObject();
        out.writeStringField("type", "object");
        out.writeObjectFieldStart("properties");
        out.writeEndObject();
        out.writeEndObject();
      }
      out.writeEndObject();
      out.writeEndObject();
    }
    out.writeEndArray();
    // strict_tools holds every tool to its schema at once; when any tool asks for it, holding the
    // others too only makes their arguments valid as well.
    if (tools.stream().anyMatch(Tool::getStrict)) {
      out.writeBooleanField("strict_tools", true);
    }
  }

  private static void writeToolChoice(JsonGenerator out, ToolChoice choice, List<Tool> tools) throws IOException {
    if (tools.isEmpty()) {
      return;
    }
    switch (choice.getMode()) {
      case MODE_REQUIRED, MODE_TOOL -> out.writeStringField("tool_choice", "REQUIRED");
      case MODE_NONE -> out.writeStringField("tool_choice", "NONE");
      // Auto is Cohere's behaviour when tool_choice is absent; it has no value for it.
      default -> { }
    }
  }

  private static void writeResponseFormat(JsonGenerator out, ResponseFormat format) throws IOException {
    switch (format.getType()) {
      case TYPE_TEXT -> {
        out.writeObjectFieldStart("response_format");
        out.writeStringField("type", "text");
        out.writeEndObject();
      }
      case TYPE_JSON_OBJECT -> {
        out.writeObjectFieldStart("response_format");
        out.writeStringField("type", "json_object");
        out.writeEndObject();
      }
      case TYPE_JSON_SCHEMA -> {
        // Cohere always enforces a given schema, so there is no strict flag to pass; it has no schema name.
        out.writeObjectFieldStart("response_format");
        out.writeStringField("type", "json_object");
        out.writeFieldName("json_schema");
        StructJson.write(out, format.getJsonSchema());
        out.writeEndObject();
      }
      default -> { }
    }
  }
}
