/**
 * The embedded store, the default for a single gateway: API keys, usage aggregates, the run-time catalogue
 * and the audit log in one SQLite database file (WAL journal, {@code synchronous=FULL}, so whatever a write
 * acknowledged survives a crash), with a versioned schema migrated forward at start. Quota counters stay in
 * process ({@code memory}): they are hot-path and short-lived. Nothing here imports {@code io.grpc}. Values
 * are non-null unless {@code @Nullable}.
 */
package dev.llmgateway.server.store.sqlite;
