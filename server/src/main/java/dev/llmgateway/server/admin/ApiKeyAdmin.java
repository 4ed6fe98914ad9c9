package dev.llmgateway.server.admin;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.google.protobuf.Duration;
import dev.llmgateway.server.accounting.KeyQuotas;
import dev.llmgateway.server.auth.CachingApiKeyStore;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.store.ApiKeyGenerator;
import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.CatalogStore;
import dev.llmgateway.server.store.IssuedApiKey;
import dev.llmgateway.server.store.RuntimeEntry;
import dev.llmgateway.server.store.StoreChange;
import dev.llmgateway.server.store.StoreChanges;
import dev.llmgateway.v1.ApiKey;
import dev.llmgateway.v1.CreateApiKeyRequest;
import dev.llmgateway.v1.CreateApiKeyResponse;
import dev.llmgateway.v1.KeyQuota;
import dev.llmgateway.v1.ListApiKeysRequest;
import dev.llmgateway.v1.ListApiKeysResponse;
import dev.llmgateway.v1.RotateApiKeyRequest;
import dev.llmgateway.v1.RotateApiKeyResponse;
import dev.llmgateway.v1.UpdateApiKeyRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API-key RPCs: issue, read, change (quota limits included), switch off, delete and rotate keys. Every
 * change goes through the
 * caching key store (which forgets what it changes here), is announced to the other replicas, and is audited.
 * Secrets leave only in the create and rotate responses.
 */
@Singleton
final class ApiKeyAdmin {
  private static final String TOKEN_KIND = "keys";
  private static final java.time.Duration MAX_OVERLAP = java.time.Duration.ofDays(30);
  private static final Set<String> UPDATABLE =
      Set.of("display_name", "scopes", "model_allow_list", "expire_time", "disabled", "quota");

  private final CachingApiKeyStore keys;
  private final ApiKeyGenerator generator;
  private final StoreChanges changes;
  private final AuditTrail audit;
  private final Clock clock;
  private final KeyQuotas quotas;
  private final CatalogStore settings;
  private final RuntimeCatalog runtime;

  @Inject
  ApiKeyAdmin(CachingApiKeyStore keys, ApiKeyGenerator generator, StoreChanges changes, AuditTrail audit,
      Clock clock, KeyQuotas quotas, CatalogStore settings, RuntimeCatalog runtime) {
    this.quotas = quotas;
    this.settings = settings;
    this.runtime = runtime;
    this.keys = keys;
    this.generator = generator;
    this.changes = changes;
    this.audit = audit;
    this.clock = clock;
  }

  CreateApiKeyResponse create(CreateApiKeyRequest request) {
    Instant now = clock.instant();
    IssuedApiKey issued = generator.generate();
    String id = request.getId().isEmpty() ? issued.id() : ApiKeyMessages.id(request.getId(), "id");
    Optional<Instant> expiresAt = expiry(request.hasExpireTime(), request.getExpireTime(), now);
    ApiKeyRecord record = new ApiKeyRecord(id, ApiKeyMessages.displayName(request.getDisplayName(), "display_name"),
        issued.keyHash(), ApiKeyMessages.scopes(request.getScopesList(), "scopes"),
        ApiKeyMessages.models(request.getModelAllowListList(), "model_allow_list"), expiresAt, false, now);
    Optional<KeyQuota> quota = request.hasQuota() ? Optional.of(request.getQuota()) : Optional.empty();
    quota.ifPresent(q -> ApiKeyMessages.limits(q, "quota"));
    if (keys.get(id).isPresent()) {
      throw GatewayException.builder(ErrorKind.ALREADY_EXISTS, "API key '" + id + "' already exists").build();
    }
    keys.put(record);
    quota.ifPresent(q -> setQuota(id, Optional.of(q)));
    ApiKey message = changed("CreateApiKey", null, record, now);
    return CreateApiKeyResponse.newBuilder().setKey(message).setSecret(issued.key().reveal()).build();
  }

  ListApiKeysResponse list(ListApiKeysRequest request) {
    int size = PageTokens.size(request.getPageSize());
    String after = PageTokens.decode(TOKEN_KIND, request.getPageToken());
    Instant now = clock.instant();
    List<ApiKeyRecord> rest = keys.list().stream().filter(r -> r.id().compareTo(after) > 0).toList();
    ListApiKeysResponse.Builder response = ListApiKeysResponse.newBuilder();
    rest.stream().limit(size).forEach(r -> response.addKeys(message(r, now)));
    if (rest.size() > size) {
      response.setNextPageToken(PageTokens.encode(TOKEN_KIND, rest.get(size - 1).id()));
    }
    return response.build();
  }

  ApiKey get(String id) {
    return message(existing(id), clock.instant());
  }

