package dev.llmgateway.bench.mock;

import com.fasterxml.jackson.core.JsonFactory;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Runs the mock upstream: a Netty HTTP/1.1 server with keep-alive on a loopback address. Base URLs are
 * {@code http://127.0.0.1:<port>/v1} (OpenAI-compatible) and {@code http://127.0.0.1:<port>/anthropic/v1}.
 * It measures the CPU time of its own threads, so a report can show that the mock is not the bottleneck.
 */
public final class MockUpstream implements AutoCloseable {
  private static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel server;
  private final MockStats stats = new MockStats();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  private MockUpstream(InetAddress address, int port, int ioThreads) throws InterruptedException {
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException("address: " + address + " (expected: a loopback address)");
    }
    this.boss = new NioEventLoopGroup(1, new RecordingThreadFactory("mock-accept", threads));
    this.workers = new NioEventLoopGroup(ioThreads, new RecordingThreadFactory("mock-io", threads));
    MockHandler handler = new MockHandler(new JsonFactory(), new MockBodies(new JsonFactory()), stats);
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        // Scenarios open thousands of connections at once; a short accept queue would refuse some.
        .option(ChannelOption.SO_BACKLOG, 16_384)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            stats.connectionOpened();
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES), handler);
          }
        });
    this.server = bootstrap.bind(new InetSocketAddress(address, port)).sync().channel();
  }

  /** Starts a mock on {@code 127.0.0.1} and an ephemeral port, with {@code ioThreads} event-loop threads. */
  public static MockUpstream start(int ioThreads) throws InterruptedException {
    return start(InetAddress.getLoopbackAddress(), 0, ioThreads);
  }

  /** Starts a mock on a loopback {@code address} and {@code port} (0 for an ephemeral one). */
  public static MockUpstream start(InetAddress address, int port, int ioThreads) throws InterruptedException {
    if (ioThreads < 1) {
      throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: >= 1)");
    }
    return new MockUpstream(address, port, ioThreads);
  }

  /** Returns the port the mock listens on. */
  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Returns the OpenAI-compatible base URL, e.g. {@code http://127.0.0.1:1234/v1}. */
  public String openAiBaseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  /** Returns the Anthropic base URL, e.g. {@code http://127.0.0.1:1234/anthropic/v1}. */
  public String anthropicBaseUrl() {
    return "http://127.0.0.1:" + port() + "/anthropic/v1";
  }

  /** Returns the counters of what the mock served. */
  public MockStats stats() {
    return stats;
  }

  /** Returns the CPU time, in nanoseconds, that the mock's own threads have used so far. */
  public long cpuNanos() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (Thread t : threads) {
      long cpu = mx.getThreadCpuTime(t.getId());
      if (cpu > 0) {
        total += cpu;
      }
    }
    return total;
  }

  /** Stops accepting, closes every connection and stops the threads, waiting at most a few seconds. */
  @Override
  public void close() {
    server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /** Names the mock's threads and keeps them, so their CPU time can be summed. */
  private static final class RecordingThreadFactory extends DefaultThreadFactory {
    private final List<Thread> threads;

    RecordingThreadFactory(String prefix, List<Thread> threads) {
      super(prefix, true);
      this.threads = threads;
    }

    @Override
    protected Thread newThread(Runnable r, String name) {
      Thread thread = super.newThread(r, name);
      threads.add(thread);
      return thread;
    }
  }
}
