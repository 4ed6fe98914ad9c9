package dev.llmgateway.server.config;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.llmgateway.server.telemetry.TelemetryConfig;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.DeploymentType;
import dev.llmgateway.v1.Modality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Loads and validates the HOCON configuration. Built-in settings ({@code llmgateway-reference.conf})
 * sit under the user's file, or under the shipped default ({@code llmgateway-default.conf}) when no
 * file is given. Every problem is reported as an {@link InvalidConfigException} whose message names
 * the origin (file and line), the key, and what is wrong; unknown keys are errors, so typos do not
 * pass silently.
 */
public final class ConfigLoader {
  static final String REFERENCE_RESOURCE = "llmgateway-reference.conf";
  static final String DEFAULT_RESOURCE = "llmgateway-default.conf";

  private static final Set<String> TOP_KEYS =
      Set.of("server", "http", "discovery", "telemetry", "store", "quotas", "provider-defaults", "providers", "models",
          "auth", "cache");
  private static final Set<String> TELEMETRY_KEYS =
      Set.of("service-name", "otlp-endpoint", "prometheus", "record-content", "sampling-ratio");
  private static final Set<String> PROMETHEUS_KEYS = Set.of("host", "port");
  private static final Set<String> DISCOVERY_KEYS = Set.of("interval", "timeout");
  private static final Set<String> SERVER_KEYS = union(
      Set.of("host", "port", "shutdown-grace", "max-inbound-message-size", "reflection"),
      DispatchConfigParser.SERVER_KEYS);
  private static final Set<String> HTTP_KEYS = Set.of(
      "max-concurrent-requests", "max-concurrent-requests-per-host", "max-idle-connections", "keep-alive");
  private static final Set<String> PROVIDER_KEYS = Set.of("type", "base-url", "api-key-env", "enabled", "headers",
      "connect-timeout", "read-timeout", "request-timeout", "allow-unlisted-models", "options", "discover-models",
      "resilience");
  private static final Set<String> MODEL_KEYS = union(Set.of("provider", "upstream-model", "aliases", "capabilities",
      "context-window", "max-output-tokens", "description", "defaults", "vendor", "input-modalities",
      "output-modalities", "price", "deployment", "tokenizer", "cache"), DispatchConfigParser.MODEL_KEYS);
  private static final Set<String> PRICE_KEYS = Set.of("input-per-million", "output-per-million",
      "cached-input-per-million");
  private static final Set<String> TOKENIZERS = Set.of("o200k_base", "cl100k_base", "p50k_base", "r50k_base");
  private static final Set<String> DEFAULTS_KEYS =
      Set.of("temperature", "top-p", "max-output-tokens", "stop", "seed", "system-prompt");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Function<String, String> environment;

  /** Creates a loader that reads credentials through {@code environment} (usually {@code System::getenv}). */
  public ConfigLoader(Function<String, String> environment) {
    this.environment = requireNonNull(environment, "environment");
  }

  /** Loads {@code file}, or the shipped default configuration when it is null. */
  public GatewayConfig load(@Nullable Path file) {
    Config raw;
    try {
      Config user;
      if (file == null) {
        user = ConfigFactory.parseResources(DEFAULT_RESOURCE, ConfigParseOptions.defaults().setAllowMissing(false));
      } else {
        if (!Files.isRegularFile(file)) {
          throw new InvalidConfigException("config file " + file + ": not found or not a regular file");
        }
        user = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      }
      Config reference = ConfigFactory.parseResources(REFERENCE_RESOURCE,
          ConfigParseOptions.defaults().setAllowMissing(false));
      raw = user.withFallback(reference).resolve();
    } catch (ConfigException e) {
      throw new InvalidConfigException("invalid configuration: " + e.getMessage(), e);
    }
    try {
      return build(raw);
    } catch (ConfigException e) {
      throw new InvalidConfigException("invalid configuration: " + e.getMessage(), e);
    }
  }

