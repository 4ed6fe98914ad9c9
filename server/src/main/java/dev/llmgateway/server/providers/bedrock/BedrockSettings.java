package dev.llmgateway.server.providers.bedrock;

import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.ProviderConfig;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Holds the settings of one Bedrock provider, checked once at start-up.
 *
 * @param region the AWS region requests are signed for, e.g. {@code us-east-1}
 * @param runtimeUrl the Bedrock Runtime root ({@code https://bedrock-runtime.<region>.amazonaws.com} unless
 *     {@code base-url} overrides it, e.g. for a VPC endpoint)
 * @param controlUrl the Bedrock control-plane root that lists foundation models
 *     ({@code https://bedrock.<region>.amazonaws.com} unless the {@code control-base-url} option overrides it)
 */
record BedrockSettings(String region, HttpUrl runtimeUrl, HttpUrl controlUrl) {
  static final String REGION_OPTION = "region";
  static final String CONTROL_URL_OPTION = "control-base-url";
  static final String REGION_ENV = "AWS_REGION";
  static final String DEFAULT_REGION_ENV = "AWS_DEFAULT_REGION";

  private static final Set<String> OPTIONS = Set.of(REGION_OPTION, CONTROL_URL_OPTION);
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+");

  /**
   * Reads and checks {@code config}, taking the region from the {@code region} option or else from
   * {@code AWS_REGION} (then {@code AWS_DEFAULT_REGION}) in {@code environment}; throws
   * {@link InvalidConfigException} naming the bad setting.
   */
  static BedrockSettings from(ProviderConfig config, Function<String, String> environment) {
    String prefix = "invalid configuration: providers." + config.name() + ".";
    for (String key : config.options().keySet()) {
      if (!OPTIONS.contains(key)) {
        // A misspelt option would otherwise be ignored silently.
        throw new InvalidConfigException(prefix + "options." + key + ": not an option of the bedrock provider"
            + " (known: " + REGION_OPTION + ", " + CONTROL_URL_OPTION + ")");
      }
    }
    String region = region(config, environment, prefix);
    HttpUrl runtime = url(config.baseUrl(), "https://bedrock-runtime." + region + ".amazonaws.com",
        prefix + "base-url");
    HttpUrl control = url(config.option(CONTROL_URL_OPTION, ""), "https://bedrock." + region + ".amazonaws.com",
        prefix + "options." + CONTROL_URL_OPTION);
    return new BedrockSettings(region, runtime, control);
  }

  private static String region(ProviderConfig config, Function<String, String> environment, String prefix) {
    String region = config.option(REGION_OPTION, "").strip();
    String source = "options." + REGION_OPTION;
    if (region.isEmpty()) {
      region = nonBlank(environment.apply(REGION_ENV));
      source = REGION_ENV;
    }
    if (region.isEmpty()) {
      region = nonBlank(environment.apply(DEFAULT_REGION_ENV));
      source = DEFAULT_REGION_ENV;
    }
    if (region.isEmpty()) {
      throw new InvalidConfigException(prefix + "options." + REGION_OPTION
          + ": no AWS region (set the option, or " + REGION_ENV + ", e.g. us-east-1)");
    }
    if (!REGION.matcher(region).matches()) {
      throw new InvalidConfigException(prefix + "options." + REGION_OPTION + ": '" + region + "' from " + source
          + " is not an AWS region name (expected e.g. us-east-1)");
    }
    return region;
  }

  private static HttpUrl url(String configured, String fallback, String setting) {
    String base = configured.strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (base.isEmpty()) {
      base = fallback;
    }
    HttpUrl url = HttpUrl.parse(base);
    if (url == null) {
      throw new InvalidConfigException(setting + ": '" + configured
          + "' (expected: an http or https URL such as " + fallback + ")");
    }
    return url;
  }

  private static String nonBlank(String value) {
    return value == null ? "" : value.strip();
  }
}
