package dev.llmgateway.bench.mock;

/**
 * Defines the mock upstream's deterministic answers, shared by the mock that serves them and the load
 * driver that checks every response against them.
 */
public final class MockContent {
  /** The whole answer of a non-streaming chat completion. */
  public static final String COMPLETION_TEXT = "Hello from the mock upstream: this answer came from memory.";
  /** Prompt tokens reported for every chat request. */
  public static final int PROMPT_TOKENS = 12;
  /** Output tokens reported for a non-streaming chat completion. */
  public static final int COMPLETION_TOKENS = 13;
  /** Prompt tokens reported per embedding input. */
  public static final int EMBED_TOKENS_PER_INPUT = 6;
  /** The vector length when neither the request nor the model name asks for another. */
  public static final int DEFAULT_DIMENSIONS = 1536;
  /** The number of streamed text chunks when neither the model name nor a header asks for another. */
  public static final int DEFAULT_CHUNKS = 8;
  /** The completion id on every OpenAI-compatible answer. */
  public static final String CHAT_ID = "chatcmpl-mock0000000000000000000001";
  /** The message id on every Anthropic answer. */
  public static final String MESSAGE_ID = "msg_mock00000000000000000001";
  /** The creation time on every OpenAI-compatible answer (seconds since the epoch). */
  public static final long CREATED = 1_741_569_952L;

  private MockContent() {}

  /** Returns the text of streamed chunk {@code index} (counting from 0). */
  public static String token(int index) {
    return "t" + index + ' ';
  }

  /** Returns the whole text of a stream of {@code chunks} chunks, as a client joins it. */
  public static String streamText(int chunks) {
    StringBuilder text = new StringBuilder(chunks * 6);
    for (int i = 0; i < chunks; i++) {
      text.append(token(i));
    }
    return text.toString();
  }

  /**
   * Returns component {@code dimension} of the vector for input {@code input}: a multiple of 1/1000 in
   * [-1, 1], so its decimal form is short and parses back to the same float.
   */
  public static float embeddingValue(int input, int dimension) {
    int k = (dimension * 7919 + input * 104_729) % 2001;
    return (k - 1000) / 1000f;
  }
}
