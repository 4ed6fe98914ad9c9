package dev.llmgateway.server.admin;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.edge.Principal;
import dev.llmgateway.server.edge.RequestContext;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.errors.StatusMapper;
import dev.llmgateway.server.store.StoreUnavailableException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the body of one admin RPC on the call's thread (admin calls may block on the store) and ends the call:
 * with the body's response, or with the status of its {@link GatewayException}. A store that cannot answer is
 * STORE_UNAVAILABLE. Anything else propagates to the edge's last-chance interceptor.
 */
@Singleton
final class AdminCalls {
  private static final Logger logger = Logger.getLogger(AdminCalls.class.getName());
  /** The actor of changes made while authentication is off. */
  static final String ANONYMOUS = "(auth off)";

  private final StatusMapper statusMapper;

  @Inject
  AdminCalls(StatusMapper statusMapper) {
    this.statusMapper = statusMapper;
  }

  /** Sends {@code body}'s response, or the status of its failure. */
  <T> void unary(StreamObserver<T> observer, Supplier<T> body) {
    T response;
    try {
      try {
        response = body.get();
      } catch (StoreUnavailableException e) {
        throw GatewayException.builder(ErrorKind.STORE_UNAVAILABLE, "the store cannot answer; retry shortly")
            .cause(e).build();
      }
    } catch (GatewayException e) {
      // The message is ours and never holds a secret; the cause (a store failure) is for operators.
      logger.log(e.kind() == ErrorKind.STORE_UNAVAILABLE ? Level.WARNING : Level.FINE,
          "request " + RequestContext.requestId() + " admin call failed: " + e.kind() + ": " + e.getMessage(),
          e.getCause());
      observer.onError(statusMapper.toStatusException(e, RequestContext.requestId()));
      return;
    }
    observer.onNext(response);
    observer.onCompleted();
  }

  /** Returns the id of the admin key making the current call. */
  static String actor() {
    Principal principal = RequestContext.principal();
    return principal == null ? ANONYMOUS : principal.keyId();
  }

  /** Returns an INVALID_REQUEST naming {@code field}. */
  static GatewayException invalid(String field, String description) {
    return GatewayException.invalidField(field, description);
  }

  /** Returns a NOT_FOUND for a missing {@code what}. */
  static GatewayException notFound(String what) {
    return GatewayException.builder(ErrorKind.NOT_FOUND, what + " does not exist").build();
  }

  /** Returns a FAILED_PRECONDITION saying why. */
  static GatewayException precondition(String why) {
    return GatewayException.builder(ErrorKind.FAILED_PRECONDITION, why).build();
  }
}
