package dev.llmgateway.server.providers.demo;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.protobuf.ByteString;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.DeploymentType;
import dev.llmgateway.v1.Embedding;
import dev.llmgateway.v1.GenerateImageRequest;
import dev.llmgateway.v1.GenerateImageResponse;
import dev.llmgateway.v1.GeneratedImage;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Modality;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.ToolCallDelta;
import dev.llmgateway.v1.Usage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;

/**
 * The offline demo provider. Unary answers are delivered before {@link #complete} returns; streams
 * emit one word per chunk on a scheduler, {@code stream-chunk-delay} apart (option, default 20ms).
 * Embeddings are unit vectors seeded from a hash of the text ({@code embedding-dimensions}, default 256).
 */
final class DemoAdapter implements ProviderAdapter {
  private final String provider;
  private final Duration chunkDelay;
  private final int embeddingDimensions;
  private final ScheduledExecutorService scheduler;
  private final DemoResponder responder = new DemoResponder();

  DemoAdapter(ProviderConfig config, ScheduledExecutorService scheduler) {
    this.provider = config.name();
    this.scheduler = requireNonNull(scheduler, "scheduler");
    this.chunkDelay = parseDelay(config);
    this.embeddingDimensions = parseDimensions(config);
  }

  @Override
  public UpstreamCall complete(ProviderRequest<CompleteRequest> request, ResultSink<CompleteResponse> sink) {
    DemoAnswer answer = responder.answer(request.request());
    Message.Builder message = Message.newBuilder().setRole(Role.ROLE_ASSISTANT).addAllToolCalls(answer.toolCalls());
    if (!answer.pieces().isEmpty()) {
      message.addContent(ContentPart.newBuilder().setText(answer.text()));
    }
    sink.onSuccess(CompleteResponse.newBuilder()
        .setId("demo-" + request.requestId())
        .setMessage(message)
        .setFinishReason(answer.finishReason())
        .setUpstreamFinishReason(answer.upstreamFinishReason())
        .setUsage(answer.usage())
        .setProvider(provider)
        .setModel(request.upstreamModel())
        .build());
    return UpstreamCall.DONE;
  }

  @Override
  public UpstreamCall stream(ProviderRequest<CompleteRequest> request, StreamSink sink) {
    DemoAnswer answer = responder.answer(request.request());
    DemoStream stream = new DemoStream("demo-" + request.requestId(), request.upstreamModel(), answer, sink);
    stream.scheduleNext(Duration.ZERO);
    return stream::cancel;
  }

  @Override
  public UpstreamCall embed(ProviderRequest<EmbedRequest> request, ResultSink<EmbedResponse> sink) {
    EmbedRequest embed = request.request();
    int dimensions = embed.hasDimensions() ? embed.getDimensions() : embeddingDimensions;
    EmbedResponse.Builder response = EmbedResponse.newBuilder().setProvider(provider).setModel(request.upstreamModel());
    long tokens = 0;
    for (int i = 0; i < embed.getInputsCount(); i++) {
      String input = embed.getInputs(i);
      tokens += DemoResponder.tokensOf(input);
      response.addEmbeddings(Embedding.newBuilder().setIndex(i).addAllValues(vector(input, dimensions)));
    }
    response.setUsage(Usage.newBuilder().setInputTokens(tokens).setTotalTokens(tokens));
    sink.onSuccess(response.build());
    return UpstreamCall.DONE;
  }

  @Override
  public UpstreamCall generateImage(ProviderRequest<GenerateImageRequest> request,
      ResultSink<GenerateImageResponse> sink) {
    GenerateImageRequest image = request.request();
    int width = 256;
    int height = 256;
    if (!image.getSize().isEmpty()) {
      String[] wh = image.getSize().split("x");
      width = Integer.parseInt(wh[0]);
      height = Integer.parseInt(wh[1]);
      // The demo draws small pictures; a size it will not draw is the caller's to fix.
      if (width > 2048 || height > 2048) {
        sink.onError(GatewayException.invalidField("size", "'" + image.getSize()
            + "' (the demo provider draws at most 2048x2048)"));
        return UpstreamCall.DONE;
      }
    }
    GenerateImageResponse.Builder response = GenerateImageResponse.newBuilder().setProvider(provider)
        .setModel(request.upstreamModel());
    int count = image.hasCount() ? image.getCount() : 1;
    for (int i = 0; i < count; i++) {
      response.addImages(GeneratedImage.newBuilder()
          .setData(ByteString.copyFrom(DemoImages.png(image.getPrompt(), i, width, height)))
          .setMimeType("image/png")
          .setRevisedPrompt(DemoResponder.LABEL + image.getPrompt()));
    }
    long tokens = DemoImages.promptTokens(image.getPrompt());
    response.setUsage(Usage.newBuilder().setInputTokens(tokens).setTotalTokens(tokens));
    sink.onSuccess(response.build());
    return UpstreamCall.DONE;
  }

