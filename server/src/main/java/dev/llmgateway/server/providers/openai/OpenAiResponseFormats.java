package dev.llmgateway.server.providers.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.llmgateway.server.providers.http.StructJson;
import dev.llmgateway.v1.ResponseFormat;
import java.io.IOException;

/** Writes a request's {@code response_format} in the form the server understands. Pure. */
final class OpenAiResponseFormats {
  private OpenAiResponseFormats() {}

  /** Writes {@code format} as a {@code response_format} field in {@code style}, or nothing when unset. */
  static void write(JsonGenerator out, ResponseFormat format, Style style) throws IOException {
    if (style == Style.TGI_GRAMMAR) {
      writeGrammar(out, format);
    } else {
      writeOpenAi(out, format);
    }
  }

  private static void writeOpenAi(JsonGenerator out, ResponseFormat format) throws IOException {
    switch (format.getType()) {
      case TYPE_TEXT -> writeFormatType(out, "text");
      case TYPE_JSON_OBJECT -> writeFormatType(out, "json_object");
      case TYPE_JSON_SCHEMA -> {
        out.writeObjectFieldStart("response_format");
        out.writeStringField("type", "json_schema");
        out.writeObjectFieldStart("json_schema");
        out.writeStringField("name", format.getSchemaName());
        out.writeFieldName("schema");
        StructJson.write(out, format.getJsonSchema());
        if (format.getStrict()) {
          out.writeBooleanField("strict", true);
        }
        out.writeEndObject();
        out.writeEndObject();
      }
      default -> { }
    }
  }

  /**
   * Writes JSON output requests in TGI's grammar form, {@code {"type": "json", "value": <schema>}}: TGI
   * reads {@code response_format} as a grammar whose value is required, so OpenAI's bare
   * {@code {"type": "json_object"}} fails there. JSON mode becomes the schema of any object; plain text
   * is TGI's default and is left unsaid.
   */
  private static void writeGrammar(JsonGenerator out, ResponseFormat format) throws IOException {
    switch (format.getType()) {
      case TYPE_JSON_OBJECT -> {
        out.writeObjectFieldStart("response_format");
        out.writeStringField("type", "json");
        out.writeObjectFieldStart("value");
        out.writeStringField("type", "object");
        out.writeEndObject();
        out.writeEndObject();
      }
      case TYPE_JSON_SCHEMA -> {
        out.writeObjectFieldStart("response_format");
        out.writeStringField("type", "json");
        out.writeFieldName("value");
        StructJson.write(out, format.getJsonSchema());
        out.writeEndObject();
      }
      default -> { }
    }
  }

  private static void writeFormatType(JsonGenerator out, String type) throws IOException {
    out.writeObjectFieldStart("response_format");
    out.writeStringField("type", type);
    out.writeEndObject();
  }

  /** How a request for JSON output is written. */
  enum Style {
    /** OpenAI's {@code response_format}: {@code json_object} or {@code json_schema}. */
    OPENAI,
    /** Hugging Face TGI's grammar: {@code {"type": "json", "value": <schema>}}. */
    TGI_GRAMMAR
  }
}
