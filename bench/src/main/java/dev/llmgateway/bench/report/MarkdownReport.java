package dev.llmgateway.bench.report;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;

/** Renders a run as Markdown: budget first, then one table for latency and one for streams. */
public final class MarkdownReport {
  private MarkdownReport() {}

  /** Returns the Markdown text of {@code report}. */
  public static String render(RunReport report) {
    StringBuilder md = new StringBuilder(8192);
    md.append("# llm-gateway benchmark\n\n");
    MachineFacts m = report.machine();
    md.append(String.format(Locale.ROOT, "Run %s, %s mode, commit %s.  %n", report.startedAt(), report.mode(),
        report.commit()));
    md.append(String.format(Locale.ROOT, "Machine: %d cores (%s), %.1f GiB memory, %s, %s. The load driver, the "
        + "mock upstream and the gateway share this machine.%n%n", m.cores(), m.cpuModel(), m.memoryMib() / 1024.0,
        m.jdk(), m.os()));
    md.append("Settings: ").append(new TreeMap<>(report.settings())).append("\n\n");
    if (report.hasErrors()) {
      md.append("**THIS RUN HAD ERRORS: some calls failed or returned wrong content. See the Errors section; "
          + "figures of those scenarios are not valid.**\n\n");
    }
    double busiest = report.scenarios().stream().mapToDouble(s -> s.figure("other_processes_cores"))
        .filter(v -> !Double.isNaN(v)).max().orElse(0);
    if (busiest > 0.2) {
      md.append(String.format(Locale.ROOT, "**Other processes kept up to %.1f of the %d cores busy during this run** "
          + "(column \"Other load\" in Costs). Absolute latency and throughput are pessimistic; the added "
          + "figures, taken from alternating batches, suffer less. Rerun on a quiet machine for budget decisions."
          + "%n%n", busiest, m.cores()));
    }
    budget(md, report);
    latency(md, report);
    streams(md, report);
    costs(md, report);
    other(md, report);
    errors(md, report);
    md.append("""
        ## How to read this

        - *direct* calls the mock upstream over HTTP (OkHttp) with the request the gateway would send; *gateway*
          calls the gateway over gRPC, which calls the same mock. Batches of the two paths alternate within the
          run, so *added* = gateway percentile minus direct percentile, measured under the same conditions.
        - Latency is per call from start to the whole response read and checked; open-loop latency counts from
          each call's scheduled start. Every response is checked against the mock's known answer; a failed
          or wrong call is an error, never a success.
        - Gateway CPU/call is the gateway process's user+system CPU time (/proc) during its own batches divided
          by their calls (10 ms tick resolution). RSS is VmRSS at the end of the scenario; heap is "used" from
          `jcmd GC.heap_info` (live objects plus garbage not yet collected).
        - Streams: TTFT is the time to the first text chunk; gap is the time between consecutive text chunks;
          added per chunk = (added whole-stream p50 - added TTFT p50) / (chunks - 1).
        """);
    if (!report.profile().isEmpty()) {
      md.append('\n').append(report.profile());
    }
    return md.toString();
  }

