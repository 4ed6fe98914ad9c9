package dev.llmgateway.server.store.sqlite;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.StoreUnavailableException;
import dev.llmgateway.server.store.UsageAggregate;
import dev.llmgateway.server.store.UsageRecord;
import dev.llmgateway.server.store.UsageStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps daily usage aggregates in the {@code usage_daily} table with group commit: {@link #record} queues its
 * record and returns once the transaction holding it has committed, and one writer thread commits everything
 * queued meanwhile in a single transaction (one upsert per key, model, provider and day), so many concurrent calls
 * share one disk sync. Days older than the
 * retention, counted back from the newest day written, are deleted as the newest day moves on.
 */
public final class SqliteUsageStore implements UsageStore, AutoCloseable {
  private static final int MAX_BATCH = 1_000;
  private static final long COMMIT_WAIT_SECONDS = 10;

  private record Pending(UsageRecord record, CompletableFuture<Void> committed) {}

  private record UsageKey(String tenant, String model, String provider, LocalDate day) {}

  private final SqliteDatabase db;
  private final long retentionDays;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;

  public SqliteUsageStore(SqliteDatabase db, StoreSettings settings) {
    this.db = requireNonNull(db, "db");
    this.retentionDays = requireNonNull(settings, "settings").usageRetentionDays();
    this.writer = new Thread(this::writeLoop, "usage-writer");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void record(UsageRecord record) {
    requireNonNull(record, "record");
    if (closed) {
      throw new StoreUnavailableException("usage record", new IllegalStateException("store closed"));
    }
    Pending pending = new Pending(record, new CompletableFuture<>());
    queue.add(pending);
    try {
      pending.committed().get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new StoreUnavailableException("usage record", e.getCause());
    } catch (TimeoutException e) {
      throw new StoreUnavailableException("usage record", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("usage record", e);
    }
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        commit(batch);
      } catch (InterruptedException e) {
        // close() interrupts only after setting closed; the loop drains what is left.
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Pending> batch) {
    try {
      db.write("usage record", c -> {
        LocalDate newest = LocalDate.MIN;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO usage_daily (tenant, model, provider, day,"
            + " requests, errors, input_tokens, output_tokens, cost_micro_usd, latency_ms_sum)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, model, provider, day) DO UPDATE SET"
            + " requests = requests + excluded.requests, errors = errors + excluded.errors,"
            + " input_tokens = input_tokens + excluded.input_tokens,"
            + " output_tokens = output_tokens + excluded.output_tokens,"
            + " cost_micro_usd = cost_micro_usd + excluded.cost_micro_usd,"
            + " latency_ms_sum = latency_ms_sum + excluded.latency_ms_sum")) {
          // Calls of one key and model arrive together: one upsert per series and day, not per call.
          Map<UsageKey, long[]> sums = new LinkedHashMap<>();
          for (Pending p : batch) {
            UsageRecord r = p.record();
            long[] sum = sums.computeIfAbsent(new UsageKey(r.tenant(), r.model(), r.provider(), r.day()),
                k -> new long[6]);
            sum[0] += r.requests();
            sum[1] += r.errors();
            sum[2] += r.inputTokens();
            sum[3] += r.outputTokens();
            sum[4] += r.costMicroUsd();
            sum[5] += r.latencyMsSum();
            newest = r.day().isAfter(newest) ? r.day() : newest;
          }
          for (Map.Entry<UsageKey, long[]> e : sums.entrySet()) {
            UsageKey k = e.getKey();
            s.setString(1, k.tenant());
            s.setString(2, k.model());
            s.setString(3, k.provider());
            s.setString(4, k.day().toString());
            for (int i = 0; i < 6; i++) {
              s.setLong(5 + i, e.getValue()[i]);
            }
            s.addBatch();
          }
          s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM usage_daily WHERE day < ?")) {
          s.setString(1, newest.minusDays(retentionDays).toString());
          s.executeUpdate();
        }
        return null;
      });
      batch.forEach(p -> p.committed().complete(null));
    } catch (StoreUnavailableException e) {
      batch.forEach(p -> p.committed().completeExceptionally(e.getCause()));
    }
  }

  @Override
  public List<UsageAggregate> query(Optional<String> tenant, LocalDate from, LocalDate to) {
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from: " + from + " (expected: not after to " + to + ")");
    }
    return db.read("usage query", c -> {
      List<UsageAggregate> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT tenant, model, provider, day, requests, errors,"
          + " input_tokens, output_tokens, cost_micro_usd, latency_ms_sum FROM usage_daily WHERE day >= ?"
          + " AND day <= ? AND (? IS NULL OR tenant = ?)")) {
        s.setString(1, from.toString());
        s.setString(2, to.toString());
        s.setString(3, tenant.orElse(null));
        s.setString(4, tenant.orElse(null));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(new UsageAggregate(rs.getString(1), rs.getString(2), rs.getString(3),
                LocalDate.parse(rs.getString(4)), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                rs.getLong(9), rs.getLong(10)));
          }
        }
      }
      out.sort(UsageAggregate.REPORT_ORDER);
      return out;
    });
  }

  /** Commits what is queued, then stops the writer. */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(COMMIT_WAIT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
