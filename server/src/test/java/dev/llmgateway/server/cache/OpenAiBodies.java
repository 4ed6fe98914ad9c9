package dev.llmgateway.server.cache;

import java.util.List;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;

/** OpenAI-format answers for the fake upstream of the cache tests. */
final class OpenAiBodies {
  private OpenAiBodies() {}

  /** A chat completion answering {@code text}, with 5 + 2 = 7 tokens of usage. */
  static MockResponse completion(String text) {
    return json("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"mock-model\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}");
  }

  /** A streamed completion: one chunk per word of {@code words}, a finish chunk, and a usage chunk. */
  static MockResponse stream(String... words) {
    StringBuilder body = new StringBuilder();
    for (String word : words) {
      body.append("data: {\"id\":\"s1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock-model\","
          + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"").append(word)
          .append("\"},\"finish_reason\":null}]}\n\n");
    }
    body.append("data: {\"id\":\"s1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock-model\","
        + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
    body.append("data: {\"id\":\"s1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock-model\","
        + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":" + words.length
        + ",\"total_tokens\":" + (5 + words.length) + "}}\n\n");
    body.append("data: [DONE]\n\n");
    return new MockResponse.Builder().addHeader("content-type", "text/event-stream").body(body.toString()).build();
  }

  /** Embeddings whose vector for input {@code i} is {@code [vectors[i], 0.5]}, with 3 prompt tokens per input. */
  static MockResponse embeddings(List<Float> vectors) {
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < vectors.size(); i++) {
      if (i > 0) {
        data.append(',');
      }
      data.append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":[")
          .append(vectors.get(i)).append(",0.5]}");
    }
    int tokens = 3 * vectors.size();
    return json("{\"object\":\"list\",\"data\":[" + data + "],\"model\":\"mock-embed\","
        + "\"usage\":{\"prompt_tokens\":" + tokens + ",\"total_tokens\":" + tokens + "}}");
  }

  /** Returns the JSON array text of {@code inputs}, as the gateway sends it upstream. */
  static String inputArray(String... inputs) {
    return List.of(inputs).stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "[", "]"));
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().addHeader("content-type", "application/json").body(body).build();
  }
}
