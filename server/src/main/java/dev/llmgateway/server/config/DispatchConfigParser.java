package dev.llmgateway.server.config;

import static dev.llmgateway.server.config.ConfigLoader.checkKeys;
import static dev.llmgateway.server.config.ConfigLoader.invalid;
import static dev.llmgateway.server.config.ConfigLoader.nonNegative;
import static dev.llmgateway.server.config.ConfigLoader.positiveDuration;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.llmgateway.v1.ErrorClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the dispatch settings: call budgets in {@code server}, {@code resilience} per provider (and per
 * deployment), and each model's {@code deployments}, {@code fallbacks}, {@code load-balancing},
 * {@code fallback-on} and {@code hedge}. Problems name file, line and key, as in {@link ConfigLoader}.
 */
final class DispatchConfigParser {
  static final Set<String> SERVER_KEYS = Set.of("default-deadline", "max-deadline", "time-to-first-token", "stream-idle");
  static final Set<String> MODEL_KEYS = Set.of("deployments", "fallbacks", "load-balancing", "fallback-on", "hedge");
  private static final Set<String> RESILIENCE_KEYS = Set.of("retry", "circuit-breaker", "rate-limit");
  private static final Set<String> RETRY_KEYS =
      Set.of("max-attempts", "initial-backoff", "multiplier", "max-backoff", "max-retry-after");
  private static final Set<String> BREAKER_KEYS = Set.of("failure-rate-threshold", "slow-call-rate-threshold",
      "slow-call-duration", "sliding-window-size", "minimum-number-of-calls", "wait-in-open-state",
      "permitted-calls-in-half-open-state");
  private static final Set<String> RATE_KEYS = Set.of("requests-per-minute");
  private static final Set<String> DEPLOYMENT_KEYS = Set.of("name", "provider", "upstream-model", "weight", "resilience");
  private static final Set<String> HEDGE_KEYS = Set.of("delay", "min-delay");
  private static final Map<String, ErrorClass> FALLBACK_CLASSES = Map.of(
      "rate-limited", ErrorClass.ERROR_CLASS_RATE_LIMITED,
      "unavailable", ErrorClass.ERROR_CLASS_UNAVAILABLE,
      "timeout", ErrorClass.ERROR_CLASS_TIMEOUT,
      "circuit-open", ErrorClass.ERROR_CLASS_CIRCUIT_OPEN,
      "throttled", ErrorClass.ERROR_CLASS_THROTTLED,
      "context-window-exceeded", ErrorClass.ERROR_CLASS_CONTEXT_WINDOW_EXCEEDED);

  private DispatchConfigParser() {}

  /** Returns the first deployment's provider and upstream model, for a model configured with deployments. */
  static String[] firstDeployment(Config model, String path) {
    List<? extends ConfigObject> list = model.getObjectList("deployments");
    if (list.isEmpty()) {
      throw invalid(model.getValue("deployments"), path + ".deployments", "must list at least one deployment");
    }
    Config first = list.get(0).toConfig();
    if (!first.hasPath("provider")) {
      throw invalid(list.get(0), path + ".deployments[0].provider", "is required");
    }
    return new String[] {first.getString("provider"),
        first.hasPath("upstream-model") ? first.getString("upstream-model") : ""};
  }

  static DispatchConfig parse(Config root, Map<String, Config> providerSections, Map<String, ModelConfig> models) {
    Config s = root.getConfig("server");
    Duration defaultDeadline = positiveDuration(s, "default-deadline", "server.");
    Duration maxDeadline = positiveDuration(s, "max-deadline", "server.");
    if (defaultDeadline.compareTo(maxDeadline) > 0) {
      throw invalid(s.getValue("default-deadline"), "server.default-deadline",
          defaultDeadline + " (expected: <= server.max-deadline, " + maxDeadline + ")");
    }
    Map<String, ResilienceSettings> providers = new LinkedHashMap<>();
    providerSections.forEach((name, p) ->
        providers.put(name, resilience(p.getConfig("resilience"), "providers." + name + ".resilience")));
    Map<String, RoutePolicy> routes = new LinkedHashMap<>();
    ConfigObject modelsObject = root.getObject("models");
    for (ModelConfig model : models.values()) {
      String path = "models.\"" + model.id() + "\"";
      Config m = ((ConfigObject) modelsObject.get(model.id())).toConfig();
      routes.put(model.id(), route(model, path, m, providers, providerSections, models));
    }
    return new DispatchConfig(defaultDeadline, maxDeadline, positiveDuration(s, "time-to-first-token", "server."),
        positiveDuration(s, "stream-idle", "server."), routes, providers,
        resilience(root.getConfig("provider-defaults.resilience"), "provider-defaults.resilience"));
  }

