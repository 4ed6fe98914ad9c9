package dev.llmgateway.server.edge;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.auth.ApiKeyAuthenticator;
import dev.llmgateway.server.auth.AuthFailures;
import dev.llmgateway.server.config.AuthConfig;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.errors.StatusMapper;
import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.Scope;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Requires an API key on every call except to the configured public services: reads it from
 * {@code authorization: Bearer <key>} or {@code x-api-key}, checks it and the method's scope, and then
 * either puts the caller's {@link Principal} in the {@link Context} (and its key id on the call's span) or
 * closes the call with UNAUTHENTICATED, PERMISSION_DENIED or, when the key store cannot answer, UNAVAILABLE.
 * With authentication off, every call gets the all-scopes {@link #ANONYMOUS} principal.
 */
@Singleton
public final class AuthInterceptor implements ServerInterceptor {
  /** The principal of every call while authentication is off. */
  public static final Principal ANONYMOUS =
      new Principal("anonymous", "anonymous (authentication off)", EnumSet.allOf(Scope.class), Set.of());

  private static final Logger logger = Logger.getLogger(AuthInterceptor.class.getName());
  private static final String BEARER = "Bearer";

  private final boolean enabled;
  private final Set<String> publicServices;
  private final ApiKeyAuthenticator authenticator;
  private final StatusMapper statusMapper;

  @Inject
  AuthInterceptor(AuthConfig config, ApiKeyAuthenticator authenticator, StatusMapper statusMapper) {
    this.enabled = config.enabled();
    this.publicServices = config.publicServices();
    this.authenticator = authenticator;
    this.statusMapper = statusMapper;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    String service = call.getMethodDescriptor().getServiceName();
    if (service != null && publicServices.contains(service)) {
      return next.startCall(call, headers);
    }
    if (!enabled) {
      return Contexts.interceptCall(Context.current().withValue(RequestContext.PRINCIPAL, ANONYMOUS), call, headers,
          next);
    }
    ApiKeyRecord record;
    try {
      record = authenticator.authenticate(presentedKey(headers));
      authenticator.authorize(record, method);
    } catch (GatewayException e) {
      return reject(call, method, e);
    }
    TracingInterceptor.setKeyId(record.id());
    Principal principal = new Principal(record.id(), record.displayName(), record.scopes(), record.modelAllowList());
    return Contexts.interceptCall(Context.current().withValue(RequestContext.PRINCIPAL, principal), call, headers,
        next);
  }

  /** Returns the one key the headers present, the same in both headers if both are sent. */
  private static String presentedKey(Metadata headers) {
    String authorization = single(headers, GatewayHeaders.AUTHORIZATION);
    String apiKey = single(headers, GatewayHeaders.X_API_KEY);
    if (authorization == null && apiKey == null) {
      throw AuthFailures.missing();
    }
    String fromBearer = authorization == null ? null : bearerToken(authorization);
    String fromApiKey = apiKey == null ? null : apiKey.strip();
    if (fromApiKey != null && fromApiKey.isEmpty()) {
      throw AuthFailures.malformed("x-api-key is empty");
    }
    // Two different keys would leave it to us to pick whose rights apply.
    if (fromBearer != null && fromApiKey != null && !fromBearer.equals(fromApiKey)) {
      throw AuthFailures.malformed("authorization and x-api-key hold different keys (expected: one key)");
    }
    return fromBearer != null ? fromBearer : fromApiKey;
  }

  @Nullable
  private static String single(Metadata headers, Metadata.Key<String> key) {
    Iterable<String> values = headers.getAll(key);
    if (values == null) {
      return null;
    }
    Iterator<String> it = values.iterator();
    String first = it.next();
    if (it.hasNext()) {
      throw AuthFailures.malformed(key.name() + " is sent more than once (expected: once)");
    }
    return first;
  }

  private static String bearerToken(String authorization) {
    String value = authorization.strip();
    // The scheme is case-insensitive (RFC 9110, section 11.1); the key follows one or more spaces.
    if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || value.charAt(BEARER.length()) != ' ') {
      throw AuthFailures.malformed("authorization is not 'Bearer <key>'");
    }
    String token = value.substring(BEARER.length() + 1).strip();
    if (token.isEmpty() || token.indexOf(' ') >= 0) {
      throw AuthFailures.malformed("authorization is not 'Bearer <key>'");
    }
    return token;
  }

  private <ReqT, RespT> ServerCall.Listener<ReqT> reject(ServerCall<ReqT, RespT> call, String method,
      GatewayException e) {
    String requestId = RequestContext.requestId();
    if (e.kind() == ErrorKind.STORE_UNAVAILABLE) {
      logger.log(Level.WARNING, "request " + requestId + ": " + method + " refused: API key store unavailable",
          e.getCause());
    } else if (logger.isLoggable(Level.FINE)) {
      logger.fine("request " + requestId + ": " + method + " refused: " + e.kind() + " " + e.metadata());
    }
    StatusRuntimeException status = statusMapper.toStatusException(e, requestId);
    call.close(status.getStatus(), status.getTrailers() != null ? status.getTrailers() : new Metadata());
    return new ServerCall.Listener<>() { };
  }
}
