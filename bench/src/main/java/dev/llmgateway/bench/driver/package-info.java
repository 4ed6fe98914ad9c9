/**
 * Drives load and measures it: closed-loop batches at a fixed concurrency, open-loop batches at a fixed
 * rate (latency counted from each call's scheduled start, so a slow server cannot hide its queueing),
 * and the calls themselves, over gRPC to the gateway and over HTTP straight to the upstream, each
 * checking the whole response against the mock's known answer. A call that fails or returns the wrong
 * content is an error, never a success. Parameters and return values are non-null unless marked otherwise.
 */
package dev.llmgateway.bench.driver;