  private static void budget(StringBuilder md, RunReport report) {
    md.append("## Budget\n\n| Figure | Scenario | Measured | Budget | Result |\n|---|---|---:|---:|---|\n");
    for (Budget.Check c : report.budget()) {
      String verdict = switch (c.verdict()) {
        case PASS -> "pass";
        case MISS -> "**MISS**";
        case NOT_MEASURED -> "n/a";
      };
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s %s %s | %s |%n", c.name(), c.scenario(),
          Double.isNaN(c.value()) ? "-" : num(c.value()) + " " + c.unit(), c.atMost() ? "<=" : ">=", num(c.limit()),
          c.unit(), verdict));
    }
    md.append('\n');
  }

  private static void latency(StringBuilder md, RunReport report) {
    md.append("## Calls\n\n| Scenario | Status | Path | Calls | Errors | Calls/s | p50 ms | p90 ms | p99 ms | p99.9 ms "
        + "| Added p50 ms | Added p99 ms | GW CPU/call ms | Mock CPU/call ms | GW RSS MiB | GW heap MiB |\n"
        + "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ScenarioResult s : report.scenarios()) {
      if (s.paths().isEmpty()) {
        continue;
      }
      for (int i = 0; i < s.paths().size(); i++) {
        PathResult p = s.paths().get(i);
        boolean subject = i == s.paths().size() - 1;
        ProcessFigures pf = p.process();
        String mockCpu = s.paths().size() == 1 ? "" : num(s.figure(subject ? "mock_cpu_per_gateway_call_ms"
            : "mock_cpu_per_baseline_call_ms"));
        md.append(String.format(Locale.ROOT,
            "| %s | %s | %s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
            i == 0 ? s.id() : "", i == 0 ? status(s) : "", p.path(), p.calls(), p.errors(), num(p.callsPerSecond()),
            num(p.latency().p50Ms()), num(p.latency().p90Ms()), num(p.latency().p99Ms()), num(p.latency().p999Ms()),
            subject && s.paths().size() > 1 ? num(s.figure("added_p50_ms")) : "",
            subject && s.paths().size() > 1 ? num(s.figure("added_p99_ms")) : "",
            pf == null ? "" : num(pf.cpuPerCallMs()), mockCpu, pf == null ? "" : num(pf.rssMib()),
            pf == null ? "" : num(pf.heapUsedMib())));
      }
    }
    md.append('\n');
  }

  private static void streams(StringBuilder md, RunReport report) {
    StringBuilder rows = new StringBuilder();
    for (ScenarioResult s : report.scenarios()) {
      for (PathResult p : s.paths()) {
        if (p.ttft() == null || s.paths().size() < 2) {
          continue;
        }
        boolean subject = p == s.paths().get(s.paths().size() - 1);
        rows.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
            subject ? "" : s.id(), p.path(), num(p.ttft().p50Ms()), num(p.ttft().p99Ms()),
            num(gap(p.interChunk(), true)), num(gap(p.interChunk(), false)), num(p.latency().p50Ms()),
            num(p.latency().p99Ms()), subject ? num(s.figure("added_ttft_p50_ms")) : "",
            subject ? num(s.figure("added_gap_p50_ms")) : "", subject ? num(s.figure("added_per_chunk_ms")) : ""));
      }
    }
    if (rows.length() == 0) {
      return;
    }
    md.append("## Streams\n\n| Scenario | Path | TTFT p50 ms | TTFT p99 ms | Gap p50 ms | Gap p99 ms | Total p50 ms "
        + "| Total p99 ms | Added TTFT p50 ms | Added gap p50 ms | Added per chunk ms |\n"
        + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n").append(rows).append('\n');
  }

  private static void costs(StringBuilder md, RunReport report) {
    StringBuilder rows = new StringBuilder();
    for (ScenarioResult s : report.scenarios()) {
      if (s.paths().size() < 2) {
        continue;
      }
      rows.append(String.format(Locale.ROOT, "| %s | %s | %s | %s / %s | %s / %s | %s / %s | %s |%n", s.id(),
          num(s.figure("gateway_cpu_per_call_ms")), num(s.figure("gateway_system_cpu_per_call_ms")),
          num(s.figure("mock_cpu_per_baseline_call_ms")), num(s.figure("mock_cpu_per_gateway_call_ms")),
          num(s.figure("upstream_connections_per_baseline_call")), num(s.figure("upstream_connections_per_gateway_call")),
          num(s.figure("driver_gc_count")), num(s.figure("driver_gc_ms")), num(s.figure("other_processes_cores"))));
    }
    if (rows.length() == 0) {
      return;
    }
    md.append("## Costs\n\n| Scenario | GW CPU/call ms | of which kernel ms | Mock CPU/call ms (direct / via GW) "
        + "| Upstream connections per call (direct / via GW) | Driver GCs / ms | Other load (cores) |\n"
        + "|---|---:|---:|---:|---:|---:|---:|\n")
        .append(rows).append('\n');
  }

  private static void other(StringBuilder md, RunReport report) {
    md.append("## Scenarios and their figures\n\n");
    for (ScenarioResult s : report.scenarios()) {
      md.append("- **").append(s.id()).append("** (").append(status(s)).append("): ").append(s.title());
      if (!s.note().isEmpty()) {
        md.append(". ").append(s.note());
      }
      md.append('\n');
      if (s.paths().isEmpty() || s.id().equals("streams-10k")) {
        for (Map.Entry<String, Double> f : s.figures().entrySet()) {
          md.append("  - ").append(f.getKey()).append(": ").append(num(f.getValue())).append('\n');
        }
      }
    }
    md.append('\n');
  }

  private static void errors(StringBuilder md, RunReport report) {
    StringBuilder rows = new StringBuilder();
    for (ScenarioResult s : report.scenarios()) {
      for (PathResult p : s.paths()) {
        if (p.errors() == 0) {
          continue;
        }
        rows.append("- ").append(s.id()).append(" / ").append(p.path()).append(": ").append(p.errors())
            .append(" failed ").append(p.errorsByCategory()).append('\n');
        for (String example : p.errorExamples()) {
          rows.append("  - `").append(example.replace('`', '\'')).append("`\n");
        }
      }
    }
    if (rows.length() > 0) {
      md.append("## Errors\n\n").append(rows).append('\n');
    }
  }

  private static double gap(@Nullable LatencySummary gaps, boolean median) {
    if (gaps == null) {
      return Double.NaN;
    }
    return median ? gaps.p50Ms() : gaps.p99Ms();
  }

  private static String status(ScenarioResult s) {
    return switch (s.status()) {
      case OK -> "ok";
      case ERRORS -> "**ERRORS**";
      case NOT_AVAILABLE -> "not available";
      case FAILED -> "**FAILED**";
    };
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 0.1 || v == 0) {
      return String.format(Locale.ROOT, "%.3f", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
