/**
 * In-process store implementations for a single replica, development and tests: the same contracts as the
 * Redis ones, state lost on restart, memory bounded by evicting what has expired. Nothing here imports
 * {@code io.grpc} or a Redis client. Values are non-null unless {@code @Nullable}.
 */
package dev.llmgateway.server.store.memory;
