package dev.llmgateway.server.providers.bedrock;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Holds the AWS credentials one Bedrock provider signs with, read from the standard AWS environment
 * variables: the access key id from the provider's {@code api-key-env} (normally {@code AWS_ACCESS_KEY_ID},
 * so the provider stays off without it) or else {@code AWS_ACCESS_KEY_ID}, the secret from
 * {@code AWS_SECRET_ACCESS_KEY}, and the optional {@code AWS_SESSION_TOKEN} of temporary credentials.
 * The values are kept as {@link Secret}s and never appear in messages or logs.
 */
final class BedrockCredentials {
  static final String ACCESS_KEY_ENV = "AWS_ACCESS_KEY_ID";
  static final String SECRET_KEY_ENV = "AWS_SECRET_ACCESS_KEY";
  static final String SESSION_TOKEN_ENV = "AWS_SESSION_TOKEN";

  private final Secret accessKeyId;
  private final Secret secretAccessKey;
  private final Optional<Secret> sessionToken;

  private BedrockCredentials(Secret accessKeyId, Secret secretAccessKey, Optional<Secret> sessionToken) {
    this.accessKeyId = requireNonNull(accessKeyId, "accessKeyId");
    this.secretAccessKey = requireNonNull(secretAccessKey, "secretAccessKey");
    this.sessionToken = requireNonNull(sessionToken, "sessionToken");
  }

  /**
   * Reads the credentials of {@code config} through {@code environment}; throws
   * {@link InvalidConfigException} naming the missing variable (never its value).
   */
  static BedrockCredentials from(ProviderConfig config, Function<String, String> environment) {
    String prefix = "invalid configuration: providers." + config.name();
    Secret accessKey = config.apiKey().or(() -> secret(environment, ACCESS_KEY_ENV)).orElseThrow(() ->
        new InvalidConfigException(prefix + ": " + ACCESS_KEY_ENV + " is not set (the AWS access key id to sign"
            + " Bedrock requests with)"));
    Secret secretKey = secret(environment, SECRET_KEY_ENV).orElseThrow(() ->
        new InvalidConfigException(prefix + ": " + SECRET_KEY_ENV + " is not set (the secret access key that"
            + " belongs to the access key in " + (config.apiKeyEnv().isEmpty() ? ACCESS_KEY_ENV : config.apiKeyEnv())
            + ")"));
    return new BedrockCredentials(accessKey, secretKey, secret(environment, SESSION_TOKEN_ENV));
  }

  /** Returns credentials made of the given values, for callers that already hold them. */
  static BedrockCredentials of(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    return new BedrockCredentials(new Secret(accessKeyId), new Secret(secretAccessKey),
        sessionToken.map(Secret::new));
  }

  /** Returns the identity the AWS signer takes; a session token makes it a session identity. */
  AwsCredentialsIdentity identity() {
    if (sessionToken.isPresent()) {
      return AwsSessionCredentialsIdentity.create(accessKeyId.reveal(), secretAccessKey.reveal(),
          sessionToken.get().reveal());
    }
    return AwsCredentialsIdentity.create(accessKeyId.reveal(), secretAccessKey.reveal());
  }

  @Override
  public String toString() {
    return "BedrockCredentials[redacted]";
  }

  private static Optional<Secret> secret(Function<String, String> environment, String name) {
    String value = environment.apply(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(new Secret(value.strip()));
  }
}
