package dev.llmgateway.client;

import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.GatewayServiceGrpc;
import dev.llmgateway.v1.ListModelsRequest;
import dev.llmgateway.v1.ListModelsResponse;
import dev.llmgateway.v1.Model;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in gateway on a loopback port for what the demo provider cannot do on demand: fail with
 * UNAVAILABLE a set number of times, hang until cancelled, or serve over TLS.
 */
final class ScriptedGateway implements AutoCloseable {
  final AtomicInteger completeAttempts = new AtomicInteger();
  final AtomicInteger streamAttempts = new AtomicInteger();
  final CountDownLatch completeStarted = new CountDownLatch(1);
  final CountDownLatch completeCancelled = new CountDownLatch(1);
  private final Server server;
  private volatile int unavailableBeforeSuccess;
  private volatile boolean hang;

  private ScriptedGateway(ServerCredentials credentials) {
    try {
      server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), credentials)
          .addService(new Service()).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ScriptedGateway plaintext() {
    return new ScriptedGateway(InsecureServerCredentials.create());
  }

  static ScriptedGateway withCredentials(ServerCredentials credentials) {
    return new ScriptedGateway(credentials);
  }

  /** Makes the next {@code n} Complete calls (and every CompleteStream call) fail with UNAVAILABLE. */
  ScriptedGateway failing(int n) {
    unavailableBeforeSuccess = n;
    return this;
  }

  /** Makes Complete calls wait until the caller cancels them. */
  ScriptedGateway hanging() {
    hang = true;
    return this;
  }

  int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        throw new AssertionError("scripted gateway did not stop within 5s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Service extends GatewayServiceGrpc.GatewayServiceImplBase {
    @Override
    public void complete(CompleteRequest request, StreamObserver<CompleteResponse> response) {
      int attempt = completeAttempts.incrementAndGet();
      if (hang) {
        ((ServerCallStreamObserver<CompleteResponse>) response).setOnCancelHandler(completeCancelled::countDown);
        completeStarted.countDown();
        return;
      }
      if (attempt <= unavailableBeforeSuccess) {
        response.onError(Status.UNAVAILABLE.withDescription("scripted outage " + attempt).asRuntimeException());
        return;
      }
      response.onNext(CompleteResponse.newBuilder().setId("scripted-" + attempt).setProvider("scripted").build());
      response.onCompleted();
    }

    @Override
    public void completeStream(CompleteRequest request, StreamObserver<CompleteStreamResponse> response) {
      streamAttempts.incrementAndGet();
      response.onError(Status.UNAVAILABLE.withDescription("scripted outage").asRuntimeException());
    }

    @Override
    public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> response) {
      response.onNext(ListModelsResponse.newBuilder().addModels(Model.newBuilder().setId("scripted-model")).build());
      response.onCompleted();
    }
  }
}
