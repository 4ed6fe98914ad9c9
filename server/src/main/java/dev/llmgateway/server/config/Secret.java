package dev.llmgateway.server.config;

import static java.util.Objects.requireNonNull;

/**
 * A credential. Its {@link #toString()} never shows the value, so a secret that reaches a log line,
 * an exception or a debugger's summary stays hidden; only {@link #reveal()} gives it up.
 */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = requireNonNull(value, "value");
  }

  /** Returns the credential itself; call it only where it goes on the wire. */
  public String reveal() {
    return value;
  }

  /** Returns whether {@code o} is a secret with the same value, compared in constant time. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && java.security.MessageDigest.isEqual(
        value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        other.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    // Equal secrets must hash alike; a constant keeps the value out of any hash table's layout.
    return 0;
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
