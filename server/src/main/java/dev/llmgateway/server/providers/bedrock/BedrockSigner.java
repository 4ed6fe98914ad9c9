package dev.llmgateway.server.providers.bedrock;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Signs requests with AWS Signature Version 4 through the AWS SDK's {@link AwsV4HttpSigner}: the signer
 * builds the canonical request (double URI-encoding the already encoded path, as every service but S3
 * expects), hashes the body into {@code x-amz-content-sha256}, and adds {@code X-Amz-Date}, the session
 * token when there is one, and {@code Authorization}. The clock is injected so tests sign
 * deterministically. Thread-safe.
 */
final class BedrockSigner {
  /** The signing name of both Bedrock Runtime and the Bedrock control plane, whatever the host says. */
  static final String SERVICE = "bedrock";

  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  private final BedrockCredentials credentials;
  private final String region;
  private final Clock clock;

  BedrockSigner(BedrockCredentials credentials, String region, Clock clock) {
    this.credentials = requireNonNull(credentials, "credentials");
    this.region = requireNonNull(region, "region");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Returns the headers to add to a request so it carries a valid signature for {@code service}: the
   * signature covers the method, {@code url} exactly as it will be sent, the host, every header in
   * {@code signed} and the {@code body} bytes. Headers added to the request later are not signed.
   */
  Headers sign(String service, String method, HttpUrl url, Headers signed, byte[] body) {
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
        .method(SdkHttpMethod.fromValue(method))
        .uri(URI.create(url.toString()));
    for (int i = 0; i < signed.size(); i++) {
      unsigned.appendHeader(signed.name(i), signed.value(i));
    }
    SignedRequest result = SIGNER.sign(r -> r
        .identity(credentials.identity())
        .request(unsigned.build())
        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    Headers.Builder added = new Headers.Builder();
    for (Map.Entry<String, List<String>> header : result.request().headers().entrySet()) {
      String name = header.getKey();
      // Host is derived from the URL by the HTTP client itself, and the caller already holds the rest.
      if (name.equalsIgnoreCase("Host") || signed.get(name) != null) {
        continue;
      }
      header.getValue().forEach(value -> added.add(name, value));
    }
    return added.build();
  }
}
