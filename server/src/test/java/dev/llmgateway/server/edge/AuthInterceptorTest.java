package dev.llmgateway.server.edge;

import static dev.llmgateway.server.testing.ApiKeyHeaders.authorization;
import static dev.llmgateway.server.testing.ApiKeyHeaders.bearer;
import static dev.llmgateway.server.testing.ApiKeyHeaders.none;
import static dev.llmgateway.server.testing.ApiKeyHeaders.xApiKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.util.Modules;
import com.google.rpc.ErrorInfo;
import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.store.ApiKeyHasher;
import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.ApiKeyStore;
import dev.llmgateway.server.store.Scope;
import dev.llmgateway.server.store.StoreUnavailableException;
import dev.llmgateway.server.telemetry.GatewayAttributes;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.InMemoryTelemetry;
import dev.llmgateway.server.testing.MutableClock;
import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.server.testing.SwitchableApiKeyStore;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.CountTokensRequest;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.GatewayServiceGrpc.GatewayServiceBlockingStub;
import dev.llmgateway.v1.ListModelsRequest;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** API-key checks as callers meet them: real stubs against a real gateway with authentication on. */
class AuthInterceptorTest {
  static final String SECRET = "test-hash-secret-0123456789abcdefghijklmnop";
  static final String CI_KEY = "ci-key-0123456789abcdefghijklmnopqrstuvwxyz";
  static final String EMBED_KEY = "embed-key-0123456789abcdefghijklmnopqrstuvw";
  static final String OLD_KEY = "old-key-0123456789abcdefghijklmnopqrstuvwxy";
  static final String SOON_KEY = "soon-key-0123456789abcdefghijklmnopqrstuvwx";
  static final String OFF_KEY = "off-key-0123456789abcdefghijklmnopqrstuvwxy";
  static final String HASHED_KEY = "hashed-key-0123456789abcdefghijklmnopqrstu";
  static final String UNKNOWN_KEY = "unknown-key-0123456789abcdefghijklmnopqrst";
  static final Instant START = Instant.parse("2029-12-31T23:59:58Z");
  static final Map<String, String> ENV = Map.of("HASH_SECRET", SECRET, "CI_KEY", CI_KEY, "EMBED_KEY", EMBED_KEY,
      "OLD_KEY", OLD_KEY, "SOON_KEY", SOON_KEY, "OFF_KEY", OFF_KEY);
  static final String CONFIG = """
      providers { demo { type = demo, options { stream-chunk-delay = 0ms, embedding-dimensions = 4 } } }
      models {
        demo-chat { provider = demo, upstream-model = demo-echo-1, capabilities = [chat, streaming] }
        demo-embed { provider = demo, upstream-model = demo-embed-1, capabilities = [embeddings] }
      }
      auth {
        enabled = true
        hash-secret-env = HASH_SECRET
        keys = [
          { id = ci, name = "CI", key-env = CI_KEY, scopes = [complete, models], models = [demo-chat] }
          { id = embedder, key-env = EMBED_KEY, scopes = [embed] }
          { id = old, key-env = OLD_KEY, scopes = [complete, models], expires-at = "2020-01-01T00:00:00Z" }
          { id = soon, key-env = SOON_KEY, scopes = [models], expires-at = "2030-01-01T00:00:00Z" }
          { id = off, key-env = OFF_KEY, scopes = [complete, models], disabled = true }
          { id = hashed, key-hash = "%s", scopes = [models] }
        ]
      }
      """.formatted(HexFormat.of().formatHex(new ApiKeyHasher(new Secret(SECRET)).hash(HASHED_KEY)));

  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  private final MutableClock clock = new MutableClock(START);
  private final SwitchableApiKeyStore store = new SwitchableApiKeyStore();
  private final InMemoryTelemetry telemetry = new InMemoryTelemetry();
  private final List<Principal> principals = new CopyOnWriteArrayList<>();
  private TestGateway gateway;

