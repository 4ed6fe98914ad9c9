package dev.llmgateway.server.providers.bedrock;

import static dev.llmgateway.server.providers.bedrock.BedrockTesting.decode;
import static dev.llmgateway.server.providers.bedrock.BedrockTesting.json;
import static dev.llmgateway.server.providers.bedrock.BedrockTesting.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Decodes the recorded event-stream bodies and AWS's own framing vectors with the AWS decoder the adapter
 * uses, whole and split into small chunks, and checks the decoded view each fixture documents.
 */
class BedrockEventStreamFramingTest {

  @ParameterizedTest
  @ValueSource(strings = {"converse-stream-text", "converse-stream-tool-use",
      "converse-stream-exception-throttling", "converse-stream-exception-model-stream-error"})
  void decodesEachRecordedStreamIntoTheDocumentedEventsWholeAndInSevenByteChunks(String stem) {
    byte[] body = resource(stem + ".bin");
    JsonNode documented = json(resource(stem + ".events.json"));

    assertThat(view(decode(body, body.length))).isEqualTo(documented);
    assertThat(view(decode(body, 7))).isEqualTo(documented);
    assertThat(view(decode(body, 1))).isEqualTo(documented);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void decodesAwsFramingVectorsByteForByte(int index) {
    JsonNode vector = vectors().get(index);
    byte[] frame = HexFormat.of().parseHex(vector.get("hex").asText());

    for (int chunk : new int[] {frame.length, 7, 1}) {
      List<Message> messages = decode(frame, chunk);
      assertThat(messages).hasSize(1);
      Message message = messages.get(0);
      assertThat(frame).hasSize(vector.get("total_length").asInt());
      assertThat(new String(message.getPayload(), StandardCharsets.UTF_8))
          .isEqualTo(vector.get("payload_utf8").asText());
      assertThat(message.getHeaders()).hasSize(vector.get("headers").size());
      for (JsonNode header : vector.get("headers")) {
        assertThat(message.getHeaders().get(header.get(0).asText()).getString()).isEqualTo(header.get(2).asText());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void rejectsAFrameWhoseMessageCrcIsCorrupted(int index) {
    byte[] frame = HexFormat.of().parseHex(vectors().get(index).get("hex").asText());
    frame[frame.length - 1] ^= 0x01;

    assertThatThrownBy(() -> decode(frame, 7)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checksum");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void rejectsAFrameWhosePreludeCrcIsCorrupted(int index) {
    byte[] frame = HexFormat.of().parseHex(vectors().get(index).get("hex").asText());
    frame[8] ^= 0x01;

    assertThatThrownBy(() -> decode(frame, frame.length)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checksum");
  }

  private static JsonNode vectors() {
    return json(resource("eventstream-framing-vectors.json")).get("vectors");
  }

  /** Returns messages in the shape of the .events.json files: headers in wire order, payload parsed. */
  private static JsonNode view(List<Message> messages) {
    ArrayNode events = JsonNodeFactory.instance.arrayNode();
    for (Message message : messages) {
      ObjectNode event = events.addObject();
      ArrayNode headers = event.putArray("headers");
      for (Map.Entry<String, HeaderValue> header : message.getHeaders().entrySet()) {
        headers.addArray().add(header.getKey()).add(header.getValue().getString());
      }
      event.set("payload", json(message.getPayload()));
    }
    return events;
  }
}
