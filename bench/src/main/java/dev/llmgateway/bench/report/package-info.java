/**
 * Turns recorded runs into figures and reports: latency summaries from HdrHistograms, the added cost of
 * the gateway as the difference between its path and the direct path of the same run, the issue's
 * budgets with pass or miss, the machine's facts, and the Markdown and JSON files of the latest run.
 * Parameters and return values are non-null unless marked otherwise.
 */
package dev.llmgateway.bench.report;
