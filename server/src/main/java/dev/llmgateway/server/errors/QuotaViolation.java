package dev.llmgateway.server.errors;

import static java.util.Objects.requireNonNull;

/**
 * One exhausted quota, as reported in a {@code google.rpc.QuotaFailure}.
 *
 * @param subject whose quota, e.g. {@code key:ci}
 * @param description which limit and how full it is, e.g. {@code requests_per_minute: 60 of 60 used}
 */
public record QuotaViolation(String subject, String description) {
  public QuotaViolation {
    requireNonNull(subject, "subject");
    requireNonNull(description, "description");
  }
}