  @BeforeEach
  void start() {
    gateway = cleanup.register(TestGateway.start(CONFIG, ENV, Modules.combine(telemetry, new AbstractModule() {
      @Override
      protected void configure() {
        bind(ApiKeyStore.class).toInstance(store);
        bind(java.time.Clock.class).toInstance(clock);
      }

      @Provides
      @Singleton
      List<ServerInterceptor> interceptorsOutermostFirst(RequestIdInterceptor requestId, TracingInterceptor tracing,
          UnexpectedErrorInterceptor unexpectedErrors, AuthInterceptor auth) {
        return List.of(requestId, tracing, unexpectedErrors, auth, new PrincipalProbe(principals));
      }
    })));
  }

  @AfterEach
  void closeTelemetry() {
    telemetry.close();
  }

  @Test
  void rejectsACallWithoutAKeyAsUnauthenticatedMissing() {
    Throwable t = catchThrowable(() -> none(stub()).listModels(ListModelsRequest.getDefaultInstance()));

    assertRefused(t, Status.Code.UNAUTHENTICATED, "missing");
    assertThat(Status.fromThrowable(t).getDescription()).contains("authorization: Bearer <key>");
    assertThat(Statuses.errorInfo(t).getMetadataMap()).containsKey("request_id");
    assertThat(principals).isEmpty();
  }

  @Test
  void rejectsAnUnknownKeyWithoutEchoingIt() {
    Throwable t = catchThrowable(() -> bearer(stub(), UNKNOWN_KEY).listModels(ListModelsRequest.getDefaultInstance()));

    assertRefused(t, Status.Code.UNAUTHENTICATED, "unknown");
    assertThat(Status.fromThrowable(t).getDescription()).isEqualTo("invalid API key");
    assertThat(t.toString()).doesNotContain(UNKNOWN_KEY);
  }

  @Test
  void rejectsAnAuthorizationHeaderThatIsNotBearer() {
    Throwable basic = catchThrowable(() -> authorization(stub(), "Basic " + CI_KEY)
        .listModels(ListModelsRequest.getDefaultInstance()));
    Throwable empty = catchThrowable(() -> authorization(stub(), "Bearer ")
        .listModels(ListModelsRequest.getDefaultInstance()));

    assertRefused(basic, Status.Code.UNAUTHENTICATED, "malformed");
    assertRefused(empty, Status.Code.UNAUTHENTICATED, "malformed");
    assertThat(basic.toString()).doesNotContain(CI_KEY);
  }

  @Test
  void rejectsTwoDifferentKeysInTheTwoHeaders() {
    Metadata headers = new Metadata();
    headers.put(GatewayHeaders.AUTHORIZATION, "Bearer " + CI_KEY);
    headers.put(GatewayHeaders.X_API_KEY, EMBED_KEY);

    Throwable t = catchThrowable(() -> dev.llmgateway.server.testing.ApiKeyHeaders.with(stub(), headers)
        .listModels(ListModelsRequest.getDefaultInstance()));

    assertRefused(t, Status.Code.UNAUTHENTICATED, "malformed");
  }

  @Test
  void acceptsTheKeyAsBearerInAnyCaseAndAsXApiKey() {
    assertThat(bearer(stub(), CI_KEY).listModels(ListModelsRequest.getDefaultInstance()).getModelsList()).isNotEmpty();
    assertThat(authorization(stub(), "bearer  " + CI_KEY).listModels(ListModelsRequest.getDefaultInstance())
        .getModelsList()).isNotEmpty();
    assertThat(xApiKey(stub(), CI_KEY).listModels(ListModelsRequest.getDefaultInstance()).getModelsList()).isNotEmpty();
    Metadata both = new Metadata();
    both.put(GatewayHeaders.AUTHORIZATION, "Bearer " + CI_KEY);
    both.put(GatewayHeaders.X_API_KEY, CI_KEY);
    assertThat(dev.llmgateway.server.testing.ApiKeyHeaders.with(stub(), both)
        .listModels(ListModelsRequest.getDefaultInstance()).getModelsList()).isNotEmpty();
  }

