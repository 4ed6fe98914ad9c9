package dev.llmgateway.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads gRPC service config JSON into the map shape {@code ManagedChannelBuilder.defaultServiceConfig} takes. */
final class ServiceConfigs {
  /** The classpath resource of the default service config shipped in this jar. */
  static final String DEFAULT_RESOURCE = "service-config.json";

  private ServiceConfigs() {}

  /** Loads the service config bundled with the client. */
  static Map<String, ?> loadDefault() {
    try (InputStream in = ServiceConfigs.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the client jar lacks its " + DEFAULT_RESOURCE + " resource");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
    }
  }

  /** Parses a service config JSON object; numbers become doubles, as gRPC requires. */
  static Map<String, ?> parse(Reader json) {
    JsonElement root;
    try {
      root = JsonParser.parseReader(json);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("service config is not valid JSON: " + e.getMessage(), e);
    }
    if (!root.isJsonObject()) {
      throw new IllegalArgumentException("service config must be a JSON object");
    }
    return object(root);
  }

  private static Map<String, ?> object(JsonElement element) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : element.getAsJsonObject().entrySet()) {
      out.put(e.getKey(), value(e.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  private static Object value(JsonElement element) {
    if (element.isJsonObject()) {
      return object(element);
    }
    if (element.isJsonArray()) {
      List<Object> out = new ArrayList<>();
      for (JsonElement item : element.getAsJsonArray()) {
        out.add(value(item));
      }
      return Collections.unmodifiableList(out);
    }
    if (element.isJsonNull()) {
      return null;
    }
    var primitive = element.getAsJsonPrimitive();
    if (primitive.isBoolean()) {
      return primitive.getAsBoolean();
    }
    if (primitive.isNumber()) {
      return primitive.getAsDouble();
    }
    return primitive.getAsString();
  }
}
