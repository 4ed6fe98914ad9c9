package dev.llmgateway.client;

import static java.util.Objects.requireNonNull;

import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Configures and builds a {@link GatewayClient}. Give either a {@link #target} (the client then owns
 * its channel: TLS by default, the bundled retry policy, closed by {@link GatewayClient#close()}) or
 * a {@link #channel} the caller owns and closes. Not thread-safe; build once and share the client.
 */
public final class GatewayClientBuilder {
  /** The default largest response message: embeddings of many long vectors exceed gRPC's 4 MiB. */
  public static final int DEFAULT_MAX_INBOUND_MESSAGE_SIZE = 64 * 1024 * 1024;

  @Nullable private String target;
  @Nullable private Channel channel;
  private String apiKey = "";
  @Nullable private ChannelCredentials credentials;
  private Duration unaryDeadline = GatewayClient.DEFAULT_UNARY_DEADLINE;
  private Duration streamDeadline = GatewayClient.DEFAULT_STREAM_DEADLINE;
  private Duration shutdownTimeout = GatewayClient.DEFAULT_SHUTDOWN_TIMEOUT;
  private boolean useDefaultServiceConfig = true;
  @Nullable private Map<String, ?> serviceConfig;
  private int maxInboundMessageSize = DEFAULT_MAX_INBOUND_MESSAGE_SIZE;
  private boolean transportConfigured;

  GatewayClientBuilder() {}

  /** Sets the gateway address: {@code host:port}, or any gRPC target such as {@code dns:///host:port}. */
  public GatewayClientBuilder target(String target) {
    this.target = requireNonEmpty(target, "target");
    return this;
  }

  /**
   * Uses {@code channel} for every call instead of creating one. The caller keeps ownership: the
   * client never shuts it down, and the transport settings of this builder do not apply to it.
   */
  public GatewayClientBuilder channel(Channel channel) {
    this.channel = requireNonNull(channel, "channel");
    return this;
  }

  /**
   * Sets the API key, sent as {@code authorization: Bearer <key>} on every call. Empty (the
   * default) sends no authorization header.
   */
  public GatewayClientBuilder apiKey(String apiKey) {
    requireNonNull(apiKey, "apiKey");
    for (int i = 0; i < apiKey.length(); i++) {
      char c = apiKey.charAt(i);
      if (c <= ' ' || c > '~') {
        throw new IllegalArgumentException("apiKey must be printable ASCII without spaces");
      }
    }
    this.apiKey = apiKey;
    return this;
  }

  /** Uses TLS with the platform's trusted certificate authorities (the default). */
  public GatewayClientBuilder tls() {
    return channelCredentials(TlsChannelCredentials.create());
  }

  /**
   * Uses TLS trusting only the certificate authorities in {@code pemFile} (PEM, one or more
   * certificates), for gateways with a private CA.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if it holds no valid certificate
   */
  public GatewayClientBuilder trustedCertificates(Path pemFile) {
    requireNonNull(pemFile, "pemFile");
    byte[] pem;
    try {
      pem = Files.readAllBytes(pemFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trusted certificates from " + pemFile, e);
    }
    try {
      // Parse now so a bad file fails here, not at the first call's handshake.
      if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).isEmpty()) {
        throw new IllegalArgumentException("no certificate in " + pemFile);
      }
      return channelCredentials(TlsChannelCredentials.newBuilder().trustManager(new ByteArrayInputStream(pem)).build());
    } catch (CertificateException | IOException e) {
      throw new IllegalArgumentException("invalid PEM certificates in " + pemFile + ": " + e.getMessage(), e);
    }
  }

  /** Uses plaintext HTTP/2, for a gateway on loopback or behind a TLS-terminating proxy. */
  public GatewayClientBuilder plaintext() {
    return channelCredentials(InsecureChannelCredentials.create());
  }

  /** Uses {@code credentials} as given, e.g. {@link TlsChannelCredentials} with a client certificate. */
  public GatewayClientBuilder channelCredentials(ChannelCredentials credentials) {
    this.credentials = requireNonNull(credentials, "credentials");
    transportConfigured = true;
    return this;
  }

  /** Sets the deadline of unary calls that do not give their own (default 60 s). */
  public GatewayClientBuilder unaryDeadline(Duration deadline) {
    this.unaryDeadline = GatewayClient.requirePositive(deadline, "unaryDeadline");
    return this;
  }

  /** Sets the deadline of streamed completions that do not give their own (default 10 min). */
  public GatewayClientBuilder streamDeadline(Duration deadline) {
    this.streamDeadline = GatewayClient.requirePositive(deadline, "streamDeadline");
    return this;
  }

  /**
   * Sets how long {@link GatewayClient#close()} lets calls in flight finish before cancelling them
   * (default 5 s).
   */
  public GatewayClientBuilder shutdownTimeout(Duration timeout) {
    this.shutdownTimeout = GatewayClient.requirePositive(timeout, "shutdownTimeout");
    return this;
  }

  /**
   * Sets whether the bundled service config applies (default true): unary calls retried on
   * UNAVAILABLE, see {@link GatewayClient#defaultServiceConfig()}. False leaves retries to the caller.
   */
  public GatewayClientBuilder defaultServiceConfig(boolean enabled) {
    this.useDefaultServiceConfig = enabled;
    transportConfigured = true;
    return this;
  }

  /** Replaces the bundled service config with {@code config}, in the shape of gRPC's JSON service config. */
  public GatewayClientBuilder serviceConfig(Map<String, ?> config) {
    this.serviceConfig = requireNonNull(config, "config");
    transportConfigured = true;
    return this;
  }

  /** Sets the largest response message accepted, in bytes (default 64 MiB). */
  public GatewayClientBuilder maxInboundMessageSize(int bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("maxInboundMessageSize must be positive");
    }
    this.maxInboundMessageSize = bytes;
    transportConfigured = true;
    return this;
  }

  /**
   * Builds the client. Creating a channel does not connect: an unreachable gateway shows up as
   * UNAVAILABLE on the first call.
   *
   * @throws IllegalStateException if neither or both of target and channel were given, or
   *     transport settings were given with a caller-owned channel
   */
  public GatewayClient build() {
    if ((target == null) == (channel == null)) {
      throw new IllegalStateException("give exactly one of target(...) and channel(...)");
    }
    if (channel != null) {
      if (transportConfigured) {
        throw new IllegalStateException(
            "transport settings (TLS, service config, message size) apply only to a channel the client creates");
      }
      return new GatewayClient(withApiKey(channel), null, unaryDeadline, streamDeadline, shutdownTimeout);
    }
    ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(target, credentials())
        .maxInboundMessageSize(maxInboundMessageSize);
    Map<String, ?> config = serviceConfig != null ? serviceConfig
        : useDefaultServiceConfig ? ServiceConfigs.loadDefault() : null;
    if (config != null) {
      builder.defaultServiceConfig(config).enableRetry();
    }
    ManagedChannel owned = builder.build();
    return new GatewayClient(withApiKey(owned), owned, unaryDeadline, streamDeadline, shutdownTimeout);
  }

  /** Returns the channel credentials {@link #build()} would use. */
  ChannelCredentials credentials() {
    return credentials != null ? credentials : TlsChannelCredentials.create();
  }

  private Channel withApiKey(Channel base) {
    return apiKey.isEmpty() ? base : ClientInterceptors.intercept(base, new ApiKeyInterceptor(apiKey));
  }

  private static String requireNonEmpty(String value, String name) {
    requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return value;
  }
}
