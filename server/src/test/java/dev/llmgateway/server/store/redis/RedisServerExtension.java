package dev.llmgateway.server.store.redis;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * Runs a real {@code redis-server} on a free loopback port for one test class: started before all tests, emptied
 * ({@code FLUSHALL}) before each, killed after all. Tests may {@link #stop()} and {@link #start()} it on the same
 * port to play an outage. Without the binary the tests fail, never skip: the Redis stores are only proven against
 * a real server.
 *
 * <p>Register it as {@code @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();}
 */
public final class RedisServerExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private static final String BINARY = "redis-server";
  private static final String READY_LINE = "Ready to accept connections";
  private static final int PORT_ATTEMPTS = 3;

  private final boolean cluster;
  private final List<UnifiedJedis> clients = new ArrayList<>();
  private Path dir;
  private RedisProcess server;
  private UnifiedJedis admin;
  private int classDepth;

  private RedisServerExtension(boolean cluster) {
    this.cluster = cluster;
  }

  public RedisServerExtension() {
    this(false);
  }

  /** Returns an extension running a one-node Redis Cluster that owns every slot. */
  public static RedisServerExtension cluster() {
    return new RedisServerExtension(true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    // Nested test classes run these callbacks again inside the outer class's; one server serves them all.
    if (classDepth++ > 0) {
      return;
    }
    Path binary = findBinary();
    dir = Files.createTempDirectory("redis-test-");
    IllegalStateException last = null;
    for (int attempt = 0; attempt < PORT_ATTEMPTS && server == null; attempt++) {
      // Another process may take the free port before redis-server binds it; then try another.
      int port = freePort();
      RedisProcess candidate = new RedisProcess(binary, dir, port, serverArgs(port), READY_LINE);
      try {
        candidate.start();
        server = candidate;
      } catch (IllegalStateException e) {
        last = e;
      }
    }
    if (server == null) {
      throw last;
    }
    admin = newAdmin();
    if (cluster) {
      try (Jedis node = connect()) {
        node.clusterAddSlotsRange(0, 16383);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> clusterInfo().contains("cluster_state:ok"));
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!server.running()) {
      // A test that stopped the server and failed before starting it again must not break the next one.
      start();
    }
    admin.flushAll();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (--classDepth > 0) {
      return;
    }
    for (UnifiedJedis client : clients) {
      client.close();
    }
    clients.clear();
    if (admin != null) {
      admin.close();
    }
    if (server != null) {
      server.kill();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** Returns {@code 127.0.0.1:<port>}. */
  public String endpoint() {
    return "127.0.0.1:" + server.port();
  }

  /** Returns the configuration of a client of this server: standalone, or cluster with this node as seed. */
  public RedisConfig config() {
    RedisConfig standalone = RedisConfig.standalone(endpoint());
    if (!cluster) {
      return standalone;
    }
    return new RedisConfig(RedisConfig.Mode.CLUSTER, standalone.endpoints(), Optional.empty(), Optional.empty(),
        Optional.empty(), 0, false, standalone.poolMaxTotal(), standalone.connectTimeout(),
        standalone.socketTimeout(), standalone.poolMaxWait());
  }

  /** Returns a new client of this server, closed after all tests. */
  public UnifiedJedis newClient() {
    return register(RedisClients.create(config()));
  }

  /** Closes {@code client} after all tests, and returns it. */
  public UnifiedJedis register(UnifiedJedis client) {
    clients.add(client);
    return client;
  }

  /** Returns a standalone client for inspecting keys, TTLs and server state directly. */
  public UnifiedJedis admin() {
    return admin;
  }

  /** Returns a new single connection to the server, for commands the pooled clients do not offer; close it. */
  public Jedis connect() {
    return new Jedis(new HostAndPort("127.0.0.1", server.port()));
  }

  /** Kills the server as a crash would; clients' connections break. */
  public void stop() {
    server.kill();
  }

  /** Starts the server again on the same port, empty. */
  public void start() {
    if (cluster) {
      throw new UnsupportedOperationException("restarting a cluster node is not supported");
    }
    server.start();
    // The old admin connections died with the old process; the stores' clients must find that out themselves.
    admin.close();
    admin = newAdmin();
  }

  /** Returns a client for test set-up once the server answers PING, which the log line alone does not prove. */
  private UnifiedJedis newAdmin() {
    UnifiedJedis client = RedisClients.create(RedisConfig.standalone(endpoint()));
    String pong = client.ping();
    if (!"PONG".equals(pong)) {
      client.close();
      throw new IllegalStateException("redis-server on " + endpoint() + " answered PING with " + pong);
    }
    return client;
  }

  private String clusterInfo() {
    try (Jedis node = connect()) {
      return node.clusterInfo();
    }
  }

  private List<String> serverArgs(int port) {
    List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", dir.toString()));
    if (cluster) {
      args.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf"));
    }
    return args;
  }

  /** Returns the redis-server binary, or fails naming how to install it. */
  static Path findBinary() {
    List<Path> candidates = new ArrayList<>();
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        candidates.add(Path.of(entry, BINARY));
      }
    }
    candidates.add(Path.of("/usr/sbin", BINARY));
    candidates.add(Path.of("/usr/local/bin", BINARY));
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String where = "true".equals(System.getenv("CI")) ? "The CI script must install it before the tests run. "
        : "";
    throw new IllegalStateException(BINARY + " not found on PATH, in /usr/sbin or /usr/local/bin. The Redis "
        + "store tests run against a real server and never skip. " + where
        + "Install it (Debian or Ubuntu: apt-get install -y redis-server) and run the tests again.");
  }

  /** Returns a loopback port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
