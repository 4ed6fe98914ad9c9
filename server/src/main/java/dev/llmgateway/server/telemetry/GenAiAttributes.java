package dev.llmgateway.server.telemetry;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Usage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.util.List;

/**
 * Puts the OpenTelemetry GenAI attributes on a call's span. Prompt and completion text is added only
 * when record-content is configured; everything else (models, parameters, usage, finish reasons) is
 * always recorded. Each method does nothing on a span that is not recording. Thread-safe.
 */
@Singleton
public final class GenAiAttributes {
  public static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
  public static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
  public static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  public static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
  public static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
  public static final AttributeKey<Double> REQUEST_TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
  public static final AttributeKey<Long> REQUEST_SEED = AttributeKey.longKey("gen_ai.request.seed");
  public static final AttributeKey<Long> EMBEDDINGS_DIMENSION_COUNT =
      AttributeKey.longKey("gen_ai.embeddings.dimension.count");
  public static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
  public static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  public static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  public static final AttributeKey<Long> USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  public static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  public static final AttributeKey<Long> USAGE_CACHE_READ_INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
  /** The kind of token a {@code gateway.tokens} measurement counts: input, output or cached. */
  public static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
  /** Prompt messages as JSON; set only with record-content on. */
  public static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
  /** Completion messages as JSON; set only with record-content on. */
  public static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");

  public static final String OPERATION_CHAT = "chat";
  public static final String OPERATION_EMBEDDINGS = "embeddings";
  public static final String TOKEN_TYPE_INPUT = "input";
  public static final String TOKEN_TYPE_OUTPUT = "output";
  public static final String TOKEN_TYPE_CACHED = "cached";

  private final boolean recordContent;

  @Inject
  GenAiAttributes(TelemetryConfig config) {
    this.recordContent = config.recordContent();
  }

  /** Returns whether prompt and completion text may be recorded (record-content; off by default). */
  public boolean recordContent() {
    return recordContent;
  }

  /** Returns the GenAI finish reason for {@code reason}: {@code stop}, {@code length}, {@code tool_calls}…; empty when unspecified. */
  public static String finishReason(FinishReason reason) {
    return switch (reason) {
      case FINISH_REASON_STOP -> "stop";
      case FINISH_REASON_LENGTH -> "length";
      case FINISH_REASON_TOOL_CALLS -> "tool_calls";
      case FINISH_REASON_CONTENT_FILTER -> "content_filter";
      case FINISH_REASON_REFUSAL -> "refusal";
      case FINISH_REASON_OTHER -> "other";
      case FINISH_REASON_UNSPECIFIED, UNRECOGNIZED -> "";
    };
  }

  /**
   * Sets the chat request attributes: operation, {@code provider} (configured name), {@code model}
   * (catalogue id) and the sampling parameters the caller set; the messages only with record-content on.
   */
  public void setRequest(Span span, CompleteRequest request, String provider, String model) {
    if (!span.isRecording()) {
      return;
    }
    span.setAttribute(OPERATION_NAME, OPERATION_CHAT);
    span.setAttribute(PROVIDER_NAME, provider);
    span.setAttribute(REQUEST_MODEL, model);
    if (request.hasMaxOutputTokens()) {
      span.setAttribute(REQUEST_MAX_TOKENS, (long) request.getMaxOutputTokens());
    }
    if (request.hasTemperature()) {
      span.setAttribute(REQUEST_TEMPERATURE, request.getTemperature());
    }
    if (request.hasTopP()) {
      span.setAttribute(REQUEST_TOP_P, request.getTopP());
    }
    if (request.hasSeed()) {
      span.setAttribute(REQUEST_SEED, request.getSeed());
    }
    if (recordContent) {
      span.setAttribute(INPUT_MESSAGES, GenAiContent.inputMessages(request.getMessagesList()));
    }
  }

  /** Sets the embeddings request attributes: operation, {@code provider}, {@code model} and dimensions if set. Inputs are never recorded. */
  public void setRequest(Span span, EmbedRequest request, String provider, String model) {
    if (!span.isRecording()) {
      return;
    }
    span.setAttribute(OPERATION_NAME, OPERATION_EMBEDDINGS);
    span.setAttribute(PROVIDER_NAME, provider);
    span.setAttribute(REQUEST_MODEL, model);
    if (request.hasDimensions()) {
      span.setAttribute(EMBEDDINGS_DIMENSION_COUNT, (long) request.getDimensions());
    }
  }

  /** Sets the chat response attributes: id, upstream model, finish reason, usage; the message only with record-content on. */
  public void setResponse(Span span, CompleteResponse response) {
    if (!span.isRecording()) {
      return;
    }
    setResult(span, response.getId(), response.getModel(), response.getFinishReason(), response.getUsage());
    if (recordContent && response.hasMessage()) {
      span.setAttribute(OUTPUT_MESSAGES, GenAiContent.outputMessage(response.getMessage(), finishReason(response.getFinishReason())));
    }
  }

  /** Sets the embeddings response attributes: upstream model and input tokens. */
  public void setResponse(Span span, EmbedResponse response) {
    if (!span.isRecording()) {
      return;
    }
    setResult(span, "", response.getModel(), FinishReason.FINISH_REASON_UNSPECIFIED, response.getUsage());
  }

  /**
   * Sets a stream's response attributes from its {@code first} chunk (id, upstream model) and its
   * {@code last} (finish reason, usage); they may be the same chunk.
   */
  public void setStreamResponse(Span span, CompleteStreamResponse first, CompleteStreamResponse last) {
    if (!span.isRecording()) {
      return;
    }
    setResult(span, first.getId(), first.getModel(), last.getFinishReason(), last.getUsage());
  }

  /** Records a streamed completion's accumulated {@code text}, only with record-content on. */
  public void setStreamOutput(Span span, CharSequence text, FinishReason reason) {
    if (!recordContent || !span.isRecording()) {
      return;
    }
    span.setAttribute(OUTPUT_MESSAGES, GenAiContent.outputText(text, finishReason(reason)));
  }

  private static void setResult(Span span, String id, String model, FinishReason reason, Usage usage) {
    if (!id.isEmpty()) {
      span.setAttribute(RESPONSE_ID, id);
    }
    if (!model.isEmpty()) {
      span.setAttribute(RESPONSE_MODEL, model);
    }
    String finish = finishReason(reason);
    if (!finish.isEmpty()) {
      span.setAttribute(RESPONSE_FINISH_REASONS, List.of(finish));
    }
    span.setAttribute(USAGE_INPUT_TOKENS, usage.getInputTokens());
    span.setAttribute(USAGE_OUTPUT_TOKENS, usage.getOutputTokens());
    if (usage.getCachedInputTokens() > 0) {
      span.setAttribute(USAGE_CACHE_READ_INPUT_TOKENS, usage.getCachedInputTokens());
    }
  }
}
