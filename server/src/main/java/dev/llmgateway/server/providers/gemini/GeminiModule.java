package dev.llmgateway.server.providers.gemini;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.llmgateway.server.providers.ProviderAdapter;

/** Registers the {@code gemini} provider type. */
public final class GeminiModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), String.class, ProviderAdapter.Factory.class)
        .addBinding("gemini").to(GeminiAdapter.Factory.class);
  }
}
