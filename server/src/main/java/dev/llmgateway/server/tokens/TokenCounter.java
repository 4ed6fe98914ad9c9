package dev.llmgateway.server.tokens;

import com.google.inject.Singleton;
import dev.llmgateway.server.lifecycle.Managed;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.CountTokensRequest;
import dev.llmgateway.v1.CountTokensResponse;
import dev.llmgateway.v1.ImageDetail;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.TokenCountMethod;
import dev.llmgateway.v1.Tool;
import dev.llmgateway.v1.ToolCall;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.Optional;

/**
 * Counts a conversation's input tokens without asking the provider. With a known tokenizer (configured
 * per model, or recognised from an OpenAI model name) text is counted exactly and chat framing follows
 * OpenAI's published accounting (3 tokens per message, 1 per name, 3 to prime the reply); images and tool
 * definitions are estimated. Without one, every part is estimated at one token per four characters plus 4
 * per message. Thread-safe; encodings load lazily on first use.
 */
@Singleton
public final class TokenCounter implements Managed {
  private static final int PER_MESSAGE = 3;
  private static final int PER_NAME = 1;
  private static final int REPLY_PRIMING = 3;
  private static final int IMAGE_LOW = 85;
  private static final int IMAGE_HIGH = 765;

  private final EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
  private static final long WARM_UP_DELAY_SECONDS = 3;
  private ScheduledExecutorService warmUp;

  /**
   * Loads the common encodings in the background, a few seconds after start: each takes from a fraction
   * of a second to seconds of CPU to build, which the first CountTokens call would otherwise wait for, and
   * which would slow start-up if it ran while the server was still coming up.
   */
  @Override
  public synchronized void start() {
    if (warmUp != null) {
      return;
    }
    warmUp = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tokenizer-warm-up");
      t.setDaemon(true);
      return t;
    });
    warmUp.schedule(() -> {
      registry.getEncoding(EncodingType.O200K_BASE);
      registry.getEncoding(EncodingType.CL100K_BASE);
    }, WARM_UP_DELAY_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public synchronized void close() {
    if (warmUp != null) {
      warmUp.shutdownNow();
    }
  }

  /**
   * Counts {@code request} for {@code upstreamModel}, with {@code tokenizer} (an encoding name such as
   * {@code o200k_base}) when the configuration names one.
   */
  public CountTokensResponse count(CountTokensRequest request, String upstreamModel, Optional<String> tokenizer) {
    Optional<Encoding> encoding = tokenizer.flatMap(name -> EncodingType.fromName(name).map(registry::getEncoding))
        .or(() -> registry.getEncodingForModel(upstreamModel.toLowerCase(Locale.ROOT)));
    CountTokensResponse.Builder out = CountTokensResponse.newBuilder().setModel(upstreamModel).setExact(false);
    if (encoding.isPresent()) {
      Encoding e = encoding.get();
      return out.setInputTokens(countWith(e, request)).setMethod(TokenCountMethod.TOKEN_COUNT_METHOD_TOKENIZER)
          .setTokenizer(e.getName()).build();
    }
    return out.setInputTokens(estimate(request)).setMethod(TokenCountMethod.TOKEN_COUNT_METHOD_ESTIMATE).build();
  }

  /** Returns the character-based estimate used when no tokenizer is known (also cheap enough for hot paths). */
  public static long estimate(CountTokensRequest request) {
    return estimate(request.getMessagesList(), request.getToolsList());
  }

  /**
   * Returns the character-based estimate of a conversation: the quota estimator's prompt size (about four
   * characters per token, 4 per message, images at their high-detail size).
   */
  public static long estimate(java.util.List<Message> messages, java.util.List<Tool> tools) {
    long tokens = 0;
    for (Message m : messages) {
      tokens += 4;
      for (ContentPart part : m.getContentList()) {
        tokens += part.hasImage() ? imageTokens(part) : estimate(part.getText());
      }
      for (ToolCall call : m.getToolCallsList()) {
        tokens += estimate(call.getName()) + estimate(call.getArgumentsJson());
      }
    }
    for (Tool tool : tools) {
      tokens += estimate(tool.getName()) + estimate(tool.getDescription())
          + 8L * tool.getParameters().getFieldsCount();
    }
    return tokens;
  }

  /** Returns about one token per four characters. */
  public static long estimate(String text) {
    return (text.length() + 3) / 4;
  }

  private static long countWith(Encoding e, CountTokensRequest request) {
    long tokens = REPLY_PRIMING;
    for (Message m : request.getMessagesList()) {
      tokens += PER_MESSAGE;
      if (!m.getName().isEmpty()) {
        tokens += PER_NAME + e.countTokens(m.getName());
      }
      for (ContentPart part : m.getContentList()) {
        tokens += part.hasImage() ? imageTokens(part) : e.countTokensOrdinary(part.getText());
      }
      for (ToolCall call : m.getToolCallsList()) {
        tokens += e.countTokensOrdinary(call.getName()) + e.countTokensOrdinary(call.getArgumentsJson());
      }
    }
    for (Tool tool : request.getToolsList()) {
      // Providers render tool definitions into the prompt in undocumented ways; the definition's own
      // text is the honest lower bound.
      tokens += e.countTokensOrdinary(tool.getName()) + e.countTokensOrdinary(tool.getDescription())
          + e.countTokensOrdinary(tool.getParameters().toString());
    }
    return tokens;
  }

  private static long imageTokens(ContentPart part) {
    return part.getImage().getDetail() == ImageDetail.IMAGE_DETAIL_LOW ? IMAGE_LOW : IMAGE_HIGH;
  }
}