  private GatewayConfig build(Config c) {
    // Quota and store sections are parsed by EdgeConfigParser; the rest here.
    checkKeys(c.root(), "", TOP_KEYS);
    ServerConfig server = server(c.getConfig("server"));
    HttpClientConfig http = http(c.getConfig("http"));
    Config d = c.getConfig("discovery");
    checkKeys(d.root(), "discovery.", DISCOVERY_KEYS);
    DiscoveryConfig discovery = new DiscoveryConfig(nonNegative(d, "interval", "discovery."),
        positiveDuration(d, "timeout", "discovery."));
    Config providerDefaults = c.getConfig("provider-defaults");
    Map<String, ProviderConfig> providers = new LinkedHashMap<>();
    Map<String, Config> providerSections = new LinkedHashMap<>();
    ConfigObject providersObject = c.getObject("providers");
    for (String name : providersObject.keySet()) {
      String path = "providers." + name;
      checkName(providersObject.get(name), path, name);
      Config p = objectAt(providersObject, name, path).toConfig().withFallback(providerDefaults);
      checkKeys(p.root(), path + ".", PROVIDER_KEYS);
      providers.put(name, provider(name, path, p));
      providerSections.put(name, p);
    }
    Map<String, ModelConfig> models = new LinkedHashMap<>();
    Map<String, String> namesInUse = new LinkedHashMap<>();
    ConfigObject modelsObject = c.getObject("models");
    for (String id : modelsObject.keySet()) {
      String path = "models.\"" + id + "\"";
      Config m = objectAt(modelsObject, id, path).toConfig();
      checkKeys(m.root(), path + ".", MODEL_KEYS);
      ModelConfig model = model(id, path, m, providers);
      for (String name : concat(id, model.aliases())) {
        String previous = namesInUse.putIfAbsent(name, id);
        if (previous != null) {
          throw invalid(modelsObject.get(id), path, "name '" + name + "' is already used by model '" + previous + "'");
        }
      }
      models.put(id, model);
    }
    AuthConfig auth = AuthConfigParser.parse(c.getConfig("auth"), environment);
    StoreConfig store = EdgeConfigParser.store(c.getConfig("store"), environment);
    if (store.redis().isPresent() && auth.enabled()) {
      AuthConfigParser.requireHashSecret(c.getConfig("auth"), auth, "keys are kept in Redis");
    }
    DispatchConfig dispatch = DispatchConfigParser.parse(c, providerSections, models);
    CacheConfig cache = CacheConfigParser.parse(c.getConfig("cache"), modelsObject, store.redis().isPresent());
    return new GatewayConfig(server, http, discovery, telemetry(c.getConfig("telemetry")),
        store, EdgeConfigParser.quotas(c.getConfig("quotas")), providers, models, auth, cache, dispatch);
  }

  private static ServerConfig server(Config s) {
    checkKeys(s.root(), "server.", SERVER_KEYS);
    int port = s.getInt("port");
    if (port < 0 || port > 65535) {
      throw invalid(s.getValue("port"), "server.port", port + " (expected: 0 to 65535)");
    }
    long maxInbound = s.getBytes("max-inbound-message-size");
    if (maxInbound < 1024 || maxInbound > Integer.MAX_VALUE) {
      throw invalid(s.getValue("max-inbound-message-size"), "server.max-inbound-message-size",
          maxInbound + " bytes (expected: 1KiB to 2GiB)");
    }
    return new ServerConfig(s.getString("host"), port, nonNegative(s, "shutdown-grace", "server."),
        (int) maxInbound, s.getBoolean("reflection"));
  }

  private static TelemetryConfig telemetry(Config t) {
    checkKeys(t.root(), "telemetry.", TELEMETRY_KEYS);
    Config prometheus = t.getConfig("prometheus");
    checkKeys(prometheus.root(), "telemetry.prometheus.", PROMETHEUS_KEYS);
    String otlp = t.getString("otlp-endpoint").strip();
    if (!otlp.isEmpty() && !(otlp.startsWith("http://") || otlp.startsWith("https://"))) {
      throw invalid(t.getValue("otlp-endpoint"), "telemetry.otlp-endpoint",
          "'" + otlp + "' (expected: an http:// or https:// URL, or empty for no export)");
    }
    int port = prometheus.getInt("port");
    if (port < 0 || port > 65535) {
      throw invalid(prometheus.getValue("port"), "telemetry.prometheus.port", port + " (expected: 0 to 65535)");
    }
    double ratio = t.getDouble("sampling-ratio");
    if (!(ratio >= 0 && ratio <= 1)) {
      throw invalid(t.getValue("sampling-ratio"), "telemetry.sampling-ratio", ratio + " (expected: 0 to 1)");
    }
    String service = t.getString("service-name");
    if (service.isBlank()) {
      throw invalid(t.getValue("service-name"), "telemetry.service-name", "must not be empty");
    }
    return new TelemetryConfig(service, otlp.isEmpty() ? Optional.empty() : Optional.of(otlp),
        prometheus.getString("host"), port, t.getBoolean("record-content"), ratio);
  }

