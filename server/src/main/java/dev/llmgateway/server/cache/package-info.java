/**
 * The response cache: exact-match answers of Complete, CompleteStream and Embed, kept in process (Caffeine)
 * or in Redis behind {@link dev.llmgateway.server.cache.ResponseCache}.
 * {@link dev.llmgateway.server.cache.ResponseCaching} decides per call (configuration, the
 * {@code x-cache-control} header, temperature), looks answers up without blocking the caller's thread, replays
 * hits, and stores live answers off the response path. A cache that cannot be reached is skipped, never a failed
 * call. Depends on {@code routing}, {@code providers} (the sinks), {@code accounting}, {@code edge} (request
 * context), {@code errors} and {@code config}; never on {@code api}, and only {@code api} depends on it. Values
 * are non-null unless {@code @Nullable}.
 */
package dev.llmgateway.server.cache;