  @Test
  void leavesTheKeysPrincipalInTheContextAndItsIdOnTheSpan() {
    bearer(stub(), CI_KEY).complete(chat("demo-chat"));

    assertThat(principals).containsExactly(
        new Principal("ci", "CI", Set.of(Scope.COMPLETE, Scope.MODELS), Set.of("demo-chat")));
    SpanData span = awaitSpan();
    assertThat(span.getAttributes().get(GatewayAttributes.KEY_ID)).isEqualTo("ci");
  }

  @Test
  void rejectsAKeyPastItsConfiguredExpiry() {
    Throwable t = catchThrowable(() -> bearer(stub(), OLD_KEY).listModels(ListModelsRequest.getDefaultInstance()));

    ErrorInfo info = assertRefused(t, Status.Code.UNAUTHENTICATED, "expired");
    assertThat(info.getMetadataMap()).containsEntry("key_id", "old");
    assertThat(Status.fromThrowable(t).getDescription()).contains("2020-01-01T00:00:00Z");
  }

  @Test
  void aKeyStopsWorkingWhenTheClockPassesItsExpiry() {
    assertThat(bearer(stub(), SOON_KEY).listModels(ListModelsRequest.getDefaultInstance()).getModelsList())
        .isNotEmpty();

    clock.advance(Duration.ofSeconds(2));

    Throwable t = catchThrowable(() -> bearer(stub(), SOON_KEY).listModels(ListModelsRequest.getDefaultInstance()));
    assertRefused(t, Status.Code.UNAUTHENTICATED, "expired");
  }

  @Test
  void rejectsADisabledKey() {
    Throwable t = catchThrowable(() -> bearer(stub(), OFF_KEY).complete(chat("demo-chat")));

    ErrorInfo info = assertRefused(t, Status.Code.UNAUTHENTICATED, "disabled");
    assertThat(info.getMetadataMap()).containsEntry("key_id", "off");
  }

  @Test
  void aKeyWithoutTheMethodsScopeIsPermissionDeniedNamingTheScope() {
    Throwable complete = catchThrowable(() -> bearer(stub(), EMBED_KEY).complete(chat("demo-chat")));
    Throwable embed = catchThrowable(() -> bearer(stub(), CI_KEY).embed(
        EmbedRequest.newBuilder().setModel("demo-embed").addInputs("x").build()));

    ErrorInfo info = assertRefused(complete, Status.Code.PERMISSION_DENIED, null);
    assertThat(info.getReason()).isEqualTo("PERMISSION_DENIED");
    assertThat(info.getMetadataMap()).containsEntry("scope", "complete").containsEntry("key_id", "embedder");
    assertThat(Status.fromThrowable(complete).getDescription())
        .isEqualTo("API key 'embedder' lacks scope 'complete', needed for llmgateway.v1.GatewayService/Complete");
    assertThat(Statuses.errorInfo(embed).getMetadataMap()).containsEntry("scope", "embed");
  }

  @Test
  void eachScopeOpensItsMethods() {
    assertThat(bearer(stub(), EMBED_KEY).embed(EmbedRequest.newBuilder().setModel("demo-embed").addInputs("x").build())
        .getEmbeddingsCount()).isEqualTo(1);
    assertThat(bearer(stub(), CI_KEY).complete(chat("demo-chat")).getModel()).isNotEmpty();
    assertThat(bearer(stub(), CI_KEY).countTokens(CountTokensRequest.newBuilder().setModel("demo-chat")
        .addAllMessages(chat("demo-chat").getMessagesList()).build()).getInputTokens()).isPositive();
    Throwable tokens = catchThrowable(() -> bearer(stub(), EMBED_KEY).countTokens(
        CountTokensRequest.newBuilder().setModel("demo-chat").addAllMessages(chat("demo-chat").getMessagesList())
            .build()));
    assertThat(Statuses.errorInfo(tokens).getMetadataMap()).containsEntry("scope", "complete");
  }

