package dev.llmgateway.server.routing;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.llmgateway.server.lifecycle.Managed;

/** Registers model discovery as a background service. */
public final class RoutingModule extends AbstractModule {
  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), Managed.class).addBinding().to(ModelDiscovery.class);
  }
}