  private static HttpClientConfig http(Config h) {
    checkKeys(h.root(), "http.", HTTP_KEYS);
    return new HttpClientConfig(positive(h, "max-concurrent-requests", "http."),
        positive(h, "max-concurrent-requests-per-host", "http."), positive(h, "max-idle-connections", "http."),
        nonNegative(h, "keep-alive", "http."));
  }

  private ProviderConfig provider(String name, String path, Config p) {
    String type = p.getString("type");
    if (type.isBlank()) {
      throw invalid(p.getValue("type"), path + ".type", "must not be empty");
    }
    String baseUrl = p.getString("base-url");
    if (!baseUrl.isEmpty() && !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
      throw invalid(p.getValue("base-url"), path + ".base-url", "'" + baseUrl + "' (expected: an http:// or https:// URL)");
    }
    String apiKeyEnv = p.getString("api-key-env");
    if (!apiKeyEnv.isEmpty() && !ENV_NAME.matcher(apiKeyEnv).matches()) {
      throw invalid(p.getValue("api-key-env"), path + ".api-key-env",
          "'" + apiKeyEnv + "' is not an environment variable name");
    }
    Optional<Secret> apiKey = Optional.empty();
    if (!apiKeyEnv.isEmpty()) {
      String value = environment.apply(apiKeyEnv);
      if (value != null && !value.isBlank()) {
        apiKey = Optional.of(new Secret(value.strip()));
      }
    }
    // A provider whose credential variable is unset stays off, so the default configuration can
    // list real providers that switch on as soon as their keys are exported.
    boolean enabled = p.getBoolean("enabled") && (apiKeyEnv.isEmpty() || apiKey.isPresent());
    return new ProviderConfig(name, type, stripTrailingSlash(baseUrl), apiKeyEnv, apiKey, enabled,
        stringMap(p, "headers", path), positiveDuration(p, "connect-timeout", path + "."),
        positiveDuration(p, "read-timeout", path + "."), positiveDuration(p, "request-timeout", path + "."),
        p.getBoolean("allow-unlisted-models"), stringMap(p, "options", path), p.getBoolean("discover-models"));
  }

