package dev.llmgateway.server.testing;

import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;

/** Attaches API-key headers to stubs, with a deadline so no test call can hang. */
public final class ApiKeyHeaders {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> X_API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

  private ApiKeyHeaders() {}

  /** Returns {@code stub} sending {@code authorization: Bearer <key>}. */
  public static <S extends AbstractStub<S>> S bearer(S stub, String key) {
    return authorization(stub, "Bearer " + key);
  }

  /** Returns {@code stub} sending {@code authorization: <value>} as given. */
  public static <S extends AbstractStub<S>> S authorization(S stub, String value) {
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, value);
    return with(stub, headers);
  }

  /** Returns {@code stub} sending {@code x-api-key: <key>}. */
  public static <S extends AbstractStub<S>> S xApiKey(S stub, String key) {
    Metadata headers = new Metadata();
    headers.put(X_API_KEY, key);
    return with(stub, headers);
  }

  /** Returns {@code stub} with a deadline and no key. */
  public static <S extends AbstractStub<S>> S none(S stub) {
    return stub.withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  /** Returns {@code stub} sending {@code headers}, with a deadline. */
  public static <S extends AbstractStub<S>> S with(S stub, Metadata headers) {
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }
}
