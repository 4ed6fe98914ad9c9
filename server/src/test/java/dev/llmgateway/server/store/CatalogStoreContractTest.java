package dev.llmgateway.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.config.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link CatalogStore} shares; each implementation runs it through a subclass. */
public abstract class CatalogStoreContractTest {
  protected static final Instant T0 = Instant.parse("2024-05-01T12:00:00.5Z");

  protected CatalogStore store;

  /** Returns a store of the implementation under test, empty. */
  protected abstract CatalogStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @Test
  void keepsEntriesByKindAndNameWithTheirCredential() {
    RuntimeEntry provider = entry(RuntimeEntry.Kind.PROVIDER, "local", "spec-p", Optional.of(new Secret("sk-1")));
    RuntimeEntry model = entry(RuntimeEntry.Kind.MODEL, "local", "spec-m", Optional.empty());
    RuntimeEntry other = entry(RuntimeEntry.Kind.MODEL, "a-first", "spec-a", Optional.empty());

    store.put(provider);
    store.put(model);
    store.put(other);

    assertThat(store.list(RuntimeEntry.Kind.PROVIDER)).containsExactly(provider);
    assertThat(store.list(RuntimeEntry.Kind.MODEL)).containsExactly(other, model);
    assertThat(store.list(RuntimeEntry.Kind.PROVIDER).get(0).credential().orElseThrow().reveal()).isEqualTo("sk-1");
  }

  @Test
  void replacesAnEntryAndDropsACredentialNoLongerGiven() {
    store.put(entry(RuntimeEntry.Kind.PROVIDER, "local", "v1", Optional.of(new Secret("sk-1"))));
    RuntimeEntry replaced = entry(RuntimeEntry.Kind.PROVIDER, "local", "v2", Optional.empty());

    store.put(replaced);

    assertThat(store.list(RuntimeEntry.Kind.PROVIDER)).containsExactly(replaced);
  }

  @Test
  void deletesOneEntry() {
    store.put(entry(RuntimeEntry.Kind.PROVIDER, "local", "v1", Optional.of(new Secret("sk-1"))));
    store.put(entry(RuntimeEntry.Kind.MODEL, "local", "m", Optional.empty()));

    assertThat(store.delete(RuntimeEntry.Kind.PROVIDER, "local")).isTrue();
    assertThat(store.delete(RuntimeEntry.Kind.PROVIDER, "local")).isFalse();

    assertThat(store.list(RuntimeEntry.Kind.PROVIDER)).isEmpty();
    assertThat(store.list(RuntimeEntry.Kind.MODEL)).hasSize(1);
  }

  private static RuntimeEntry entry(RuntimeEntry.Kind kind, String name, String spec, Optional<Secret> credential) {
    return new RuntimeEntry(kind, name, spec.getBytes(StandardCharsets.UTF_8), credential, T0);
  }
}