  private static ModelConfig model(String id, String path, Config m, Map<String, ProviderConfig> providers) {
    if (id.isBlank() || id.contains("/")) {
      throw invalid(m.root(), path, "model ids must be non-empty and must not contain '/' (reserved for provider/model)");
    }
    // A model served by several deployments names its first one as its provider in the catalogue.
    String[] first = m.hasPath("deployments") && !m.hasPath("provider")
        ? DispatchConfigParser.firstDeployment(m, path) : null;
    String provider = first != null ? first[0] : m.getString("provider");
    if (!providers.containsKey(provider)) {
      throw invalid(m.getValue(first != null ? "deployments" : "provider"),
          path + (first != null ? ".deployments[0].provider" : ".provider"),
          "'" + provider + "' is not a configured provider (known: " + providers.keySet() + ")");
    }
    String upstream = m.hasPath("upstream-model") ? m.getString("upstream-model")
        : first != null && !first[1].isEmpty() ? first[1] : id;
    List<String> aliases = m.hasPath("aliases") ? m.getStringList("aliases") : List.of();
    for (String alias : aliases) {
      if (alias.isBlank() || alias.contains("/")) {
        throw invalid(m.getValue("aliases"), path + ".aliases", "'" + alias + "' must be non-empty and must not contain '/'");
      }
    }
    Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
    if (m.hasPath("capabilities")) {
      for (String cap : m.getStringList("capabilities")) {
        capabilities.add(capability(cap, m.getValue("capabilities"), path + ".capabilities"));
      }
    }
    if (capabilities.isEmpty()) {
      throw invalid(m.root(), path + ".capabilities", "must list at least one of " + CAPABILITY_NAMES);
    }
    int contextWindow = m.hasPath("context-window") ? nonNegativeInt(m, "context-window", path + ".") : 0;
    int maxOutput = m.hasPath("max-output-tokens") ? nonNegativeInt(m, "max-output-tokens", path + ".") : 0;
    String description = m.hasPath("description") ? m.getString("description") : "";
    ModelDefaults defaults = m.hasPath("defaults") ? defaults(m.getConfig("defaults"), path + ".defaults") : ModelDefaults.NONE;
    String vendor = m.hasPath("vendor") ? m.getString("vendor") : "";
    Set<Modality> in = m.hasPath("input-modalities")
        ? modalities(m, "input-modalities", path) : Modalities.inputsOf(capabilities);
    Set<Modality> out = m.hasPath("output-modalities")
        ? modalities(m, "output-modalities", path) : Modalities.outputsOf(capabilities);
    Optional<ModelPrice> price = m.hasPath("price") ? Optional.of(price(m.getConfig("price"), path + ".price"))
        : Optional.empty();
    DeploymentType deployment = DeploymentType.DEPLOYMENT_TYPE_ON_DEMAND;
    if (m.hasPath("deployment")) {
      deployment = switch (m.getString("deployment")) {
        case "on-demand" -> DeploymentType.DEPLOYMENT_TYPE_ON_DEMAND;
        case "provisioned" -> DeploymentType.DEPLOYMENT_TYPE_PROVISIONED;
        default -> throw invalid(m.getValue("deployment"), path + ".deployment",
            "'" + m.getString("deployment") + "' (expected: on-demand or provisioned)");
      };
    }
    Optional<String> tokenizer = Optional.empty();
    if (m.hasPath("tokenizer")) {
      String t = m.getString("tokenizer");
      if (!TOKENIZERS.contains(t)) {
        throw invalid(m.getValue("tokenizer"), path + ".tokenizer", "'" + t + "' (expected one of " + TOKENIZERS + ")");
      }
      tokenizer = Optional.of(t);
    }
    return new ModelConfig(id, provider, upstream, aliases, capabilities, contextWindow, maxOutput, description,
        defaults, vendor, in, out, price, deployment, tokenizer);
  }

  private static ModelDefaults defaults(Config d, String path) {
    checkKeys(d.root(), path + ".", DEFAULTS_KEYS);
    OptionalDouble temperature = OptionalDouble.empty();
    if (d.hasPath("temperature")) {
      double t = d.getDouble("temperature");
      if (t < 0 || t > 2) {
        throw invalid(d.getValue("temperature"), path + ".temperature", t + " (expected: 0 to 2)");
      }
      temperature = OptionalDouble.of(t);
    }
    OptionalDouble topP = OptionalDouble.empty();
    if (d.hasPath("top-p")) {
      double t = d.getDouble("top-p");
      if (t <= 0 || t > 1) {
        throw invalid(d.getValue("top-p"), path + ".top-p", t + " (expected: > 0 and <= 1)");
      }
      topP = OptionalDouble.of(t);
    }
    OptionalInt maxOutput = d.hasPath("max-output-tokens")
        ? OptionalInt.of(positive(d, "max-output-tokens", path + ".")) : OptionalInt.empty();
    List<String> stop = d.hasPath("stop") ? d.getStringList("stop") : List.of();
    OptionalLong seed = d.hasPath("seed") ? OptionalLong.of(d.getLong("seed")) : OptionalLong.empty();
    Optional<String> system = d.hasPath("system-prompt") ? Optional.of(d.getString("system-prompt")) : Optional.empty();
    return new ModelDefaults(temperature, topP, maxOutput, stop, seed, system);
  }

  private static ModelPrice price(Config p, String path) {
    checkKeys(p.root(), path + ".", PRICE_KEYS);
    double input = nonNegativeDouble(p, "input-per-million", path);
    double output = nonNegativeDouble(p, "output-per-million", path);
    double cached = p.hasPath("cached-input-per-million") ? nonNegativeDouble(p, "cached-input-per-million", path)
        : input;
    return new ModelPrice(input, output, cached);
  }

