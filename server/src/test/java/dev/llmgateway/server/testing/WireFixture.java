package dev.llmgateway.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.MockResponse;
import okio.Buffer;

/**
 * Loads a recorded provider response from {@code src/test/resources/wire/<provider>/<case>.*}: the
 * {@code .headers} file (status line, then one header per line) and the body file, served byte for byte.
 */
public final class WireFixture {
  private final String status;
  private final List<String> headers;
  private final byte[] body;

  private WireFixture(String status, List<String> headers, byte[] body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /** Loads {@code wire/<provider>/<stem>.headers} and {@code wire/<provider>/<stem>.<bodyExtension>}. */
  public static WireFixture load(String provider, String stem, String bodyExtension) {
    String base = "/wire/" + provider + "/" + stem;
    List<String> lines = new String(bytes(base + ".headers"), StandardCharsets.UTF_8).lines()
        .filter(l -> !l.isBlank()).toList();
    return new WireFixture(lines.get(0), lines.subList(1, lines.size()), bytes(base + "." + bodyExtension));
  }

  /** Returns the body bytes exactly as recorded. */
  public byte[] body() {
    return body.clone();
  }

  /** Returns the body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Returns the HTTP status code. */
  public int code() {
    return Integer.parseInt(status.split(" ")[1]);
  }

  /** Returns a response builder with the recorded status, headers and body. */
  public MockResponse.Builder toResponse() {
    MockResponse.Builder builder = new MockResponse.Builder().status(status);
    for (String header : headers) {
      int colon = header.indexOf(':');
      builder.addHeader(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
    }
    return builder.body(new Buffer().write(body));
  }

  /** Returns the response with the body sent in chunks of {@code chunkSize} bytes, as real streams split. */
  public MockResponse.Builder toChunkedResponse(int chunkSize) {
    MockResponse.Builder builder = toResponse();
    return builder.chunkedBody(new Buffer().write(body), chunkSize);
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = WireFixture.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
