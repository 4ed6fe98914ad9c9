package dev.llmgateway.server.providers.openai;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.llmgateway.server.providers.ProviderAdapter;

/** Registers the {@code openai} provider type: any server that speaks the OpenAI HTTP API. */
public final class OpenAiModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), String.class, ProviderAdapter.Factory.class)
        .addBinding("openai").to(OpenAiAdapter.Factory.class);
  }
}
