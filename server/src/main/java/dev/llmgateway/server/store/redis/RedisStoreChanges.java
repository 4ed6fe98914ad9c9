package dev.llmgateway.server.store.redis;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.lifecycle.Managed;
import dev.llmgateway.server.store.StoreChange;
import dev.llmgateway.server.store.StoreChanges;
import dev.llmgateway.server.store.StoreUnavailableException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Spreads changes between replicas over Redis pub/sub ({@link RedisKeys#CHANGES}, messages
 * {@code <KIND>:<id>}). One thread per replica holds the subscription and resubscribes after a lost
 * connection; since messages sent meanwhile are gone, every (re)subscription tells the listeners that
 * everything may have changed (an {@code API_KEY} change with an empty id, and a {@code CATALOG} change).
 */
@Singleton
public final class RedisStoreChanges implements StoreChanges, Managed {
  private static final Logger logger = Logger.getLogger(RedisStoreChanges.class.getName());
  private static final long RESUBSCRIBE_DELAY_MS = 500;

  private final UnifiedJedis redis;
  private final List<Consumer<StoreChange>> listeners = new CopyOnWriteArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  // A fresh one per subscription: a JedisPubSub keeps the state of the connection it last ran on.
  private volatile Subscriber subscriber;
  private Thread thread;

  @Inject
  public RedisStoreChanges(UnifiedJedis redis) {
    this.redis = requireNonNull(redis, "redis");
  }

  @Override
  public void publish(StoreChange change) {
    requireNonNull(change, "change");
    String message = change.kind().name() + ":" + change.id();
    StoreUnavailableException failure = null;
    // A second try, because after a Redis restart the first one meets a broken pooled connection (then dropped).
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        RedisCalls.run(redis, "change publish", () -> redis.publish(RedisKeys.CHANGES, message));
        return;
      } catch (StoreUnavailableException e) {
        failure = e;
      }
    }
    // Replicas still see the change once their cached copy expires (at most a second for keys).
    logger.log(Level.WARNING, "could not announce a store change to other replicas", failure);
    deliver(change);
  }

  @Override
  public void subscribe(Consumer<StoreChange> listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  @Override
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    thread = new Thread(this::run, "redis-changes");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (stopped.getCount() > 0) {
      try {
        Subscriber current = new Subscriber();
        subscriber = current;
        redis.subscribe(current, RedisKeys.CHANGES);
      } catch (JedisException e) {
        logger.log(Level.FINE, "change subscription lost; resubscribing", e);
      }
      try {
        if (stopped.await(RESUBSCRIBE_DELAY_MS, TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void deliver(StoreChange change) {
    for (Consumer<StoreChange> listener : listeners) {
      listener.accept(change);
    }
  }

  @Override
  public synchronized void close() {
    stopped.countDown();
    Subscriber current = subscriber;
    if (current != null && current.isSubscribed()) {
      try {
        current.unsubscribe();
      } catch (JedisException e) {
        // The connection is already gone, and with it the subscription.
        logger.log(Level.FINE, "change subscription already closed", e);
      }
    }
  }

  /** Turns messages into changes; a message this version cannot read means anything may have changed. */
  private final class Subscriber extends JedisPubSub {
    @Override
    public void onSubscribe(String channel, int subscribedChannels) {
      deliver(StoreChange.apiKey(""));
      deliver(StoreChange.catalog());
    }

    @Override
    public void onMessage(String channel, String message) {
      int colon = message.indexOf(':');
      StoreChange.Kind kind = null;
      for (StoreChange.Kind k : StoreChange.Kind.values()) {
        if (colon > 0 && k.name().equals(message.substring(0, colon))) {
          kind = k;
        }
      }
      if (kind == null) {
        onSubscribe(channel, 1);
        return;
      }
      deliver(new StoreChange(kind, message.substring(colon + 1)));
    }
  }
}
