package dev.llmgateway.server.providers.gemini;

import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Turns a Gemini function call into the tool call id the caller echoes back, and back again. Gemini
 * usually names no call id, so the gateway numbers calls in answer order ({@code call_0}, {@code call_1},
 * ...). Thinking models also attach an opaque {@code thoughtSignature} to a function call that Gemini 3
 * requires back, unchanged, on that call in the next request; the contract's tool call has no field for
 * it, so it rides in the id after {@value #SIGNATURE_MARKER}. Pure.
 */
final class GeminiToolCallIds {
  /** Separates the call id from the signature; base64 signatures never contain '~'. */
  static final String SIGNATURE_MARKER = "~ts~";

  private static final Pattern GENERATED = Pattern.compile("call_\\d+");

  private GeminiToolCallIds() {}

  /**
   * Returns the id for the {@code index}-th function call of an answer: Gemini's own id when it sent one,
   * {@code call_<index>} otherwise, followed by the thought signature when there is one.
   */
  static String encode(@Nullable String geminiId, int index, @Nullable String signature) {
    String base = geminiId == null || geminiId.isEmpty() ? "call_" + index : geminiId;
    return signature == null || signature.isEmpty() ? base : base + SIGNATURE_MARKER + signature;
  }

  /** Splits an id made by {@link #encode} (or any caller-made id) into what Gemini takes back. */
  static Decoded decode(String id) {
    int marker = id.indexOf(SIGNATURE_MARKER);
    String base = marker < 0 ? id : id.substring(0, marker);
    String signature = marker < 0 ? null : id.substring(marker + SIGNATURE_MARKER.length());
    // A number the gateway made up means nothing to Gemini; any other id is echoed as the call's id, which
    // Gemini treats as an opaque label matching a function response to its call.
    boolean echoed = !base.isEmpty() && !GENERATED.matcher(base).matches();
    return new Decoded(echoed ? base : null, signature == null || signature.isEmpty() ? null : signature);
  }

  /**
   * Holds what an encoded id carries.
   *
   * @param geminiId the call id to send Gemini, or null when the gateway numbered the call
   * @param signature the thought signature to send back with the call, or null
   */
  record Decoded(@Nullable String geminiId, @Nullable String signature) {}
}
