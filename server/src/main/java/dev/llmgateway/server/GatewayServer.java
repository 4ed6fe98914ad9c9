package dev.llmgateway.server;

import com.google.inject.Inject;
import dev.llmgateway.server.config.ServerConfig;
import dev.llmgateway.server.lifecycle.Managed;
import dev.llmgateway.server.resilience.DeploymentGuards;
import dev.llmgateway.server.resilience.DeploymentHealth;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;

/**
 * Owns the running gateway: the gRPC server with the data-plane services behind the edge interceptors,
 * health (per service and per provider as {@code llmgateway.provider.<name>}; NOT_SERVING while draining) and reflection (v1 and v1alpha), the call executor,
 * and the shared HTTP client. {@link #close()} drains gracefully: stop taking calls, let in-flight ones
 * (streams included) finish within the grace period, then cancel the rest, which cancels their
 * upstream requests.
 */
public final class GatewayServer implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(GatewayServer.class.getName());
  /** Health service name prefix of each provider's status, e.g. {@code llmgateway.provider.openai}. */
  public static final String PROVIDER_SERVICE_PREFIX = "llmgateway.provider.";

  private final ServerConfig config;
  private final List<BindableService> services;
  private final List<ServerInterceptor> interceptorsOutermostFirst;
  private final OkHttpClient http;
  private final Set<Managed> background;
  private final DeploymentGuards deployments;
  private final HealthStatusManager health = new HealthStatusManager();
  private final List<String> serviceNames = new ArrayList<>();
  private ExecutorService executor;
  private Server server;

  @Inject
  GatewayServer(ServerConfig config, List<BindableService> services, List<ServerInterceptor> interceptors,
      OkHttpClient http, Set<Managed> background, DeploymentGuards deployments) {
    this.deployments = deployments;
    this.config = config;
    this.services = services;
    this.interceptorsOutermostFirst = interceptors;
    this.http = http;
    this.background = background;
  }

  /**
   * Starts the background services (telemetry endpoint, discovery), then binds the port and starts
   * serving; health turns SERVING once every service is up. On failure, everything started is stopped.
   */
  public synchronized GatewayServer start() {
    List<Managed> started = new ArrayList<>();
    try {
      for (Managed service : background) {
        service.start();
        started.add(service);
      }
      startGrpc();
    } catch (RuntimeException e) {
      started.forEach(Managed::close);
      throw e;
    }
    return this;
  }

  private void startGrpc() {
    // Handlers never block (upstream calls are asynchronous), so a small work-stealing pool suffices.
    executor = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
        ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
    NettyServerBuilder builder = NettyServerBuilder
        .forAddress(new InetSocketAddress(config.host(), config.port()))
        .executor(executor)
        .maxInboundMessageSize(config.maxInboundMessageBytes())
        .addService(health.getHealthService());
    // ServerInterceptors.intercept runs the last interceptor first, hence the reversed list.
    List<ServerInterceptor> innermostFirst = new ArrayList<>(interceptorsOutermostFirst);
    Collections.reverse(innermostFirst);
    for (BindableService service : services) {
      ServerServiceDefinition definition = ServerInterceptors.intercept(service, innermostFirst);
      serviceNames.add(definition.getServiceDescriptor().getName());
      builder.addService(definition);
    }
    if (config.reflection()) {
      builder.addService(ProtoReflectionServiceV1.newInstance());
      builder.addService(legacyReflection());
    }
    try {
      server = builder.build().start();
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port(), e);
    }
    for (String name : serviceNames) {
      health.setStatus(name, ServingStatus.SERVING);
    }
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    deployments.onProviderChange(this::publishProvider);
    deployments.health().stream().map(DeploymentHealth::provider).distinct().forEach(this::publishProvider);
  }

  /** Publishes a provider's health: NOT_SERVING while the circuit of every one of its deployments is open. */
  private void publishProvider(String provider) {
    health.setStatus(PROVIDER_SERVICE_PREFIX + provider,
        deployments.providerServing(provider) ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
  }

  /** Returns the bound port (useful with port 0). */
  public synchronized int port() {
    return server.getPort();
  }

  /** Blocks until the server has terminated. */
  public void awaitTermination() throws InterruptedException {
    Server s;
    synchronized (this) {
      s = server;
    }
    if (s != null) {
      s.awaitTermination();
    }
  }

  /** Drains and stops; idempotent. */
  @Override
  public synchronized void close() {
    if (server == null || server.isTerminated()) {
      return;
    }
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        logger.info("grace period over: cancelling the calls still in flight");
        server.shutdownNow();
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
          logger.warning("server did not terminate within 5s of cancelling its calls");
        }
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      background.forEach(Managed::close);
      executor.shutdown();
      http.dispatcher().cancelAll();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
      logger.log(Level.INFO, "stopped");
    }
  }

  // v1alpha is still what older grpcurl releases and some tools speak; v1 is served beside it.
  @SuppressWarnings("deprecation")
  private static BindableService legacyReflection() {
    return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
  }
}
