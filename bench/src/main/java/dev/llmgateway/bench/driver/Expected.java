package dev.llmgateway.bench.driver;

import dev.llmgateway.bench.mock.MockContent;

/**
 * States what a correct answer looks like for one scenario's calls.
 *
 * @param provider the provider name the gateway must report (its configuration name)
 * @param upstreamModel the model name sent upstream, which the mock echoes and the gateway must report
 * @param chunks the number of text chunks a streamed answer must carry
 * @param inputs the number of embedding inputs per call
 * @param dimensions the length of every embedding vector
 */
public record Expected(String provider, String upstreamModel, int chunks, int inputs, int dimensions) {
  /** Returns the expectation for a chat model answering in {@code chunks} streamed chunks. */
  public static Expected chat(String provider, String upstreamModel, int chunks) {
    return new Expected(provider, upstreamModel, chunks, 0, 0);
  }

  /** Returns the expectation for an embedding model. */
  public static Expected embed(String provider, String upstreamModel, int inputs, int dimensions) {
    return new Expected(provider, upstreamModel, 0, inputs, dimensions);
  }

  /** Returns the text a streamed answer must join to. */
  public String streamText() {
    return MockContent.streamText(chunks);
  }

  static void require(boolean condition, String what, Object actual, Object expected) throws CallFailure {
    if (!condition) {
      throw new CallFailure("content: " + what, "got " + abbreviate(actual) + ", expected " + abbreviate(expected));
    }
  }

  static void checkVector(int input, int dimensions, int actualSize, VectorSource values) throws CallFailure {
    require(actualSize == dimensions, "embedding length", actualSize, dimensions);
    for (int d = 0; d < dimensions; d++) {
      float want = MockContent.embeddingValue(input, d);
      float got = values.value(d);
      // Exact in practice; a relative tolerance keeps a double-then-float parse from counting as wrong.
      if (Math.abs(got - want) > 1e-6f * Math.max(1f, Math.abs(want))) {
        throw new CallFailure("content: embedding value", "input " + input + " [" + d + "] = " + got + ", expected " + want);
      }
    }
  }

  /** Reads component {@code d} of a vector under test. */
  @FunctionalInterface
  interface VectorSource {
    float value(int d);
  }

  private static String abbreviate(Object value) {
    String s = String.valueOf(value);
    return s.length() <= 80 ? "'" + s + "'" : "'" + s.substring(0, 77) + "...'";
  }
}
