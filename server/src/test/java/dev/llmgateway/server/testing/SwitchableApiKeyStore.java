package dev.llmgateway.server.testing;

import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.ApiKeyStore;
import dev.llmgateway.server.store.memory.InMemoryApiKeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.annotation.Nullable;

/**
 * An in-process key store whose lookups can be made to fail, as a store whose backend is down (or returns
 * garbage) would, and which counts lookups. Thread-safe.
 */
public final class SwitchableApiKeyStore implements ApiKeyStore {
  private final InMemoryApiKeyStore delegate = new InMemoryApiKeyStore();
  private final AtomicReference<Supplier<? extends RuntimeException>> failure = new AtomicReference<>();
  private final AtomicInteger lookups = new AtomicInteger();

  /** Makes every later call throw what {@code failure} supplies; null makes the store answer again. */
  public void failWith(@Nullable Supplier<? extends RuntimeException> failure) {
    this.failure.set(failure);
  }

  /** Returns how many {@link #findByHash} calls reached this store. */
  public int lookups() {
    return lookups.get();
  }

  @Override
  public Optional<ApiKeyRecord> findByHash(byte[] keyHash) {
    lookups.incrementAndGet();
    check();
    return delegate.findByHash(keyHash);
  }

  @Override
  public void put(ApiKeyRecord record) {
    check();
    delegate.put(record);
  }

  @Override
  public boolean delete(String id) {
    check();
    return delegate.delete(id);
  }

  @Override
  public Optional<ApiKeyRecord> get(String id) {
    check();
    return delegate.get(id);
  }

  @Override
  public List<ApiKeyRecord> list() {
    check();
    return delegate.list();
  }

  @Override
  public boolean isEmpty() {
    check();
    return delegate.isEmpty();
  }

  private void check() {
    Supplier<? extends RuntimeException> f = failure.get();
    if (f != null) {
      throw f.get();
    }
  }
}
