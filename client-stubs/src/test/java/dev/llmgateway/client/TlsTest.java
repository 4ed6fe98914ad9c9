package dev.llmgateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.InsecureChannelCredentials;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transport security: TLS is the default, plaintext is explicit, and a private CA can be trusted.
 * The certificate in test resources is a self-signed one for localhost, made for these tests only.
 */
class TlsTest {
  @TempDir Path temp;

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(TlsTest.class.getResource("/tls/" + name).toURI());
  }

  @Test
  void usesTlsWithThePlatformTrustByDefault() {
    GatewayClientBuilder builder = GatewayClient.builder().target("gateway.example.com:443");

    assertThat(builder.credentials()).isInstanceOf(TlsChannelCredentials.class);
    assertThat(((TlsChannelCredentials) builder.credentials()).getRootCertificates()).isNull();
    // Building does not connect, so no network is needed.
    builder.build().close();
  }

  @Test
  void plaintextIsExplicit() {
    GatewayClientBuilder builder = GatewayClient.builder().target("localhost:50051").plaintext();

    assertThat(builder.credentials()).isInstanceOf(InsecureChannelCredentials.class);
    builder.build().close();
  }

  @Test
  void trustedCertificatesBecomeTheOnlyRoots() throws Exception {
    GatewayClientBuilder builder = GatewayClient.builder().target("localhost:443")
        .trustedCertificates(resource("server.pem"));

    TlsChannelCredentials tls = (TlsChannelCredentials) builder.credentials();
    assertThat(tls.getRootCertificates()).isEqualTo(Files.readAllBytes(resource("server.pem")));
    builder.build().close();
  }

  @Test
  void rejectsAFileWithoutCertificates() throws Exception {
    Path junk = Files.writeString(temp.resolve("junk.pem"), "not a certificate");
    Path missing = temp.resolve("missing.pem");

    assertThatThrownBy(() -> GatewayClient.builder().trustedCertificates(junk))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("junk.pem");
    assertThatThrownBy(() -> GatewayClient.builder().trustedCertificates(missing))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void callsAGatewayWhoseCertificateIsTrusted() throws Exception {
    TlsServerCredentials server = (TlsServerCredentials) TlsServerCredentials.create(
        resource("server.pem").toFile(), resource("server.key").toFile());
    try (ScriptedGateway gateway = ScriptedGateway.withCredentials(server);
        GatewayClient trusting = GatewayClient.builder().target("localhost:" + gateway.port())
            .trustedCertificates(resource("server.pem")).build();
        GatewayClient platformTrust = GatewayClient.builder().target("localhost:" + gateway.port()).build()) {
      assertThat(trusting.listModels().getModels(0).getId()).isEqualTo("scripted-model");
      assertThatThrownBy(platformTrust::listModels)
          .isInstanceOfSatisfying(GatewayClientException.class,
              e -> assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE));
    }
  }

  @Test
  void rejectsTransportSettingsWithACallerOwnedChannel() {
    io.grpc.ManagedChannel channel = io.grpc.Grpc.newChannelBuilder("localhost:1", InsecureChannelCredentials.create()).build();
    try {
      assertThatThrownBy(() -> GatewayClient.builder().channel(channel).plaintext().build())
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> GatewayClient.builder().channel(channel).target("localhost:1").build())
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> GatewayClient.builder().build()).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> GatewayClient.builder().apiKey("has space"))
          .isInstanceOf(IllegalArgumentException.class);
    } finally {
      channel.shutdownNow();
    }
  }
}
