package dev.llmgateway.server.errors;

import static java.util.Objects.requireNonNull;

/**
 * One invalid field of a request: its path in the request message (for example
 * {@code messages[0].content[1].image.mime_type}) and what is wrong with it.
 */
public record FieldViolation(String field, String description) {
  public FieldViolation {
    requireNonNull(field, "field");
    requireNonNull(description, "description");
  }
}
