package dev.llmgateway.server.admin;

import dev.llmgateway.server.config.QuotaLimits;
import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.PreviousKey;
import dev.llmgateway.server.store.Scope;
import dev.llmgateway.v1.ApiKey;
import dev.llmgateway.v1.KeyQuota;
import dev.llmgateway.v1.KeyScope;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/** Converts API-key records to the admin messages (never a hash or secret) and checks the fields callers set. */
final class ApiKeyMessages {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private ApiKeyMessages() {}

  /** Returns the message of a record, as of {@code now} (an ended overlap is not shown), with its run-time quota. */
  static ApiKey toMessage(ApiKeyRecord r, Instant now, @Nullable QuotaLimits quota) {
    ApiKey.Builder b = ApiKey.newBuilder()
        .setId(r.id())
        .setDisplayName(r.displayName())
        .addAllModelAllowList(new TreeSet<>(r.modelAllowList()))
        .setDisabled(r.disabled())
        .setCreateTime(AuditTrail.Timestamps.of(r.createdAt()));
    for (Scope s : new TreeSet<>(r.scopes())) {
      b.addScopes(KeyScope.valueOf("KEY_SCOPE_" + s.name()));
    }
    r.expiresAt().ifPresent(at -> b.setExpireTime(AuditTrail.Timestamps.of(at)));
    r.previousKey().map(PreviousKey::validUntil).filter(now::isBefore)
        .ifPresent(until -> b.setPreviousSecretExpireTime(AuditTrail.Timestamps.of(until)));
    if (quota != null) {
      b.setQuota(KeyQuota.newBuilder().setRequestsPerMinute(quota.requestsPerMinute())
          .setTokensPerMinute(quota.tokensPerMinute()).setTokensPerDay(quota.tokensPerDay())
          .setBudgetUsdPerDay(quota.budgetUsdPerDay()).setMaxInFlight(quota.maxInFlight()));
    }
    return b.build();
  }

  /** Returns the limits of a quota message, or INVALID_REQUEST naming {@code field} when one is negative. */
  static QuotaLimits limits(KeyQuota q, String field) {
    if (q.getRequestsPerMinute() < 0 || q.getTokensPerMinute() < 0 || q.getTokensPerDay() < 0
        || !(q.getBudgetUsdPerDay() >= 0) || Double.isInfinite(q.getBudgetUsdPerDay()) || q.getMaxInFlight() < 0) {
      throw AdminCalls.invalid(field, "limits must be finite and >= 0 (0 takes the quotas.default value)");
    }
    return new QuotaLimits(q.getRequestsPerMinute(), q.getTokensPerMinute(), q.getTokensPerDay(),
        q.getBudgetUsdPerDay(), q.getMaxInFlight());
  }

  /** Returns the limits of a stored quota message. */
  static QuotaLimits limits(KeyQuota q) {
    return limits(q, "quota");
  }

  /** Returns a checked key id, or INVALID_REQUEST naming {@code field}. */
  static String id(String id, String field) {
    if (!ID.matcher(id).matches()) {
      throw AdminCalls.invalid(field, "'" + id + "' (expected: 1 to 64 letters, digits, '_' or '-')");
    }
    return id;
  }

  /** Returns a checked display name. */
  static String displayName(String name, String field) {
    if (name.isBlank() || name.length() > 200) {
      throw AdminCalls.invalid(field, "required, at most 200 characters");
    }
    return name;
  }

  /** Returns the scopes of the messages' values: at least one, none unspecified. */
  static Set<Scope> scopes(List<KeyScope> scopes, String field) {
    if (scopes.isEmpty()) {
      throw AdminCalls.invalid(field, "at least one scope is required");
    }
    Set<Scope> out = EnumSet.noneOf(Scope.class);
    for (KeyScope s : scopes) {
      if (s == KeyScope.KEY_SCOPE_UNSPECIFIED || s == KeyScope.UNRECOGNIZED) {
        throw AdminCalls.invalid(field, s + " is not a scope");
      }
      out.add(Scope.valueOf(s.name().substring("KEY_SCOPE_".length())));
    }
    return out;
  }

  /** Returns a checked model allow-list. */
  static Set<String> models(List<String> models, String field) {
    for (String m : models) {
      if (m.isBlank() || m.chars().anyMatch(c -> c == '\n' || c == '\r')) {
        throw AdminCalls.invalid(field, "'" + m + "' is not a model name");
      }
    }
    return Set.copyOf(models);
  }
}
