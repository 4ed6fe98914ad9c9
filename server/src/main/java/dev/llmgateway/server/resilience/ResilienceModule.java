package dev.llmgateway.server.resilience;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.llmgateway.server.lifecycle.Managed;

/** Registers the dispatch timer as a background service, so it stops with the server. */
public final class ResilienceModule extends AbstractModule {
  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), Managed.class).addBinding().to(DispatchScheduler.class);
  }
}
