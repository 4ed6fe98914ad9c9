package dev.llmgateway.server.providers.bedrock;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.v1.EmbedRequest;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Headers;
import okhttp3.RequestBody;

/**
 * Speaks the InvokeModel bodies of Bedrock's embedding models, chosen by model id: Amazon Titan Text
 * Embeddings ({@code {inputText, dimensions, normalize}}, one text per call) and Cohere Embed
 * ({@code {texts, input_type, embedding_types}}, up to 96 texts per call). Pure and thread-safe.
 */
final class BedrockEmbeddings {
  /** The most texts Cohere Embed on Bedrock takes in one call. */
  static final int COHERE_BATCH = 96;
  /** Bedrock's count of the input tokens an InvokeModel call consumed. */
  static final String INPUT_TOKENS_HEADER = "x-amzn-bedrock-input-token-count";

  /** The request and response shape of a model family. */
  enum Format {
    /** Titan Text Embeddings V2: dimensions and normalize. */
    TITAN_V2,
    /** Titan Text Embeddings V1 (and G1): the text only. */
    TITAN,
    /** Cohere Embed v3: a batch of texts with an input type. */
    COHERE,
    /** Cohere Embed v4: as v3, plus an output dimension. */
    COHERE_V4
  }

  /** One call's vectors, in input order, and the input tokens it consumed. */
  record Batch(List<List<Float>> vectors, long inputTokens) {
    Batch {
      vectors = List.copyOf(vectors);
    }
  }

  private final BedrockErrors errors;

  BedrockEmbeddings(BedrockErrors errors) {
    this.errors = requireNonNull(errors, "errors");
  }

  /** Returns the format of {@code model}; throws INVALID_REQUEST naming {@code model} when it has none. */
  static Format formatOf(String model, String provider) {
    String base = BedrockModelIds.baseModel(model);
    if (base.startsWith("amazon.titan-embed-text-v2")) {
      return Format.TITAN_V2;
    }
    if (base.startsWith("amazon.titan-embed")) {
      return Format.TITAN;
    }
    if (base.startsWith("cohere.embed-v4")) {
      return Format.COHERE_V4;
    }
    if (base.startsWith("cohere.embed")) {
      return Format.COHERE;
    }
    throw GatewayException.invalidField("model", "provider '" + provider + "' cannot tell the embedding format of '"
        + model + "': use an amazon.titan-embed-* or cohere.embed-* model id");
  }

  /** Returns how many texts one call takes. */
  static int batchSize(Format format) {
    return format == Format.COHERE || format == Format.COHERE_V4 ? COHERE_BATCH : 1;
  }

  /** Rejects what {@code format} cannot express before any call is made. */
  static void check(Format format, EmbedRequest request) {
    if (request.hasDimensions() && (format == Format.TITAN || format == Format.COHERE)) {
      throw GatewayException.invalidField("dimensions", "this embedding model has a fixed vector length");
    }
  }

  /** Returns the InvokeModel body embedding {@code texts}. */
  static RequestBody body(Format format, EmbedRequest request, List<String> texts) {
    return Json.body(out -> {
      out.writeStartObject();
      switch (format) {
        case TITAN_V2 -> {
          out.writeStringField("inputText", texts.get(0));
          if (request.hasDimensions()) {
            out.writeNumberField("dimensions", request.getDimensions());
          }
          out.writeBooleanField("normalize", true);
        }
        case TITAN -> out.writeStringField("inputText", texts.get(0));
        case COHERE, COHERE_V4 -> {
          out.writeArrayFieldStart("texts");
          for (String text : texts) {
            out.writeString(text);
          }
          out.writeEndArray();
          out.writeStringField("input_type", inputType(request));
          out.writeArrayFieldStart("embedding_types");
          out.writeString("float");
          out.writeEndArray();
          if (format == Format.COHERE_V4 && request.hasDimensions()) {
            out.writeNumberField("output_dimension", request.getDimensions());
          }
        }
      }
      out.writeEndObject();
    });
  }

  /**
   * Reads one call's answer, which must hold {@code expected} vectors. Titan reports its token count in
   * the body ({@code inputTextTokenCount}); Cohere's body has none, so Bedrock's token-count header counts.
   */
  Batch parse(Format format, JsonNode body, Headers headers, int expected) {
    List<List<Float>> vectors = new ArrayList<>(expected);
    long tokens;
    if (format == Format.TITAN || format == Format.TITAN_V2) {
      vectors.add(vector(body.get("embedding")));
      tokens = body.has("inputTextTokenCount") ? BedrockUsage.count(body, "inputTextTokenCount")
          : headerCount(headers);
    } else {
      JsonNode embeddings = body.get("embeddings");
      // With embedding_types Cohere answers {"float": [[...]]}; older callers see a bare list of lists.
      JsonNode list = embeddings != null && embeddings.isObject() ? embeddings.get("float") : embeddings;
      if (list == null || !list.isArray()) {
        throw errors.protocolError("answered without an embeddings list", null);
      }
      for (JsonNode v : list) {
        vectors.add(vector(v));
      }
      tokens = headerCount(headers);
    }
    if (vectors.size() != expected) {
      throw errors.protocolError("answered with " + vectors.size() + " embeddings for " + expected + " inputs", null);
    }
    return new Batch(vectors, tokens);
  }

  private List<Float> vector(JsonNode values) {
    if (values == null || !values.isArray()) {
      throw errors.protocolError("answered without an embedding vector", null);
    }
    List<Float> vector = new ArrayList<>(values.size());
    for (JsonNode v : values) {
      if (!v.isNumber()) {
        throw errors.protocolError("answered with an embedding that holds a non-number", null);
      }
      vector.add(v.floatValue());
    }
    return vector;
  }

  private static long headerCount(Headers headers) {
    String value = headers.get(INPUT_TOKENS_HEADER);
    try {
      return value == null ? 0 : Math.max(0, Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      // A malformed count is no count: usage then reports 0 input tokens for this call.
      return 0;
    }
  }

  private static String inputType(EmbedRequest request) {
    return switch (request.getInputType()) {
      case EMBED_INPUT_TYPE_SEARCH_QUERY -> "search_query";
      case EMBED_INPUT_TYPE_CLASSIFICATION -> "classification";
      case EMBED_INPUT_TYPE_CLUSTERING -> "clustering";
      // Cohere requires a type; documents are its general-purpose default.
      case EMBED_INPUT_TYPE_SEARCH_DOCUMENT, EMBED_INPUT_TYPE_UNSPECIFIED, UNRECOGNIZED -> "search_document";
    };
  }
}
