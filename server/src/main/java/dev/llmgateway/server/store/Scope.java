package dev.llmgateway.server.store;

/** What an API key may call. */
public enum Scope {
  /** Chat completions, unary and streamed. */
  COMPLETE,
  /** Embeddings. */
  EMBED,
  /** Listing models. */
  MODELS,
  /** The admin service: keys and usage reports. */
  ADMIN
}
