package dev.llmgateway.server.cache;

import dev.llmgateway.server.errors.GatewayException;
import io.grpc.Context;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * What the caller asked of the cache for one call, from the {@code x-cache-control} header.
 *
 * @param noCache skip the cache: neither read nor write it
 * @param refresh ask the provider and replace the cached answer
 * @param force cache even when sampling is hotter than {@code cache.max-temperature}
 * @param ttl keep what this call stores at most this long
 */
public record CacheControl(boolean noCache, boolean refresh, boolean force, Optional<Duration> ttl) {
  /** No directives. */
  public static final CacheControl DEFAULT = new CacheControl(false, false, false, Optional.empty());

  /** The raw header of the current call, as {@link CacheControlInterceptor} found it. */
  static final Context.Key<String> HEADER = Context.key("llmgateway-cache-control");

  static final String FIELD = "x-cache-control";
  private static final Pattern TTL = Pattern.compile("ttl=(\\d{1,9})(ms|s|m|h)");

  /**
   * Parses a header value: comma-separated {@code no-cache}, {@code refresh}, {@code force} and
   * {@code ttl=<n><ms|s|m|h>}, case-insensitive. Null or blank means no directives.
   *
   * @throws GatewayException INVALID_REQUEST naming the header for an unknown or contradictory directive
   */
  public static CacheControl parse(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return DEFAULT;
    }
    boolean noCache = false;
    boolean refresh = false;
    boolean force = false;
    Optional<Duration> ttl = Optional.empty();
    for (String raw : header.split(",")) {
      String directive = raw.strip().toLowerCase(Locale.ROOT);
      Matcher m = TTL.matcher(directive);
      switch (directive) {
        case "no-cache", "no-store" -> noCache = true;
        case "refresh" -> refresh = true;
        case "force" -> force = true;
        default -> {
          if (!m.matches()) {
            throw GatewayException.invalidField(FIELD, "'" + directive
                + "' is not a directive (expected: no-cache, refresh, force or ttl=<n><ms|s|m|h>)");
          }
          ttl = Optional.of(duration(Long.parseLong(m.group(1)), m.group(2)));
        }
      }
    }
    if (noCache && refresh) {
      throw GatewayException.invalidField(FIELD, "no-cache and refresh contradict each other");
    }
    if (ttl.isPresent() && ttl.get().isZero()) {
      throw GatewayException.invalidField(FIELD, "ttl must be positive");
    }
    return new CacheControl(noCache, refresh, force, ttl);
  }

  /** Returns the current call's directives. */
  static CacheControl current() {
    return parse(HEADER.get());
  }

  private static Duration duration(long n, String unit) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }
}
