package dev.llmgateway.server.providers.bedrock;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes a SigV4 signature from a canonical request written out in full, as AWS's published test
 * vectors print it. Tests use it only as an independent check of what the AWS SDK signer produced; it is
 * itself checked against the published signatures.
 */
final class SigV4Reference {
  private SigV4Reference() {}

  /** Returns the hex signature of {@code canonicalRequest} signed at {@code amzDate} (yyyyMMdd'T'HHmmss'Z'). */
  static String signature(String canonicalRequest, String amzDate, String region, String service, String secret) {
    String date = amzDate.substring(0, 8);
    String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + date + "/" + region + "/" + service
        + "/aws4_request\n" + hex(sha256(canonicalRequest));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    return hex(hmac(key, stringToSign));
  }

  /**
   * Returns {@code canonicalRequest} with an {@code x-amz-content-sha256} header (the request's payload
   * hash, its last line) added to the canonical headers and the signed header list, both kept sorted.
   */
  static String withPayloadHashHeader(String canonicalRequest) {
    List<String> lines = new ArrayList<>(Arrays.asList(canonicalRequest.split("\n", -1)));
    String payloadHash = lines.get(lines.size() - 1);
    // Lines 0-2 are method, path and query (often empty); the headers end at the next blank line.
    int blank = 3 + lines.subList(3, lines.size()).indexOf("");
    List<String> headers = new ArrayList<>(lines.subList(3, blank));
    headers.add("x-amz-content-sha256:" + payloadHash);
    headers.sort(null);
    List<String> signed = new ArrayList<>(Arrays.asList(lines.get(blank + 1).split(";")));
    signed.add("x-amz-content-sha256");
    signed.sort(null);
    List<String> out = new ArrayList<>(lines.subList(0, 3));
    out.addAll(headers);
    out.add("");
    out.add(String.join(";", signed));
    out.add(payloadHash);
    return String.join("\n", out);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
