package dev.llmgateway.server.providers.openai;

import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;

/**
 * Holds the checked settings of one Hugging Face server and builds its URLs.
 *
 * <p>{@code base-url} is the server's root: a Text Generation Inference (TGI) or Text Embeddings
 * Inference (TEI) server, or an Inference Endpoint running one, e.g.
 * {@code https://xyz.us-east-1.aws.endpoints.huggingface.cloud}. A trailing {@code /v1} is accepted and
 * dropped, since the OpenAI-compatible routes live under {@code /v1} and the native ones ({@code /embed},
 * {@code /info}) at the root. Options:
 * <ul>
 *   <li>{@code embeddings-api}: {@code tei} (default) uses TEI's native {@code /embed}; {@code openai} its
 *       OpenAI-compatible {@code /v1/embeddings}, which also reports token usage.
 *   <li>{@code response-format}: how JSON output is asked for; {@code tgi} (default) in TGI's grammar form,
 *       {@code openai} in OpenAI's form, for OpenAI-compatible front ends such as Hugging Face's router.
 *   <li>{@code max-tokens-field}: as for the {@code openai} type; TGI reads {@code max_tokens}.
 * </ul>
 *
 * @param apiKey the Hugging Face token sent as a bearer token, or null to send none (a local server)
 */
record HuggingFaceSettings(
    String provider,
    HttpUrl chatUrl,
    HttpUrl embedUrl,
    HttpUrl openAiEmbeddingsUrl,
    HttpUrl infoUrl,
    boolean teiEmbeddings,
    OpenAiResponseFormats.Style jsonForm,
    @Nullable Secret apiKey,
    String maxTokensField) {

  static final String EMBEDDINGS_API = "embeddings-api";
  static final String RESPONSE_FORMAT = "response-format";
  private static final Set<String> OPTIONS = Set.of(EMBEDDINGS_API, RESPONSE_FORMAT, OpenAiOptions.MAX_TOKENS_FIELD);

  /** Checks {@code config}, throwing {@link dev.llmgateway.server.config.InvalidConfigException} naming the first bad setting. */
  static HuggingFaceSettings from(ProviderConfig config) {
    HttpUrl base = OpenAiOptions.baseUrl(config,
        "the server's root as an http:// or https:// URL, e.g. http://localhost:8080 for a local TGI or TEI");
    OpenAiOptions.rejectUnknown(config, OPTIONS);
    HttpUrl root = base;
    List<String> segments = base.pathSegments();
    if (segments.get(segments.size() - 1).equals("v1")) {
      root = base.newBuilder().removePathSegment(segments.size() - 1).build();
    }
    boolean tei = OpenAiOptions.oneOf(config, EMBEDDINGS_API, "tei", List.of("tei", "openai")).equals("tei");
    OpenAiResponseFormats.Style jsonForm =
        OpenAiOptions.oneOf(config, RESPONSE_FORMAT, "tgi", List.of("tgi", "openai")).equals("tgi")
            ? OpenAiResponseFormats.Style.TGI_GRAMMAR : OpenAiResponseFormats.Style.OPENAI;
    return new HuggingFaceSettings(config.name(), endpoint(root, "v1/chat/completions"), endpoint(root, "embed"),
        endpoint(root, "v1/embeddings"), endpoint(root, "info"), tei, jsonForm, config.apiKey().orElse(null),
        OpenAiOptions.maxTokensField(config));
  }

  private static HttpUrl endpoint(HttpUrl root, String path) {
    return root.newBuilder().addPathSegments(path).build();
  }
}
