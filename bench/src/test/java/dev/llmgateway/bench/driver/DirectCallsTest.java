package dev.llmgateway.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.bench.mock.MockContent;
import dev.llmgateway.bench.mock.MockUpstream;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DirectCallsTest {
  private static MockUpstream mock;
  private static OkHttpClient client;
  private static DirectCalls direct;

  @BeforeAll
  static void start() throws InterruptedException {
    mock = MockUpstream.start(1);
    client = new OkHttpClient.Builder().callTimeout(10, TimeUnit.SECONDS).build();
    direct = new DirectCalls(client, new ObjectMapper(), mock.openAiBaseUrl(), mock.anthropicBaseUrl());
  }

  @AfterAll
  static void stop() {
    mock.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  @Test
  void acceptsEveryCorrectAnswerOfTheMock() throws CallFailure {
    ChunkTimer timer = new ChunkTimer();
    direct.chat(Expected.chat("mock", "mock-model", 0)).call(timer);
    direct.message(Expected.chat("mock-anthropic", "mock-claude", 0)).call(timer);
    direct.embeddings(Expected.embed("mock", "mock-embed", 2, MockContent.DEFAULT_DIMENSIONS)).call(timer);
    assertThat(timer.count()).isZero();

    direct.chatStream(Expected.chat("mock", "mock-model-c7", 7)).call(timer);
    assertThat(timer.count()).isEqualTo(7);
    timer.reset();
    direct.messageStream(Expected.chat("mock-anthropic", "mock-claude-c5", 5)).call(timer);
    assertThat(timer.count()).isEqualTo(5);
  }

  @Test
  void countsAWrongAnswerAsAFailure() {
    // The mock streams 7 chunks for this name; expecting 8 must fail the call, not pass it.
    assertThatThrownBy(() -> direct.chatStream(Expected.chat("mock", "mock-model-c7", 8)).call(new ChunkTimer()))
        .isInstanceOf(CallFailure.class)
        .hasMessageContaining("content:");
    assertThatThrownBy(() -> direct.embeddings(Expected.embed("mock", "mock-embed-dim8", 1, 16)).call(new ChunkTimer()))
        .isInstanceOf(CallFailure.class)
        .hasMessageContaining("embedding length");
  }

  @Test
  void reportsAnUnreachableUpstreamAsAnIoFailure() {
    DirectCalls nowhere = new DirectCalls(client, new ObjectMapper(), "http://127.0.0.1:1/v1", "http://127.0.0.1:1/a");

    assertThatThrownBy(() -> nowhere.chat(Expected.chat("mock", "mock-model", 0)).call(new ChunkTimer()))
        .isInstanceOfSatisfying(CallFailure.class, f -> assertThat(f.category()).startsWith("io "));
  }
}
