package dev.llmgateway.server.providers.bedrock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import okhttp3.RequestBody;
import okio.Buffer;

/** Reads back request bodies the adapter wrote itself, to sign their exact bytes. */
final class BedrockBodies {
  private BedrockBodies() {}

  /** Returns the bytes {@code body} writes. */
  static byte[] bytes(RequestBody body) {
    Buffer buffer = new Buffer();
    try {
      body.writeTo(buffer);
    } catch (IOException e) {
      // Writing an in-memory body into an in-memory buffer cannot fail for I/O reasons.
      throw new UncheckedIOException(e);
    }
    return buffer.readByteArray();
  }

  /** Returns the text {@code body} writes, as UTF-8. */
  static String utf8(RequestBody body) {
    return new String(bytes(body), StandardCharsets.UTF_8);
  }
}
