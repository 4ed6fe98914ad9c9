package dev.llmgateway.server.providers.http;

import static java.util.Objects.requireNonNull;

/**
 * Names the configured provider an upstream request goes to, as an OkHttp request tag
 * ({@code request.tag(ProviderTag.class)}), so shared plumbing such as tracing can label the call.
 *
 * @param name the configured provider name
 */
public record ProviderTag(String name) {
  public ProviderTag {
    requireNonNull(name, "name");
  }
}
