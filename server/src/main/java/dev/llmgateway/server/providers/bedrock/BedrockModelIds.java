package dev.llmgateway.server.providers.bedrock;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Reads Bedrock model identifiers: on-demand ids ({@code anthropic.claude-3-haiku-20240307-v1:0}),
 * cross-region inference profiles ({@code us.anthropic.claude-...}) and ARNs of foundation models,
 * inference profiles and provisioned throughput
 * ({@code arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123}). Pure.
 */
final class BedrockModelIds {
  /** Prefixes of cross-region (geographic or global) inference profiles, in front of the vendor. */
  private static final Set<String> PROFILE_PREFIXES =
      Set.of("us", "eu", "apac", "us-gov", "global", "jp", "au", "ca");

  private BedrockModelIds() {}

  /**
   * Returns {@code id} as one URL path segment: every byte but RFC 3986's unreserved characters is
   * percent-encoded, so an ARN's {@code :} and {@code /} stay inside the segment ({@code %3A}, {@code %2F}).
   */
  static String pathSegment(String id) {
    StringBuilder out = new StringBuilder(id.length() + 16);
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /**
   * Returns the foundation-model part of {@code id}: the resource of a foundation-model or
   * inference-profile ARN, without a cross-region profile prefix, or "" for an ARN that names no model
   * (provisioned throughput, application inference profiles with opaque ids).
   */
  static String baseModel(String id) {
    String model = id;
    if (model.startsWith("arn:")) {
      int slash = model.lastIndexOf('/');
      String resourceType = slash < 0 ? "" : model.substring(model.lastIndexOf(':', slash) + 1, slash);
      if (!resourceType.equals("foundation-model") && !resourceType.equals("inference-profile")) {
        return "";
      }
      model = model.substring(slash + 1);
    }
    int dot = model.indexOf('.');
    if (dot > 0 && PROFILE_PREFIXES.contains(model.substring(0, dot))) {
      model = model.substring(dot + 1);
    }
    return model.indexOf('.') > 0 ? model : "";
  }

  /** Returns who made the model {@code id} names, lower case (e.g. "anthropic", "meta"), or "" when unknown. */
  static String vendor(String id) {
    String model = baseModel(id);
    int dot = model.indexOf('.');
    return dot > 0 ? model.substring(0, dot).toLowerCase(Locale.ROOT) : "";
  }
}
