package dev.llmgateway.server.providers.bedrock;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.llmgateway.server.providers.ProviderAdapter;

/** Registers the {@code bedrock} provider type. */
public final class BedrockModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), String.class, ProviderAdapter.Factory.class)
        .addBinding("bedrock").to(BedrockAdapter.Factory.class);
  }
}