  private static RoutePolicy route(ModelConfig model, String path, Config m, Map<String, ResilienceSettings> providers,
      Map<String, Config> providerSections, Map<String, ModelConfig> models) {
    List<DeploymentConfig> deployments = new ArrayList<>();
    if (m.hasPath("deployments")) {
      List<? extends ConfigObject> list = m.getObjectList("deployments");
      Set<String> names = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        DeploymentConfig d = deployment(model, path + ".deployments[" + i + "]", i, list.get(i), providerSections);
        if (!names.add(d.name())) {
          throw invalid(list.get(i), path + ".deployments[" + i + "].name", "'" + d.name() + "' is used twice");
        }
        deployments.add(d);
      }
    } else {
      deployments.addAll(DispatchConfig.single(model.id(), model.provider(), model.upstreamModel(),
          providers.get(model.provider())).deployments());
    }
    List<String> fallbacks = m.hasPath("fallbacks") ? m.getStringList("fallbacks") : List.of();
    for (String fallback : fallbacks) {
      if (fallback.equals(model.id()) || !models.containsKey(fallback)) {
        throw invalid(m.getValue("fallbacks"), path + ".fallbacks", "'" + fallback
            + "' (expected: the id of another configured model; known: " + models.keySet() + ")");
      }
    }
    RoutePolicy.LoadBalancing balancing = RoutePolicy.LoadBalancing.WEIGHTED;
    if (m.hasPath("load-balancing")) {
      String name = m.getString("load-balancing");
      balancing = switch (name) {
        case "weighted" -> RoutePolicy.LoadBalancing.WEIGHTED;
        case "least-in-flight" -> RoutePolicy.LoadBalancing.LEAST_IN_FLIGHT;
        case "latency" -> RoutePolicy.LoadBalancing.LATENCY;
        default -> throw invalid(m.getValue("load-balancing"), path + ".load-balancing",
            "'" + name + "' (expected: weighted, least-in-flight or latency)");
      };
    }
    Set<ErrorClass> fallbackOn = DispatchConfig.DEFAULT_FALLBACK_ON;
    if (m.hasPath("fallback-on")) {
      Set<ErrorClass> classes = EnumSet.noneOf(ErrorClass.class);
      for (String name : m.getStringList("fallback-on")) {
        ErrorClass c = FALLBACK_CLASSES.get(name);
        if (c == null) {
          throw invalid(m.getValue("fallback-on"), path + ".fallback-on",
              "'" + name + "' (expected any of " + FALLBACK_CLASSES.keySet().stream().sorted().toList() + ")");
        }
        classes.add(c);
      }
      fallbackOn = classes;
    }
    Optional<RoutePolicy.Hedge> hedge = m.hasPath("hedge") ? Optional.of(hedge(m.getConfig("hedge"), path + ".hedge"))
        : Optional.empty();
    return new RoutePolicy(deployments, fallbacks, balancing, fallbackOn, hedge);
  }

  private static DeploymentConfig deployment(ModelConfig model, String path, int index, ConfigObject object,
      Map<String, Config> providerSections) {
    checkKeys(object, path + ".", DEPLOYMENT_KEYS);
    Config d = object.toConfig();
    if (!d.hasPath("provider")) {
      throw invalid(object, path + ".provider", "is required");
    }
    String provider = d.getString("provider");
    Config providerSection = providerSections.get(provider);
    if (providerSection == null) {
      throw invalid(d.getValue("provider"), path + ".provider",
          "'" + provider + "' is not a configured provider (known: " + providerSections.keySet() + ")");
    }
    String name = d.hasPath("name") ? d.getString("name") : model.id() + "#" + index;
    if (name.isBlank()) {
      throw invalid(d.getValue("name"), path + ".name", "must not be empty");
    }
    int weight = d.hasPath("weight") ? d.getInt("weight") : 1;
    if (weight <= 0) {
      throw invalid(d.getValue("weight"), path + ".weight", weight + " (expected: > 0)");
    }
    Config resilience = providerSection.getConfig("resilience");
    if (d.hasPath("resilience")) {
      resilience = d.getConfig("resilience").withFallback(resilience);
    }
    return new DeploymentConfig(name, provider, d.hasPath("upstream-model") ? d.getString("upstream-model") : model.id(),
        weight, resilience(resilience, path + ".resilience"));
  }

  private static ResilienceSettings resilience(Config r, String path) {
    checkKeys(r.root(), path + ".", RESILIENCE_KEYS);
    Config retry = r.getConfig("retry");
    checkKeys(retry.root(), path + ".retry.", RETRY_KEYS);
    int attempts = retry.getInt("max-attempts");
    if (attempts < 1 || attempts > 10) {
      throw invalid(retry.getValue("max-attempts"), path + ".retry.max-attempts", attempts + " (expected: 1 to 10)");
    }
    double multiplier = retry.getDouble("multiplier");
    if (!(multiplier >= 1 && multiplier <= 10)) {
      throw invalid(retry.getValue("multiplier"), path + ".retry.multiplier", multiplier + " (expected: 1 to 10)");
    }
    Config cb = r.getConfig("circuit-breaker");
    checkKeys(cb.root(), path + ".circuit-breaker.", BREAKER_KEYS);
    Config rate = r.getConfig("rate-limit");
    checkKeys(rate.root(), path + ".rate-limit.", RATE_KEYS);
    int rpm = rate.getInt("requests-per-minute");
    if (rpm < 0) {
      throw invalid(rate.getValue("requests-per-minute"), path + ".rate-limit.requests-per-minute", rpm + " (expected: >= 0)");
    }
    return new ResilienceSettings(
        new ResilienceSettings.Retry(attempts, positiveDuration(retry, "initial-backoff", path + ".retry."),
            multiplier, positiveDuration(retry, "max-backoff", path + ".retry."),
            nonNegative(retry, "max-retry-after", path + ".retry.")),
        new ResilienceSettings.CircuitBreaker(percent(cb, "failure-rate-threshold", path),
            percent(cb, "slow-call-rate-threshold", path),
            positiveDuration(cb, "slow-call-duration", path + ".circuit-breaker."),
            atLeastOne(cb, "sliding-window-size", path), atLeastOne(cb, "minimum-number-of-calls", path),
            positiveDuration(cb, "wait-in-open-state", path + ".circuit-breaker."),
            atLeastOne(cb, "permitted-calls-in-half-open-state", path)),
        rpm);
  }

  private static RoutePolicy.Hedge hedge(Config h, String path) {
    checkKeys(h.root(), path + ".", HEDGE_KEYS);
    Duration floor = h.hasPath("min-delay") ? nonNegative(h, "min-delay", path + ".") : Duration.ofMillis(50);
    ConfigValue delay = h.getValue("delay");
    if (delay.valueType() == ConfigValueType.STRING && "p95".equals(h.getString("delay").toLowerCase(Locale.ROOT))) {
      return new RoutePolicy.Hedge(floor, true);
    }
    return new RoutePolicy.Hedge(positiveDuration(h, "delay", path + "."), false);
  }

  private static float percent(Config c, String key, String path) {
    double v = c.getDouble(key);
    if (!(v > 0 && v <= 100)) {
      throw invalid(c.getValue(key), path + ".circuit-breaker." + key, v + " (expected: > 0 and <= 100)");
    }
    return (float) v;
  }

  private static int atLeastOne(Config c, String key, String path) {
    int v = c.getInt(key);
    if (v < 1) {
      throw invalid(c.getValue(key), path + ".circuit-breaker." + key, v + " (expected: >= 1)");
    }
    return v;
  }
}