  @Override
  public UpstreamCall listModels(@Nullable Duration timeout, ResultSink<List<DiscoveredModel>> sink) {
    sink.onSuccess(List.of(
        new DiscoveredModel("demo-echo-1", "llm-gateway", Set.of(Capability.CAPABILITY_CHAT,
            Capability.CAPABILITY_STREAMING, Capability.CAPABILITY_TOOLS, Capability.CAPABILITY_JSON_OUTPUT), 32768,
            4096, Set.of(Modality.MODALITY_TEXT, Modality.MODALITY_IMAGE), Set.of(Modality.MODALITY_TEXT),
            DeploymentType.DEPLOYMENT_TYPE_ON_DEMAND),
        new DiscoveredModel("demo-embed-1", "llm-gateway", Set.of(Capability.CAPABILITY_EMBEDDINGS), 8192, 0,
            Set.of(Modality.MODALITY_TEXT), Set.of(Modality.MODALITY_EMBEDDING), DeploymentType.DEPLOYMENT_TYPE_ON_DEMAND),
        new DiscoveredModel("demo-draw-1", "llm-gateway", Set.of(Capability.CAPABILITY_IMAGE_GENERATION), 0, 0,
            Set.of(Modality.MODALITY_TEXT), Set.of(Modality.MODALITY_IMAGE), DeploymentType.DEPLOYMENT_TYPE_ON_DEMAND)));
    return UpstreamCall.DONE;
  }

  private static List<Float> vector(String text, int dimensions) {
    SplittableRandom random = new SplittableRandom(seed(text));
    float[] values = new float[dimensions];
    double norm = 0;
    for (int i = 0; i < dimensions; i++) {
      values[i] = (float) (random.nextDouble() * 2 - 1);
      norm += values[i] * values[i];
    }
    Float[] out = new Float[dimensions];
    double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
    for (int i = 0; i < dimensions; i++) {
      out[i] = (float) (values[i] * scale);
    }
    return List.of(out);
  }

  private static long seed(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long seed = 0;
      for (int i = 0; i < 8; i++) {
        seed = (seed << 8) | (digest[i] & 0xff);
      }
      return seed;
    } catch (NoSuchAlgorithmException e) {
      // Every Java runtime must provide SHA-256.
      throw new IllegalStateException(e);
    }
  }

  private static Duration parseDelay(ProviderConfig config) {
    String value = config.option("stream-chunk-delay", "20ms").trim();
    try {
      long millis = value.endsWith("ms") ? Long.parseLong(value.substring(0, value.length() - 2).trim())
          : value.endsWith("s") ? Long.parseLong(value.substring(0, value.length() - 1).trim()) * 1000
          : Long.parseLong(value);
      if (millis < 0) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(millis);
    } catch (NumberFormatException e) {
      throw new InvalidConfigException("invalid configuration: providers." + config.name()
          + ".options.stream-chunk-delay: '" + value + "' (expected: a duration such as 20ms or 1s)");
    }
  }

  private static int parseDimensions(ProviderConfig config) {
    String value = config.option("embedding-dimensions", "256").trim();
    try {
      int dims = Integer.parseInt(value);
      if (dims < 1 || dims > 8192) {
        throw new NumberFormatException();
      }
      return dims;
    } catch (NumberFormatException e) {
      throw new InvalidConfigException("invalid configuration: providers." + config.name()
          + ".options.embedding-dimensions: '" + value + "' (expected: 1 to 8192)");
    }
  }

  /** One stream in progress: emits the next chunk each time the scheduler fires. */
  private final class DemoStream {
    private final String id;
    private final String model;
    private final DemoAnswer answer;
    private final StreamSink sink;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile ScheduledFuture<?> next;
    private int position;

    DemoStream(String id, String model, DemoAnswer answer, StreamSink sink) {
      this.id = id;
      this.model = model;
      this.answer = answer;
      this.sink = sink;
    }

    void scheduleNext(Duration delay) {
      next = scheduler.schedule(this::emit, delay.toNanos(), TimeUnit.NANOSECONDS);
      // A cancel that raced the scheduling must still stop the new task.
      if (done.get()) {
        next.cancel(false);
      }
    }

    private void emit() {
      if (done.get()) {
        return;
      }
      CompleteStreamResponse.Builder chunk = CompleteStreamResponse.newBuilder().setId(id);
      if (position == 0) {
        chunk.setProvider(provider).setModel(model);
      }
      int pieces = answer.pieces().size();
      if (position < pieces) {
        chunk.setTextDelta(answer.pieces().get(position));
      } else if (position == pieces && !answer.toolCalls().isEmpty()) {
        for (int i = 0; i < answer.toolCalls().size(); i++) {
          ToolCall call = answer.toolCalls().get(i);
          chunk.addToolCallDeltas(ToolCallDelta.newBuilder().setIndex(i).setId(call.getId())
              .setName(call.getName()).setArgumentsJsonDelta(call.getArgumentsJson()));
        }
      }
      int last = pieces + (answer.toolCalls().isEmpty() ? 0 : 1) - 1;
      boolean isLast = position >= last;
      if (isLast) {
        chunk.setFinishReason(answer.finishReason()).setUpstreamFinishReason(answer.upstreamFinishReason())
            .setUsage(answer.usage());
      }
      position++;
      sink.onChunk(chunk.build());
      if (isLast) {
        if (done.compareAndSet(false, true)) {
          sink.onComplete();
        }
        return;
      }
      scheduleNext(chunkDelay);
    }

    void cancel() {
      if (done.compareAndSet(false, true)) {
        ScheduledFuture<?> pending = next;
        if (pending != null) {
          pending.cancel(false);
        }
        sink.onError(GatewayException.builder(ErrorKind.CANCELLED, "the call was cancelled").provider(provider).build());
      }
    }
  }

  /** Creates demo adapters; all share one daemon scheduler thread. */
  @Singleton
  static final class Factory implements ProviderAdapter.Factory {
    private final ScheduledExecutorService scheduler;

    @Inject
    Factory() {
      this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-provider");
        t.setDaemon(true);
        return t;
      });
    }

    @Override
    public ProviderAdapter create(ProviderConfig config) {
      return new DemoAdapter(config, scheduler);
    }
  }
}
