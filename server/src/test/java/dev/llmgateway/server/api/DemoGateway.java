package dev.llmgateway.server.api;

/** A configuration with only the offline demo provider, streaming without delay. */
final class DemoGateway {
  static final String CONFIG = """
      providers {
        demo { type = demo, options { stream-chunk-delay = 0ms, embedding-dimensions = 8 } }
      }
      models {
        demo-chat {
          provider = demo, upstream-model = demo-echo-1, aliases = [demo]
          capabilities = [chat, streaming, tools, json-output], max-output-tokens = 100
        }
        demo-analytical {
          provider = demo, upstream-model = demo-echo-1, capabilities = [chat, streaming]
          defaults { max-output-tokens = 3, system-prompt = "Answer tersely." }
        }
        demo-embed { provider = demo, upstream-model = demo-embed-1, capabilities = [embeddings] }
      }
      """;

  private DemoGateway() {}
}
