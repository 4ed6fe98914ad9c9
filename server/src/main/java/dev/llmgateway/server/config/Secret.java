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

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
