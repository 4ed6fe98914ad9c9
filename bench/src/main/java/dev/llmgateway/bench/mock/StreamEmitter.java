package dev.llmgateway.bench.mock;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.TimeUnit;

/**
 * Writes one streamed answer as a chunked HTTP response on the connection's event loop: the head and
 * first text chunk at once, each later text chunk on a fixed schedule ({@code start + i * delay}, so
 * timer lateness does not accumulate), then the tail. Without a delay every event is written in one
 * flush. It stops at the next step when the client has gone away.
 */
final class StreamEmitter implements Runnable {
  private final ChannelHandlerContext ctx;
  private final HttpHeaders headers;
  private final StreamBody body;
  private final long delayNanos;
  private final boolean keepAlive;
  private final MockStats stats;
  private int next;
  private long startNanos;

  StreamEmitter(ChannelHandlerContext ctx, HttpHeaders headers, StreamBody body, long delayNanos, boolean keepAlive,
      MockStats stats) {
    this.ctx = ctx;
    this.headers = headers;
    this.body = body;
    this.delayNanos = delayNanos;
    this.keepAlive = keepAlive;
    this.stats = stats;
  }

  void start() {
    stats.streamOpened();
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    response.headers().add(headers);
    HttpUtil.setTransferEncodingChunked(response, true);
    ctx.write(response, ctx.voidPromise());
    ctx.write(content(body.head()), ctx.voidPromise());
    ctx.write(content(body.chunks().get(0)), ctx.voidPromise());
    next = 1;
    if (delayNanos == 0) {
      while (next < body.chunks().size()) {
        ctx.write(content(body.chunks().get(next++)), ctx.voidPromise());
      }
      finish();
      return;
    }
    ctx.flush();
    startNanos = System.nanoTime();
    scheduleNext();
  }

  @Override
  public void run() {
    if (!ctx.channel().isActive()) {
      stats.streamClosed(false);
      return;
    }
    ctx.write(content(body.chunks().get(next++)), ctx.voidPromise());
    if (next == body.chunks().size()) {
      finish();
      return;
    }
    ctx.flush();
    scheduleNext();
  }

  private void scheduleNext() {
    long due = startNanos + next * delayNanos;
    ctx.executor().schedule(this, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private void finish() {
    ctx.write(content(body.tail()), ctx.voidPromise());
    if (keepAlive) {
      ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, ctx.voidPromise());
    } else {
      ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
    }
    stats.streamClosed(true);
  }

  private static HttpContent content(byte[] bytes) {
    return new DefaultHttpContent(Unpooled.wrappedBuffer(bytes));
  }
}
