package dev.llmgateway.server.providers.cohere;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.llmgateway.server.providers.ProviderAdapter;

/** Registers the {@code cohere} provider type. */
public final class CohereModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), String.class, ProviderAdapter.Factory.class)
        .addBinding("cohere").to(CohereAdapter.Factory.class);
  }
}
