package dev.llmgateway.server.config;

import java.time.Duration;

/**
 * The one HTTP client all provider adapters share.
 *
 * @param maxConcurrentRequests how many upstream calls may be in flight at once, in total
 * @param maxConcurrentRequestsPerHost the same, per upstream host
 * @param maxIdleConnections idle connections kept in the pool
 * @param keepAlive how long an idle connection stays in the pool
 */
public record HttpClientConfig(
    int maxConcurrentRequests, int maxConcurrentRequestsPerHost, int maxIdleConnections, Duration keepAlive) {}
