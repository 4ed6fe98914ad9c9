package dev.llmgateway.server.api;

import dev.llmgateway.server.accounting.CallUsage;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.GenerateImageResponse;

/** Reads what a unary response consumed and why it finished, for settling its call. */
interface Metered<R> {
  CallUsage usage(R response);

  default String finishReason(R response) {
    return "";
  }

  Metered<CompleteResponse> COMPLETE = new Metered<>() {
    @Override
    public CallUsage usage(CompleteResponse response) {
      return CallUsage.reported(response.getUsage());
    }

    @Override
    public String finishReason(CompleteResponse response) {
      return response.getFinishReason().name();
    }
  };

  Metered<EmbedResponse> EMBED = response -> CallUsage.reported(response.getUsage());

  Metered<GenerateImageResponse> IMAGE = response -> CallUsage.reported(response.getUsage());

  /** A call that consumes no tokens (counting them does not). */
  static <R> Metered<R> free() {
    return response -> CallUsage.NONE;
  }
}
