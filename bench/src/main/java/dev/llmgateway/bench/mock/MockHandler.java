package dev.llmgateway.bench.mock;

import com.fasterxml.jackson.core.JsonFactory;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Routes each request to its endpoint and answers from {@link MockBodies}. Stateless, so one instance
 * serves every connection; streamed answers are handed to a {@link StreamEmitter} per response.
 */
@Sharable
final class MockHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = Logger.getLogger(MockHandler.class.getName());
  static final String CHAT_PATH = "/v1/chat/completions";
  static final String EMBEDDINGS_PATH = "/v1/embeddings";
  static final String MODELS_PATH = "/v1/models";
  static final String MESSAGES_PATH = "/anthropic/v1/messages";
  static final String ANTHROPIC_MODELS_PATH = "/anthropic/v1/models";

  private final JsonFactory json;
  private final MockBodies bodies;
  private final MockStats stats;

  MockHandler(JsonFactory json, MockBodies bodies, MockStats stats) {
    this.json = json;
    this.bodies = bodies;
    this.stats = stats;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    stats.request();
    String uri = request.uri();
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    boolean post = request.method().equals(HttpMethod.POST);
    boolean get = request.method().equals(HttpMethod.GET);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (post && path.equals(CHAT_PATH)) {
      chat(ctx, request, keepAlive);
    } else if (post && path.equals(EMBEDDINGS_PATH)) {
      embeddings(ctx, request, keepAlive);
    } else if (post && path.equals(MESSAGES_PATH)) {
      messages(ctx, request, keepAlive);
    } else if (get && path.equals(MODELS_PATH)) {
      respond(ctx, HttpResponseStatus.OK, Provider.OPENAI, bodies.openAiModels(), keepAlive);
    } else if (get && path.equals(ANTHROPIC_MODELS_PATH)) {
      respond(ctx, HttpResponseStatus.OK, Provider.ANTHROPIC, bodies.anthropicModels(), keepAlive);
    } else if (path.startsWith("/anthropic/")) {
      respond(ctx, HttpResponseStatus.NOT_FOUND, Provider.ANTHROPIC,
          bodies.anthropicError("not_found_error", "Not found: " + request.method() + " " + path), keepAlive);
    } else {
      respond(ctx, HttpResponseStatus.NOT_FOUND, Provider.OPENAI,
          bodies.openAiError("Unknown request URL: " + request.method() + " " + path, "invalid_request_error",
              "unknown_url"), keepAlive);
    }
  }

  private void chat(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
    MockRequest body = parse(ctx, request, Provider.OPENAI, keepAlive);
    if (body == null) {
      return;
    }
    if (body.model().isEmpty() || !body.hasMessages()) {
      badRequest(ctx, Provider.OPENAI, "'model' and 'messages' are required", keepAlive);
      return;
    }
    if (!body.stream()) {
      respond(ctx, HttpResponseStatus.OK, Provider.OPENAI, bodies.chatCompletion(body.model()), keepAlive);
      return;
    }
    StreamShape shape = shape(body.model(), request);
    StreamBody stream = bodies.chatStream(body.model(), shape.chunks(), body.includeUsage());
    new StreamEmitter(ctx, Provider.OPENAI.streamHeaders(), stream, shape.delayNanos(), keepAlive, stats).start();
  }

  private void embeddings(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
    MockRequest body = parse(ctx, request, Provider.OPENAI, keepAlive);
    if (body == null) {
      return;
    }
    if (body.model().isEmpty() || body.inputs() < 1 || body.inputs() > 2048) {
      badRequest(ctx, Provider.OPENAI, "'model' and 1 to 2048 'input' values are required", keepAlive);
      return;
    }
    int dimensions = body.dimensions() > 0 ? Math.min(body.dimensions(), StreamShape.MAX_DIMENSIONS)
        : shape(body.model(), request).dimensions();
    respond(ctx, HttpResponseStatus.OK, Provider.OPENAI,
        bodies.embeddings(body.model(), body.inputs(), dimensions, body.base64()), keepAlive);
  }

  private void messages(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
    MockRequest body = parse(ctx, request, Provider.ANTHROPIC, keepAlive);
    if (body == null) {
      return;
    }
    if (body.model().isEmpty() || !body.hasMessages()) {
      badRequest(ctx, Provider.ANTHROPIC, "model: Field required; messages: Field required", keepAlive);
      return;
    }
    if (!body.stream()) {
      respond(ctx, HttpResponseStatus.OK, Provider.ANTHROPIC, bodies.message(body.model()), keepAlive);
      return;
    }
    StreamShape shape = shape(body.model(), request);
    StreamBody stream = bodies.messageStream(body.model(), shape.chunks());
    new StreamEmitter(ctx, Provider.ANTHROPIC.streamHeaders(), stream, shape.delayNanos(), keepAlive, stats).start();
  }

  @Nullable
  private MockRequest parse(ChannelHandlerContext ctx, FullHttpRequest request, Provider provider, boolean keepAlive) {
    try (InputStream in = new ByteBufInputStream(request.content().duplicate())) {
      return MockRequest.parse(json, in);
    } catch (IOException e) {
      badRequest(ctx, provider, "We could not parse the JSON body of your request.", keepAlive);
      return null;
    }
  }

  private static StreamShape shape(String model, FullHttpRequest request) {
    return StreamShape.of(model, request.headers().get("x-mock-chunks"), request.headers().get("x-mock-delay-us"));
  }

  private void badRequest(ChannelHandlerContext ctx, Provider provider, String message, boolean keepAlive) {
    byte[] body = provider == Provider.ANTHROPIC
        ? bodies.anthropicError("invalid_request_error", message)
        : bodies.openAiError(message, "invalid_request_error", "invalid_request");
    respond(ctx, HttpResponseStatus.BAD_REQUEST, provider, body, keepAlive);
  }

  private static void respond(
      ChannelHandlerContext ctx, HttpResponseStatus status, Provider provider, byte[] body, boolean keepAlive) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers().add(provider.jsonHeaders());
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.writeAndFlush(response, ctx.voidPromise());
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A client that resets its connection mid-response is routine under load; anything else is worth a line.
    if (!(cause instanceof IOException)) {
      LOG.log(Level.WARNING, "mock upstream: closing a connection after an unexpected error", cause);
    }
    ctx.close();
  }
}
