package dev.llmgateway.server.admin;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.llmgateway.server.config.ConfigSource;
import dev.llmgateway.server.lifecycle.Managed;

/**
 * Binds the control plane's state: where the configuration came from (for ReloadConfig) and the run-time
 * catalogue, loaded from the store before the server listens.
 */
public final class AdminModule extends AbstractModule {
  private final ConfigSource source;

  public AdminModule(ConfigSource source) {
    this.source = requireNonNull(source, "source");
  }

  @Override
  protected void configure() {
    bind(ConfigSource.class).toInstance(source);
    Multibinder.newSetBinder(binder(), Managed.class).addBinding().to(RuntimeCatalog.class);
  }
}