  private static double nonNegativeDouble(Config c, String key, String path) {
    double v = c.getDouble(key);
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw invalid(c.getValue(key), path + "." + key, v + " (expected: >= 0)");
    }
    return v;
  }

  private static Set<Modality> modalities(Config m, String key, String path) {
    Set<Modality> out = EnumSet.noneOf(Modality.class);
    for (String name : m.getStringList(key)) {
      try {
        Modality modality = Modality.valueOf("MODALITY_" + name.trim().toUpperCase(Locale.ROOT));
        if (modality == Modality.MODALITY_UNSPECIFIED || modality == Modality.UNRECOGNIZED) {
          throw new IllegalArgumentException(name);
        }
        out.add(modality);
      } catch (IllegalArgumentException e) {
        throw invalid(m.getValue(key), path + "." + key,
            "'" + name + "' is not a modality (expected one of [text, image, audio, embedding])");
      }
    }
    return out;
  }

  private static final String CAPABILITY_NAMES =
      "[chat, streaming, tools, vision, json-output, embeddings, image-generation]";

  private static Capability capability(String name, ConfigValue origin, String path) {
    String normalized = "CAPABILITY_" + name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      Capability cap = Capability.valueOf(normalized);
      if (cap == Capability.CAPABILITY_UNSPECIFIED || cap == Capability.UNRECOGNIZED) {
        throw new IllegalArgumentException(name);
      }
      return cap;
    } catch (IllegalArgumentException e) {
      throw invalid(origin, path, "'" + name + "' is not a capability (expected one of " + CAPABILITY_NAMES + ")");
    }
  }

  private static ConfigObject objectAt(ConfigObject parent, String key, String path) {
    ConfigValue value = parent.get(key);
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw invalid(value, path, "has type " + value.valueType().name().toLowerCase(Locale.ROOT) + " (expected: an object)");
    }
    return (ConfigObject) value;
  }

  private static Map<String, String> stringMap(Config c, String key, String path) {
    Map<String, String> out = new LinkedHashMap<>();
    ConfigObject object = c.getObject(key);
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      Object v = e.getValue().unwrapped();
      if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
        throw invalid(e.getValue(), path + "." + key + "." + e.getKey(), "must be a string, number or boolean");
      }
      out.put(e.getKey(), String.valueOf(v));
    }
    return out;
  }

  static void checkKeys(ConfigObject object, String prefix, Set<String> allowed) {
    for (String key : object.keySet()) {
      if (!allowed.contains(key)) {
        List<String> sorted = new ArrayList<>(allowed);
        sorted.sort(null);
        throw invalid(object.get(key), prefix + key, "unknown key (expected one of " + sorted + ")");
      }
    }
  }

  private static void checkName(ConfigValue origin, String path, String name) {
    if (!NAME.matcher(name).matches()) {
      throw invalid(origin, path, "'" + name + "' (expected: lower-case letters, digits, '-' and '_', at most 63)");
    }
  }

  private static int positive(Config c, String key, String prefix) {
    int v = c.getInt(key);
    if (v <= 0) {
      throw invalid(c.getValue(key), prefix + key, v + " (expected: > 0)");
    }
    return v;
  }

  private static int nonNegativeInt(Config c, String key, String prefix) {
    int v = c.getInt(key);
    if (v < 0) {
      throw invalid(c.getValue(key), prefix + key, v + " (expected: >= 0)");
    }
    return v;
  }

  static Duration nonNegative(Config c, String key, String prefix) {
    Duration d = c.getDuration(key);
    if (d.isNegative()) {
      throw invalid(c.getValue(key), prefix + key, d + " (expected: >= 0)");
    }
    return d;
  }

  static Duration positiveDuration(Config c, String key, String prefix) {
    Duration d = c.getDuration(key);
    if (d.isNegative() || d.isZero()) {
      throw invalid(c.getValue(key), prefix + key, d + " (expected: > 0)");
    }
    return d;
  }

  static InvalidConfigException invalid(ConfigValue origin, String path, String what) {
    return new InvalidConfigException("invalid configuration: " + origin.origin().description() + ": " + path + ": " + what);
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>(rest.size() + 1);
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
