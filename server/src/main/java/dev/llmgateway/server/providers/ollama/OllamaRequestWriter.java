package dev.llmgateway.server.providers.ollama;

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
import okhttp3.RequestBody;

/**
 * Writes the bodies of {@code POST /api/chat} and {@code POST /api/embed} with the streaming generator.
 * Pure and thread-safe. Input Ollama cannot express fails with INVALID_REQUEST naming the field, before
 * anything is sent.
 *
 * <p>Ollama has no tool choice. {@code MODE_NONE} is kept by not offering the tools at all; a request
 * that the model must call a tool (any, or a named one) cannot be enforced and is rejected rather than
 * silently weakened. Sampling settings go in {@code options}: {@code temperature}, {@code top_p},
 * {@code num_predict} (the output limit), {@code stop}, {@code seed}, and the configured {@code num_ctx}.
 */
final class OllamaRequestWriter {
  private final OllamaMessageWriter messages = new OllamaMessageWriter();
  private final OllamaSettings settings;

  OllamaRequestWriter(OllamaSettings settings) {
    this.settings = settings;
  }

  /** Returns the chat body for {@code request}, sent as {@code model}. */
  RequestBody chatBody(CompleteRequest request, String model, boolean stream) {
    ToolChoice.Mode mode = request.getToolChoice().getMode();
    if (request.getToolsCount() > 0 && (mode == ToolChoice.Mode.MODE_REQUIRED || mode == ToolChoice.Mode.MODE_TOOL)) {
      throw GatewayException.invalidField("tool_choice.mode",
          "Ollama cannot force a tool call; use MODE_AUTO or MODE_NONE");
    }
    return Json.body(out -> {
      out.writeStartObject();
      out.writeStringField("model", model);
      messages.write(out, request.getMessagesList());
      if (request.getToolsCount() > 0 && mode != ToolChoice.Mode.MODE_NONE) {
        writeTools(out, request);
      }
      writeFormat(out, request.getResponseFormat());
      writeOptions(out, request);
      writeKeepAlive(out);
      out.writeBooleanField("stream", stream);
      out.writeEndObject();
    });
  }

  /** Returns the embed body for {@code request}, sent as {@code model}. */
  RequestBody embedBody(EmbedRequest request, String model) {
    return Json.body(out -> {
      out.writeStartObject();
      out.writeStringField("model", model);
      out.writeArrayFieldStart("input");
      for (String input : request.getInputsList()) {
        out.writeString(input);
      }
      out.writeEndArray();
      if (request.hasDimensions()) {
        out.writeNumberField("dimensions", request.getDimensions());
      }
      out.writeBooleanField("truncate", settings.truncateEmbedInputs());
      if (settings.numCtx() > 0) {
        out.writeObjectFieldStart("options");
        out.writeNumberField("num_ctx", settings.numCtx());
        out.writeEndObject();
      }
      writeKeepAlive(out);
      // Ollama has no input types: the input_type of the request has nothing to map to.
      out.writeEndObject();
    });
  }

  private static void writeTools(JsonGenerator out, CompleteRequest request) throws IOException {
    out.writeArrayFieldStart("tools");
    for (Tool tool : request.getToolsList()) {
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
        // Ollama's schema requires parameters; a function without any takes an empty object.
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
  }

  private static void writeFormat(JsonGenerator out, ResponseFormat format) throws IOException {
    switch (format.getType()) {
      case TYPE_JSON_OBJECT -> out.writeStringField("format", "json");
      case TYPE_JSON_SCHEMA -> {
        // Ollama constrains generation to the schema itself, so there is no strict flag or name to send.
        out.writeFieldName("format");
        StructJson.write(out, format.getJsonSchema());
      }
      // Free text is Ollama's default; there is no value for it.
      default -> { }
    }
  }

  private void writeOptions(JsonGenerator out, CompleteRequest request) throws IOException {
    boolean any = request.hasTemperature() || request.hasTopP() || request.hasMaxOutputTokens()
        || request.getStopCount() > 0 || request.hasSeed() || settings.numCtx() > 0;
    if (!any) {
      return;
    }
    out.writeObjectFieldStart("options");
    if (request.hasTemperature()) {
      out.writeNumberField("temperature", request.getTemperature());
    }
    if (request.hasTopP()) {
      out.writeNumberField("top_p", request.getTopP());
    }
    if (request.hasMaxOutputTokens()) {
      out.writeNumberField("num_predict", request.getMaxOutputTokens());
    }
    if (request.getStopCount() > 0) {
      out.writeArrayFieldStart("stop");
      for (String stop : request.getStopList()) {
        out.writeString(stop);
      }
      out.writeEndArray();
    }
    if (request.hasSeed()) {
      out.writeNumberField("seed", request.getSeed());
    }
    if (settings.numCtx() > 0) {
      out.writeNumberField("num_ctx", settings.numCtx());
    }
    out.writeEndObject();
  }

  private void writeKeepAlive(JsonGenerator out) throws IOException {
    String keepAlive = settings.keepAlive();
    if (keepAlive == null) {
      return;
    }
    // Ollama reads a number as seconds and a string as a Go duration, which needs a unit.
    if (keepAlive.chars().allMatch(c -> c == '-' || Character.isDigit(c))) {
      out.writeNumberField("keep_alive", Long.parseLong(keepAlive));
    } else {
      out.writeStringField("keep_alive", keepAlive);
    }
  }
}
