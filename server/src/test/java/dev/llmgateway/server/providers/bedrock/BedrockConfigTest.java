package dev.llmgateway.server.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.providers.ProviderAdapter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Reads the region, endpoints and AWS credentials of a Bedrock provider from its configuration and environment. */
class BedrockConfigTest {

  @Test
  void derivesBothEndpointsFromTheRegionInAwsRegion() {
    BedrockSettings settings = BedrockSettings.from(config("", Map.of()), Map.of("AWS_REGION", "eu-central-1")::get);

    assertThat(settings.region()).isEqualTo("eu-central-1");
    assertThat(settings.runtimeUrl().toString()).isEqualTo("https://bedrock-runtime.eu-central-1.amazonaws.com/");
    assertThat(settings.controlUrl().toString()).isEqualTo("https://bedrock.eu-central-1.amazonaws.com/");
  }

  @Test
  void prefersTheRegionOptionAndTheConfiguredBaseUrl() {
    BedrockSettings settings = BedrockSettings.from(
        config("https://vpce-123.bedrock-runtime.us-west-2.vpce.amazonaws.com/", Map.of("region", "us-west-2")),
        Map.of("AWS_REGION", "eu-central-1")::get);

    assertThat(settings.region()).isEqualTo("us-west-2");
    assertThat(settings.runtimeUrl().host()).isEqualTo("vpce-123.bedrock-runtime.us-west-2.vpce.amazonaws.com");
  }

  @Test
  void rejectsAMissingOrMalformedRegionAndUnknownOptions() {
    assertThatThrownBy(() -> BedrockSettings.from(config("", Map.of()), Map.<String, String>of()::get))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("providers.aws.options.region");
    assertThatThrownBy(() -> BedrockSettings.from(config("", Map.of("region", "Frankfurt")), Map.<String, String>of()::get))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("'Frankfurt'");
    assertThatThrownBy(() -> BedrockSettings.from(config("", Map.of("regoin", "us-east-1")), Map.<String, String>of()::get))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("options.regoin");
  }

  @Test
  void readsTheSecretAndSessionTokenFromTheStandardVariables() {
    Map<String, String> env = new HashMap<>(BedrockTesting.environment());
    env.put("AWS_SESSION_TOKEN", "token-1");

    BedrockCredentials credentials = BedrockCredentials.from(config("", Map.of()), env::get);

    assertThat(credentials.identity()).isInstanceOfSatisfying(AwsSessionCredentialsIdentity.class, identity -> {
      assertThat(identity.accessKeyId()).isEqualTo(BedrockTesting.ACCESS_KEY);
      assertThat(identity.secretAccessKey()).isEqualTo(BedrockTesting.SECRET_KEY);
      assertThat(identity.sessionToken()).isEqualTo("token-1");
    });
    assertThat(credentials.toString()).doesNotContain(BedrockTesting.ACCESS_KEY, BedrockTesting.SECRET_KEY);
  }

  @Test
  void failsAtStartUpNamingTheMissingSecretVariableWithoutShowingTheKey() {
    Map<String, String> env = Map.of("AWS_REGION", "us-east-1");

    assertThatThrownBy(() -> BedrockCredentials.from(config("", Map.of()), env::get))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("AWS_SECRET_ACCESS_KEY is not set")
        .hasMessageNotContaining(BedrockTesting.ACCESS_KEY);
  }

  @Test
  void readsTheAccessKeyFromTheEnvironmentWhenNoApiKeyVariableIsConfigured() {
    ProviderConfig noKeyEnv = new ProviderConfig("aws", "bedrock", "", "", Optional.empty(), true, Map.of(),
        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30), false, Map.of());

    assertThat(BedrockCredentials.from(noKeyEnv, BedrockTesting.environment()::get).identity().accessKeyId())
        .isEqualTo(BedrockTesting.ACCESS_KEY);
    assertThatThrownBy(() -> BedrockCredentials.from(noKeyEnv, Map.<String, String>of()::get))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("AWS_ACCESS_KEY_ID is not set");
  }

  @Test
  void theFactoryCreatesAnAdapterFromTheConfigurationAndEnvironment() {
    ProviderAdapter adapter = new BedrockAdapter.Factory(new OkHttpClient(), BedrockTesting.environment()::get,
        BedrockTesting.CLOCK).create(config("", Map.of()));

    assertThat(adapter).isInstanceOf(BedrockAdapter.class);
    assertThat(((BedrockAdapter) adapter).runtimeUrl("us.anthropic.claude-3-5-haiku-20241022-v1:0", "converse")
        .toString()).isEqualTo("https://bedrock-runtime.us-east-1.amazonaws.com/model/"
            + "us.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse");
  }

  private static ProviderConfig config(String baseUrl, Map<String, String> options) {
    return new ProviderConfig("aws", "bedrock", baseUrl, "AWS_ACCESS_KEY_ID",
        Optional.of(new Secret(BedrockTesting.ACCESS_KEY)), true, Map.of(), Duration.ofSeconds(5),
        Duration.ofSeconds(5), Duration.ofSeconds(30), false, options);
  }
}
