/**
 * Defines the benchmark's scenarios and runs them: each compares two paths (straight to the mock
 * upstream and through the gateway, or two gateway configurations) in alternating batches on the same
 * machine, so the gateway's added cost is a difference measured within one run. Parameters and return
 * values are non-null unless marked otherwise.
 */
package dev.llmgateway.bench.scenario;
