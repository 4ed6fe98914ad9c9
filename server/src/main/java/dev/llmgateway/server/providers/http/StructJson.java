package dev.llmgateway.server.providers.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.io.IOException;
import java.util.Map;

/**
 * Writes {@code google.protobuf.Struct} values (tool parameters, JSON schemas) straight into a Jackson
 * generator, without going through protobuf's reflective JSON printer.
 */
public final class StructJson {
  private StructJson() {}

  /** Writes {@code struct} as a JSON object. */
  public static void write(JsonGenerator out, Struct struct) throws IOException {
    out.writeStartObject();
    for (Map.Entry<String, Value> e : struct.getFieldsMap().entrySet()) {
      out.writeFieldName(e.getKey());
      write(out, e.getValue());
    }
    out.writeEndObject();
  }

  /** Writes one value. */
  public static void write(JsonGenerator out, Value value) throws IOException {
    switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> out.writeNull();
      case BOOL_VALUE -> out.writeBoolean(value.getBoolValue());
      case STRING_VALUE -> out.writeString(value.getStringValue());
      case STRUCT_VALUE -> write(out, value.getStructValue());
      case LIST_VALUE -> write(out, value.getListValue());
      case NUMBER_VALUE -> {
        double d = value.getNumberValue();
        // Struct numbers are doubles; integral ones go out as integers so schemas read naturally.
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
          out.writeNumber((long) d);
        } else {
          out.writeNumber(d);
        }
      }
    }
  }

  private static void write(JsonGenerator out, ListValue list) throws IOException {
    out.writeStartArray();
    for (Value v : list.getValuesList()) {
      write(out, v);
    }
    out.writeEndArray();
  }
}