  ApiKey update(UpdateApiKeyRequest request) {
    ApiKey wanted = request.getKey();
    ApiKeyRecord before = existing(wanted.getId());
    List<String> paths = request.getUpdateMask().getPathsList();
    if (paths.isEmpty()) {
      throw AdminCalls.invalid("update_mask", "name at least one field: " + UPDATABLE);
    }
    for (String path : paths) {
      if (!UPDATABLE.contains(path)) {
        throw AdminCalls.invalid("update_mask", "'" + path + "' cannot be updated (expected one of " + UPDATABLE + ")");
      }
    }
    Instant now = clock.instant();
    ApiKey beforeMessage = message(before, now);
    Optional<KeyQuota> quota = wanted.hasQuota() ? Optional.of(wanted.getQuota()) : Optional.empty();
    if (paths.contains("quota")) {
      quota.ifPresent(q -> ApiKeyMessages.limits(q, "key.quota"));
    }
    ApiKeyRecord after = before.withSettings(
        paths.contains("display_name") ? ApiKeyMessages.displayName(wanted.getDisplayName(), "key.display_name")
            : before.displayName(),
        paths.contains("scopes") ? ApiKeyMessages.scopes(wanted.getScopesList(), "key.scopes") : before.scopes(),
        paths.contains("model_allow_list")
            ? ApiKeyMessages.models(wanted.getModelAllowListList(), "key.model_allow_list") : before.modelAllowList(),
        paths.contains("expire_time") ? expiry(wanted.hasExpireTime(), wanted.getExpireTime(), now)
            : before.expiresAt(),
        paths.contains("disabled") ? wanted.getDisabled() : before.disabled());
    keys.put(after);
    if (paths.contains("quota")) {
      setQuota(after.id(), quota);
    }
    return changed("UpdateApiKey", beforeMessage, after, now);
  }

  ApiKey disable(String id) {
    ApiKeyRecord before = existing(id);
    ApiKeyRecord after = before.withSettings(before.displayName(), before.scopes(), before.modelAllowList(),
        before.expiresAt(), true);
    keys.put(after);
    return changed("DisableApiKey", message(before, clock.instant()), after, clock.instant());
  }

  void revoke(String id) {
    ApiKeyRecord before = existing(id);
    ApiKey beforeMessage = message(before, clock.instant());
    keys.delete(id);
    if (quotas.get(id) != null) {
      setQuota(id, Optional.empty());
    }
    changes.publish(StoreChange.apiKey(id));
    audit.record("RevokeApiKey", target(id), beforeMessage, null);
  }

  RotateApiKeyResponse rotate(RotateApiKeyRequest request) {
    ApiKeyRecord before = existing(request.getId());
    java.time.Duration overlap = overlap(request.getOverlap());
    Instant now = clock.instant();
    IssuedApiKey issued = generator.generate();
    ApiKeyRecord after = before.rotated(issued.keyHash(),
        overlap.isZero() ? Optional.empty() : Optional.of(now.plus(overlap)));
    keys.put(after);
    ApiKey message = changed("RotateApiKey", message(before, now), after, now);
    return RotateApiKeyResponse.newBuilder().setKey(message).setSecret(issued.key().reveal()).build();
  }

  private ApiKey changed(String action, ApiKey before, ApiKeyRecord after, Instant now) {
    changes.publish(StoreChange.apiKey(after.id()));
    ApiKey message = message(after, now);
    audit.record(action, target(after.id()), before, message);
    return message;
  }

  private ApiKey message(ApiKeyRecord r, Instant now) {
    return ApiKeyMessages.toMessage(r, now, quotas.get(r.id()));
  }

  /** Stores (or, when empty, removes) a key's own limits, applies them here and tells the other replicas. */
  private void setQuota(String id, Optional<KeyQuota> quota) {
    if (quota.isPresent()) {
      settings.put(new RuntimeEntry(RuntimeEntry.Kind.KEY_QUOTA, id, quota.get().toByteArray(), Optional.empty(),
          clock.instant()));
    } else {
      settings.delete(RuntimeEntry.Kind.KEY_QUOTA, id);
    }
    runtime.reloadQuotas();
    changes.publish(StoreChange.catalog());
  }

  private ApiKeyRecord existing(String id) {
    ApiKeyMessages.id(id, "id");
    return keys.get(id).orElseThrow(() -> AdminCalls.notFound("API key '" + id + "'"));
  }

  private static Optional<Instant> expiry(boolean set, com.google.protobuf.Timestamp at, Instant now) {
    if (!set) {
      return Optional.empty();
    }
    Instant expiresAt = AuditTrail.Timestamps.instant(at, "expire_time");
    if (!expiresAt.isAfter(now)) {
      throw AdminCalls.invalid("expire_time", expiresAt + " (expected: in the future)");
    }
    return Optional.of(expiresAt);
  }

  private static java.time.Duration overlap(Duration d) {
    if (d.getSeconds() < 0 || d.getNanos() < 0 || d.getNanos() > 999_999_999) {
      throw AdminCalls.invalid("overlap", "not a valid non-negative duration");
    }
    java.time.Duration overlap = java.time.Duration.ofSeconds(d.getSeconds(), d.getNanos());
    if (overlap.compareTo(MAX_OVERLAP) > 0) {
      throw AdminCalls.invalid("overlap", overlap + " (expected: at most " + MAX_OVERLAP + ")");
    }
    return overlap;
  }

  private static String target(String id) {
    return "api_key/" + id;
  }
}
