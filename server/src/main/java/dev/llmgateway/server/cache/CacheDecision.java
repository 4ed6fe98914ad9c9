package dev.llmgateway.server.cache;

import java.time.Duration;

/**
 * What the cache does for one call.
 *
 * @param verdict whether the cache is read, written, or neither
 * @param tenant whose entries the call may read and write (API key id or its configured group)
 * @param ttl how long what the call stores stays
 */
record CacheDecision(Verdict verdict, String tenant, Duration ttl) {
  /** Whether the cache is read, written, or neither. */
  enum Verdict {
    /** The model does not cache: nothing is read, written or marked. */
    OFF,
    /** Skipped for this call (asked for, or sampling too hot): marked, not read or written. */
    BYPASS,
    /** Read; on a miss the provider's answer is written. */
    LOOKUP,
    /** Not read; the provider's answer replaces the cached one. */
    REFRESH
  }
}
