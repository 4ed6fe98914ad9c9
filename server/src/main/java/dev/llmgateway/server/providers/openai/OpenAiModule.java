package dev.llmgateway.server.providers.openai;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.llmgateway.server.providers.ProviderAdapter;

/**
 * Registers the provider types that speak the OpenAI wire format: {@code openai} (any server that copies
 * the OpenAI HTTP API), {@code azure-openai} (Azure OpenAI deployments) and {@code huggingface} (TGI and
 * TEI servers, and Inference Endpoints running them).
 */
public final class OpenAiModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, ProviderAdapter.Factory> types =
        MapBinder.newMapBinder(binder(), String.class, ProviderAdapter.Factory.class);
    types.addBinding("openai").to(OpenAiAdapter.Factory.class);
    types.addBinding("azure-openai").to(AzureOpenAiAdapter.Factory.class);
    types.addBinding("huggingface").to(HuggingFaceAdapter.Factory.class);
  }
}
