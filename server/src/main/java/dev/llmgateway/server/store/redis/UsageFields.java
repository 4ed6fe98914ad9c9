package dev.llmgateway.server.store.redis;

import java.util.List;

/**
 * The field names of a usage day hash: {@code <model>|<provider>|<measure>}, with {@code %} and {@code |} in
 * model and provider names percent-escaped so the three parts always split back apart.
 */
final class UsageFields {
  /** The measures, in {@link dev.llmgateway.server.store.UsageAggregate}'s order. */
  static final List<String> MEASURES =
      List.of("requests", "errors", "input_tokens", "output_tokens", "cost_micro_usd", "latency_ms_sum");

  private UsageFields() {}

  /** The model and provider of one field, with the index of its measure in {@link #MEASURES}. */
  record Parsed(String model, String provider, int measure) {}

  /** Returns the field of one measure of one model and provider. */
  static String field(String model, String provider, String measure) {
    return escape(model) + "|" + escape(provider) + "|" + measure;
  }

  /** Returns the parts of a field, or null when it is not one this layout writes. */
  static Parsed parse(String field) {
    String[] parts = field.split("\\|", -1);
    if (parts.length != 3 || !MEASURES.contains(parts[2])) {
      return null;
    }
    return new Parsed(unescape(parts[0]), unescape(parts[1]), MEASURES.indexOf(parts[2]));
  }

  private static String escape(String s) {
    return s.replace("%", "%25").replace("|", "%7C");
  }

  private static String unescape(String s) {
    return s.replace("%7C", "|").replace("%25", "%");
  }
}
