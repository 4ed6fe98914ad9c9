package dev.llmgateway.server.providers.gemini;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.providers.DiscoveredModel;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Walks the pages of {@code GET /models}: as many models per page as the API allows, then
 * {@code pageToken} = the previous page's {@code nextPageToken} until a page has none. Used by one
 * {@link GeminiCallChain}.
 */
final class GeminiModelPlan implements GeminiCallChain.Plan<JsonNode, List<DiscoveredModel>> {
  /** The largest page the API serves. */
  static final int PAGE_SIZE = 1000;
  /** Bounds the walk, so a provider that never stops handing out page tokens cannot loop it forever. */
  static final int MAX_PAGES = 100;

  private final HttpUrl modelsUrl;
  private final GeminiModels models;
  private final RequestFactory requests;
  private final List<DiscoveredModel> found = new ArrayList<>();

  GeminiModelPlan(HttpUrl modelsUrl, GeminiModels models, RequestFactory requests) {
    this.modelsUrl = requireNonNull(modelsUrl, "modelsUrl");
    this.models = requireNonNull(models, "models");
    this.requests = requireNonNull(requests, "requests");
  }

  @Override
  public Request first() {
    return page(null);
  }

  @Override
  @Nullable
  public Request next(JsonNode page) {
    found.addAll(models.page(page));
    String token = GeminiErrors.text(page, "nextPageToken");
    return token == null || token.isEmpty() ? null : page(token);
  }

  @Override
  public List<DiscoveredModel> result() {
    return List.copyOf(found);
  }

  private Request page(@Nullable String token) {
    HttpUrl.Builder url = modelsUrl.newBuilder().addQueryParameter("pageSize", Integer.toString(PAGE_SIZE));
    if (token != null) {
      url.addQueryParameter("pageToken", token);
    }
    return requests.get(url.build());
  }

  /** Builds an authenticated GET request. */
  @FunctionalInterface
  interface RequestFactory {
    Request get(HttpUrl url);
  }
}
