package dev.llmgateway.server.providers.anthropic;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.llmgateway.server.providers.ProviderAdapter;

/** Registers the {@code anthropic} provider type. */
public final class AnthropicModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), String.class, ProviderAdapter.Factory.class)
        .addBinding("anthropic").to(AnthropicAdapter.Factory.class);
  }
}
