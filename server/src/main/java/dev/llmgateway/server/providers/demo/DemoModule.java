package dev.llmgateway.server.providers.demo;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.llmgateway.server.providers.ProviderAdapter;

/** Registers the {@code demo} provider type. */
public final class DemoModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), String.class, ProviderAdapter.Factory.class)
        .addBinding("demo").to(DemoAdapter.Factory.class);
  }
}
