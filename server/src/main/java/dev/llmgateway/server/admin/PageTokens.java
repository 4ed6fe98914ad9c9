package dev.llmgateway.server.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;

/**
 * Encodes list positions as opaque page tokens (base64url of a versioned, kind-tagged position), so callers
 * cannot depend on their contents and a token from one list is refused by another.
 */
final class PageTokens {
  /** The page size when the request gives none. */
  static final int DEFAULT_PAGE_SIZE = 100;
  /** The largest page size accepted. */
  static final int MAX_PAGE_SIZE = 1000;

  private static final String VERSION = "1";

  private PageTokens() {}

  /** Returns the token for the position after {@code last} in the list named {@code kind}. */
  static String encode(String kind, String last) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((VERSION + ":" + kind + ":" + last).getBytes(UTF_8));
  }

  /**
   * Returns the position a token of the list {@code kind} holds, or empty text for an empty token.
   *
   * @throws dev.llmgateway.server.errors.GatewayException INVALID_REQUEST naming page_token when it is not one
   */
  static String decode(String kind, String token) {
    if (token.isEmpty()) {
      return "";
    }
    String prefix = VERSION + ":" + kind + ":";
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), UTF_8);
    } catch (IllegalArgumentException e) {
      throw AdminCalls.invalid("page_token", "not a page token of this list");
    }
    if (!text.startsWith(prefix)) {
      throw AdminCalls.invalid("page_token", "not a page token of this list");
    }
    return text.substring(prefix.length());
  }

  /**
   * Returns the page size to use for a requested one.
   *
   * @throws dev.llmgateway.server.errors.GatewayException INVALID_REQUEST naming page_size when negative
   */
  static int size(int requested) {
    if (requested < 0) {
      throw AdminCalls.invalid("page_size", requested + " (expected: >= 0)");
    }
    return requested == 0 ? DEFAULT_PAGE_SIZE : Math.min(requested, MAX_PAGE_SIZE);
  }
}
