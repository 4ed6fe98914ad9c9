package dev.llmgateway.server.cache;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.EmbedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds cache keys: {@code gw:v1:cache:<kind>:<sha256 hex>}, the digest taken over the tenant, the resolved
 * model (catalogue id and upstream name) and a deterministic protobuf serialisation of what changes the
 * answer. Every part is length-prefixed, so no two different inputs share a digest input.
 *
 * <p>Left out because they never change the answer: {@code model} (the caller's name, possibly an alias; the
 * resolved model is hashed instead), {@code metadata} (recorded with usage, never sent upstream) and
 * {@code user} (an end-user id providers use for abuse monitoring only). Everything else is in: messages,
 * tools, tool choice, response format and every sampling parameter, after the model's defaults were applied.
 */
final class CacheKeys {
  /** Starts every cache key; a new layout gets a new version rather than reading old entries. */
  static final String PREFIX = "gw:v1:cache:";
  /** A Complete answer. */
  static final String COMPLETE = "complete";
  /** A CompleteStream answer, as its chunks. */
  static final String STREAM = "stream";
  /** One Embed input's vector. */
  static final String EMBEDDING = "embed";

  private CacheKeys() {}

  /** Returns the key of a completion ({@link #COMPLETE} or {@link #STREAM}). */
  static String completion(String kind, String tenant, String modelId, String upstreamModel, CompleteRequest prepared) {
    CompleteRequest answerChanging = prepared.toBuilder().clearModel().clearMetadata().clearUser().build();
    MessageDigest digest = start(kind, tenant, modelId, upstreamModel);
    digest.update(deterministic(answerChanging));
    return PREFIX + kind + ":" + HexFormat.of().formatHex(digest.digest());
  }

  /** Returns the key of input {@code index} of an Embed request. */
  static String embedding(String tenant, String modelId, String upstreamModel, EmbedRequest prepared, int index) {
    MessageDigest digest = start(EMBEDDING, tenant, modelId, upstreamModel);
    update(digest, prepared.hasDimensions() ? Integer.toString(prepared.getDimensions()) : "");
    update(digest, prepared.getInputType().name());
    update(digest, prepared.getInputs(index));
    return PREFIX + EMBEDDING + ":" + HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest start(String kind, String tenant, String modelId, String upstreamModel) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException(e);
    }
    update(digest, kind);
    update(digest, tenant);
    update(digest, modelId);
    update(digest, upstreamModel);
    return digest;
  }

  private static void update(MessageDigest digest, String part) {
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    int n = bytes.length;
    digest.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    digest.update(bytes);
  }

  /** Serialises with map entries in key order, so equal requests give equal bytes. */
  private static byte[] deterministic(MessageLite message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.getSerializedSize());
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.useDeterministicSerialization();
    try {
      message.writeTo(out);
      out.flush();
    } catch (IOException e) {
      // Writing to memory cannot fail.
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
