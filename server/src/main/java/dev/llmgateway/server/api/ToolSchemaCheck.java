package dev.llmgateway.server.api;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Set;

/**
 * Checks that a tool's parameters are a usable JSON Schema object: top-level {@code type} "object",
 * {@code properties} an object of schema objects, {@code required} a list of names from
 * {@code properties}, and every {@code type} keyword a JSON Schema type name. Catching these here gives
 * the caller a precise field path instead of a provider's vague 400.
 */
final class ToolSchemaCheck {
  private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean", "null");
  private static final int MAX_DEPTH = 32;

  private ToolSchemaCheck() {}

  static void check(Struct schema, String path, Violations out) {
    Value type = schema.getFieldsMap().get("type");
    if (type == null || !type.hasStringValue() || !type.getStringValue().equals("object")) {
      out.add(path + ".type", "must be \"object\" (tool parameters are a JSON Schema object)");
      return;
    }
    checkNode(schema, path, out, 0);
  }

  private static void checkNode(Struct schema, String path, Violations out, int depth) {
    if (depth > MAX_DEPTH) {
      out.add(path, "nests deeper than " + MAX_DEPTH + " levels");
      return;
    }
    Value type = schema.getFieldsMap().get("type");
    if (type != null) {
      checkType(type, path + ".type", out);
    }
    Value properties = schema.getFieldsMap().get("properties");
    if (properties != null) {
      if (!properties.hasStructValue()) {
        out.add(path + ".properties", "must be an object mapping names to schemas");
      } else {
        properties.getStructValue().getFieldsMap().forEach((name, sub) -> {
          if (!sub.hasStructValue()) {
            out.add(path + ".properties." + name, "must be a schema object");
          } else {
            checkNode(sub.getStructValue(), path + ".properties." + name, out, depth + 1);
          }
        });
      }
    }
    Value required = schema.getFieldsMap().get("required");
    if (required != null) {
      if (!required.hasListValue()) {
        out.add(path + ".required", "must be a list of property names");
      } else {
        Struct props = properties != null && properties.hasStructValue() ? properties.getStructValue() : null;
        for (Value name : required.getListValue().getValuesList()) {
          if (!name.hasStringValue()) {
            out.add(path + ".required", "must hold only strings");
          } else if (props == null || !props.containsFields(name.getStringValue())) {
            out.add(path + ".required", "names '" + name.getStringValue() + "', which is not in properties");
          }
        }
      }
    }
    Value items = schema.getFieldsMap().get("items");
    if (items != null) {
      if (items.hasStructValue()) {
        checkNode(items.getStructValue(), path + ".items", out, depth + 1);
      } else if (!items.hasBoolValue()) {
        out.add(path + ".items", "must be a schema object");
      }
    }
  }

  private static void checkType(Value type, String path, Violations out) {
    if (type.hasStringValue()) {
      if (!TYPES.contains(type.getStringValue())) {
        out.add(path, "'" + type.getStringValue() + "' is not a JSON Schema type (expected one of " + TYPES + ")");
      }
    } else if (type.hasListValue()) {
      for (Value t : type.getListValue().getValuesList()) {
        checkType(t, path, out);
      }
    } else {
      out.add(path, "must be a type name or a list of them");
    }
  }
}
