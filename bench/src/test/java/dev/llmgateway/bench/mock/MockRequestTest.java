package dev.llmgateway.bench.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MockRequestTest {
  private static MockRequest parse(String json) throws IOException {
    return MockRequest.parse(new JsonFactory(), new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsTheFieldsItAnswersFromAndSkipsTheRest() throws IOException {
    MockRequest r = parse("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}],"
        + "\"tools\":[{\"type\":\"function\"}],\"model\":\"m\",\"stream\":true,"
        + "\"stream_options\":{\"include_usage\":true},\"temperature\":0.5}");

    assertThat(r).isEqualTo(new MockRequest("m", true, true, true, 0, 0, false));
  }

  @Test
  void countsEmbeddingInputsAndReadsDimensionsAndEncoding() throws IOException {
    assertThat(parse("{\"model\":\"e\",\"input\":[\"a\",\"b\",\"c\"],\"dimensions\":256,\"encoding_format\":\"base64\"}"))
        .isEqualTo(new MockRequest("e", false, false, false, 3, 256, true));
    assertThat(parse("{\"model\":\"e\",\"input\":\"one\"}").inputs()).isEqualTo(1);
  }

  @Test
  void rejectsMalformedJsonAndNonObjects() {
    assertThatThrownBy(() -> parse("{\"model\":")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> parse("[1,2]")).isInstanceOf(IOException.class);
  }
}
