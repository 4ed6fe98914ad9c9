package dev.llmgateway.server.store;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * The gateway's durable state as one whole: API keys, quota counters, usage aggregates, the run-time catalogue,
 * the audit log, and the change feed between replicas. Each store module (in-memory, embedded SQLite, Redis)
 * binds all six parts over one backend; every part passes the same contract tests in each.
 */
@Singleton
public final class Store {
  private final ApiKeyStore keys;
  private final QuotaStore quotas;
  private final UsageStore usage;
  private final CatalogStore catalog;
  private final AuditStore audit;
  private final StoreChanges changes;

  @Inject
  public Store(ApiKeyStore keys, QuotaStore quotas, UsageStore usage, CatalogStore catalog, AuditStore audit,
      StoreChanges changes) {
    this.keys = requireNonNull(keys, "keys");
    this.quotas = requireNonNull(quotas, "quotas");
    this.usage = requireNonNull(usage, "usage");
    this.catalog = requireNonNull(catalog, "catalog");
    this.audit = requireNonNull(audit, "audit");
    this.changes = requireNonNull(changes, "changes");
  }

  /** Returns the API-key records. */
  public ApiKeyStore keys() {
    return keys;
  }

  /** Returns the quota counters. */
  public QuotaStore quotas() {
    return quotas;
  }

  /** Returns the usage aggregates. */
  public UsageStore usage() {
    return usage;
  }

  /** Returns the run-time providers and models. */
  public CatalogStore catalog() {
    return catalog;
  }

  /** Returns the audit log. */
  public AuditStore audit() {
    return audit;
  }

  /** Returns the change feed between replicas. */
  public StoreChanges changes() {
    return changes;
  }
}
