/**
 * Runs the benchmark from one command: starts the mock upstream and the gateway, runs the chosen
 * scenarios, and writes the Markdown and JSON reports. Parameters and return values are non-null unless
 * marked otherwise.
 */
package dev.llmgateway.bench;
