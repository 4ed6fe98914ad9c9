package dev.llmgateway.server.store;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.config.Secret;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * A provider, catalogue entry, key quota or route change set at run time. The store keeps its specification as opaque bytes (the
 * admin plane's encoding) and its credential apart, so listings can leave the credential out.
 *
 * @param kind what it is
 * @param name the provider name or model id
 * @param spec the encoded specification; copied in and out
 * @param credential the provider credential, for providers that have one
 * @param updatedAt when it was last written
 */
public record RuntimeEntry(Kind kind, String name, byte[] spec, Optional<Secret> credential, Instant updatedAt) {
  /** What a run-time entry describes. */
  public enum Kind {
    /** A provider. */
    PROVIDER,
    /** A catalogue entry (model). */
    MODEL,
    /** An API key's own quota limits (the name is the key id). */
    KEY_QUOTA,
    /** A catalogue model's routing changed at run time: aliases, fallbacks, balancing, hedging (the name is the model id). */
    ROUTE
  }

  public RuntimeEntry {
    requireNonNull(kind, "kind");
    requireNonNull(name, "name");
    requireNonNull(credential, "credential");
    requireNonNull(updatedAt, "updatedAt");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: blank");
    }
    spec = requireNonNull(spec, "spec").clone();
  }

  @Override
  public byte[] spec() {
    return spec.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RuntimeEntry e && kind == e.kind && name.equals(e.name) && Arrays.equals(spec, e.spec)
        && credential.map(Secret::reveal).equals(e.credential.map(Secret::reveal)) && updatedAt.equals(e.updatedAt);
  }

  @Override
  public int hashCode() {
    return ((kind.hashCode() * 31 + name.hashCode()) * 31 + Arrays.hashCode(spec)) * 31 + updatedAt.hashCode();
  }

  @Override
  public String toString() {
    return "RuntimeEntry[kind=" + kind + ", name=" + name + ", credentialSet=" + credential.isPresent()
        + ", updatedAt=" + updatedAt + "]";
  }
}
