/**
 * Runs the gateway as a separate process and observes it from outside: the configuration it is given,
 * its start-up until the gRPC health service reports SERVING, its CPU time and resident memory from
 * {@code /proc}, and its Java heap through {@code jcmd}. Keeping the gateway in its own process makes
 * those figures its own, not the load driver's. Parameters and return values are non-null unless marked
 * otherwise.
 */
package dev.llmgateway.bench.gateway;