  @Test
  void keysFromKeyEnvAndFromKeyHashBothWork() {
    assertThat(bearer(stub(), CI_KEY).listModels(ListModelsRequest.getDefaultInstance()).getModelsList()).isNotEmpty();
    assertThat(bearer(stub(), HASHED_KEY).listModels(ListModelsRequest.getDefaultInstance()).getModelsList())
        .isNotEmpty();
    assertThat(principals).extracting(Principal::keyId).containsExactly("ci", "hashed");
  }

  @Test
  void healthAndReflectionNeedNoKey() throws Exception {
    HealthCheckResponse health = HealthGrpc.newBlockingStub(gateway.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService("llmgateway.v1.GatewayService").build());
    assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(gateway.channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS).serverReflectionInfo(new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse value) {
            answer.complete(value);
          }

          @Override
          public void onError(Throwable t) {
            answer.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {
            answer.completeExceptionally(new AssertionError("no answer"));
          }
        });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
    requests.onCompleted();
    assertThat(answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList())
        .extracting(ServiceResponse::getName).contains("llmgateway.v1.GatewayService");
  }

  @Test
  void aKeyDisabledElsewhereStopsWorkingWithinTheCacheLifetime() {
    assertThat(bearer(stub(), CI_KEY).listModels(ListModelsRequest.getDefaultInstance()).getModelsList()).isNotEmpty();
    // Another replica (or the admin API there) disables the key in the shared store.
    ApiKeyRecord ci = store.get("ci").orElseThrow();
    store.put(new ApiKeyRecord(ci.id(), ci.displayName(), ci.keyHash(), ci.scopes(), ci.modelAllowList(),
        ci.expiresAt(), true, ci.createdAt()));

    clock.advance(Duration.ofMillis(999));
    assertThat(bearer(stub(), CI_KEY).listModels(ListModelsRequest.getDefaultInstance()).getModelsList()).isNotEmpty();
    clock.advance(Duration.ofMillis(1));
    Throwable t = catchThrowable(() -> bearer(stub(), CI_KEY).listModels(ListModelsRequest.getDefaultInstance()));

    assertRefused(t, Status.Code.UNAUTHENTICATED, "disabled");
  }

  @Test
  void repeatedCallsWithOneKeyLookItUpOncePerCacheLifetime() {
    int before = store.lookups();
    for (int i = 0; i < 5; i++) {
      bearer(stub(), CI_KEY).listModels(ListModelsRequest.getDefaultInstance());
      catchThrowable(() -> bearer(stub(), UNKNOWN_KEY).listModels(ListModelsRequest.getDefaultInstance()));
    }
    assertThat(store.lookups() - before).isEqualTo(2);

    clock.advance(Duration.ofSeconds(1));
    bearer(stub(), CI_KEY).listModels(ListModelsRequest.getDefaultInstance());
    assertThat(store.lookups() - before).isEqualTo(3);
  }

  @Test
  void aStoreOutageIsUnavailableAndAuthenticatesNobody() {
    store.failWith(() -> new StoreUnavailableException("api key lookup", new java.io.IOException("connection refused")));

    Throwable valid = catchThrowable(() -> bearer(stub(), CI_KEY).complete(chat("demo-chat")));
    Throwable unknown = catchThrowable(() -> bearer(stub(), UNKNOWN_KEY).complete(chat("demo-chat")));

    for (Throwable t : List.of(valid, unknown)) {
      assertThat(Status.fromThrowable(t).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(Statuses.errorInfo(t).getReason()).isEqualTo("STORE_UNAVAILABLE");
      assertThat(Status.fromThrowable(t).getDescription()).doesNotContain("connection refused");
    }
    assertThat(principals).isEmpty();

    store.failWith(null);
    assertThat(bearer(stub(), CI_KEY).complete(chat("demo-chat")).getModel()).isNotEmpty();
  }

  @Test
  void aStoreAnsweringGarbageEndsAsInternalAndAuthenticatesNobody() {
    store.failWith(() -> new IllegalStateException("api key ci: stored record has no scopes field"));

    Throwable t = catchThrowable(() -> bearer(stub(), CI_KEY).complete(chat("demo-chat")));

    assertThat(Status.fromThrowable(t).getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(Statuses.errorInfo(t).getReason()).isEqualTo("INTERNAL");
    assertThat(principals).isEmpty();
  }

  @Test
  void aStoreThatReturnsAnotherKeysRecordGrantsNothing() {
    ApiKeyStore lying = new ApiKeyStore() {
      @Override
      public Optional<ApiKeyRecord> findByHash(byte[] keyHash) {
        return store.get("ci");
      }

      @Override
      public void put(ApiKeyRecord record) {
        store.put(record);
      }

      @Override
      public boolean delete(String id) {
        return store.delete(id);
      }

      @Override
      public Optional<ApiKeyRecord> get(String id) {
        return store.get(id);
      }

      @Override
      public List<ApiKeyRecord> list() {
        return store.list();
      }

      @Override
      public boolean isEmpty() {
        return store.isEmpty();
      }
    };
    TestGateway other = cleanup.register(TestGateway.start(CONFIG, ENV, new AbstractModule() {
      @Override
      protected void configure() {
        bind(ApiKeyStore.class).toInstance(lying);
      }
    }));

    Throwable t = catchThrowable(() -> bearer(other.blocking(), UNKNOWN_KEY).listModels(
        ListModelsRequest.getDefaultInstance()));

    assertRefused(t, Status.Code.UNAUTHENTICATED, "unknown");
  }

  @Test
  void withAuthenticationOffEveryCallPassesAsTheAnonymousPrincipal() {
    TestGateway open = cleanup.register(TestGateway.start(CONFIG.replace("enabled = true", "enabled = false"), ENV,
        Modules.EMPTY_MODULE));

    assertThat(none(open.blocking()).complete(chat("demo-chat")).getModel()).isNotEmpty();
    assertThat(bearer(open.blocking(), UNKNOWN_KEY).listModels(ListModelsRequest.getDefaultInstance())
        .getModelsList()).isNotEmpty();
  }

  private GatewayServiceBlockingStub stub() {
    return gateway.blocking();
  }

  /** Waits for the call's SERVER span (its routing span is a child and ends first). */
  private SpanData awaitSpan() {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> telemetry.spans().stream()
        .anyMatch(s -> s.getKind() == io.opentelemetry.api.trace.SpanKind.SERVER));
    return telemetry.spans().stream().filter(s -> s.getKind() == io.opentelemetry.api.trace.SpanKind.SERVER)
        .findFirst().orElseThrow();
  }

  private static ErrorInfo assertRefused(Throwable t, Status.Code code, String cause) {
    assertThat(Status.fromThrowable(t).getCode()).isEqualTo(code);
    ErrorInfo info = Statuses.errorInfo(t);
    assertThat(info.getReason()).isEqualTo(code.name());
    if (cause != null) {
      assertThat(info.getMetadataMap()).containsEntry("cause", cause);
    }
    return info;
  }

  static CompleteRequest chat(String model) {
    return CompleteRequest.newBuilder().setModel(model).addMessages(Message.newBuilder().setRole(Role.ROLE_USER)
        .addContent(ContentPart.newBuilder().setText("hello"))).build();
  }

  /** Records the principal each call reaches the services with. */
  private static final class PrincipalProbe implements ServerInterceptor {
    private final List<Principal> seen;

    PrincipalProbe(List<Principal> seen) {
      this.seen = seen;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
        ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
      Principal principal = RequestContext.principal();
      if (principal != null) {
        seen.add(principal);
      }
      return next.startCall(call, headers);
    }
  }
}
