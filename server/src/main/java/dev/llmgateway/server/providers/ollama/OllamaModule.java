package dev.llmgateway.server.providers.ollama;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.llmgateway.server.providers.ProviderAdapter;

/** Registers the {@code ollama} provider type: Ollama's native API. */
public final class OllamaModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), String.class, ProviderAdapter.Factory.class)
        .addBinding("ollama").to(OllamaAdapter.Factory.class);
  }
}
