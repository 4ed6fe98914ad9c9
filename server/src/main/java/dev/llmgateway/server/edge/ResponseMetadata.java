package dev.llmgateway.server.edge;

import io.grpc.Metadata;

/**
 * Headers and trailers a handler adds to its call's response: the request-id interceptor creates one per
 * call, puts it in the Context ({@link RequestContext#RESPONSE_METADATA}) and merges it into the response
 * headers when they are sent and into the trailers when the call closes. Thread-safe: handlers add from
 * gRPC and provider threads alike.
 */
public final class ResponseMetadata {
  private final Metadata headers = new Metadata();
  private final Metadata trailers = new Metadata();

  /** Adds a header; it is sent only if added before the response headers go out. */
  public synchronized void addHeader(Metadata.Key<String> key, String value) {
    headers.put(key, value);
  }

  /** Adds a trailer; it is sent if added before the call closes. */
  public synchronized <T> void addTrailer(Metadata.Key<T> key, T value) {
    trailers.put(key, value);
  }

  synchronized void mergeHeadersInto(Metadata out) {
    out.merge(headers);
  }

  synchronized void mergeTrailersInto(Metadata out) {
    out.merge(trailers);
  }
}
