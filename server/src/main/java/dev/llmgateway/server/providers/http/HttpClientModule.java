package dev.llmgateway.server.providers.http;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.HttpClientConfig;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** Provides the one OkHttp client (pool and dispatcher) that every adapter derives its own from. */
public final class HttpClientModule extends AbstractModule {

  @Provides
  @Singleton
  OkHttpClient sharedHttpClient(HttpClientConfig config, UpstreamTracingInterceptor tracing) {
    AtomicInteger threads = new AtomicInteger();
    // OkHttp runs each in-flight call on a dispatcher thread; the pool grows with load and idle
    // threads die after a minute. Daemon threads, so they never hold the JVM up after shutdown.
    ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "upstream-http-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    Dispatcher dispatcher = new Dispatcher(executor);
    dispatcher.setMaxRequests(config.maxConcurrentRequests());
    dispatcher.setMaxRequestsPerHost(config.maxConcurrentRequestsPerHost());
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .addInterceptor(tracing)
        .connectionPool(new ConnectionPool(config.maxIdleConnections(), config.keepAlive().toMillis(),
            TimeUnit.MILLISECONDS))
        .build();
  }
}
