package dev.llmgateway.server.api;

import dev.llmgateway.server.accounting.CallUsage;
import dev.llmgateway.server.telemetry.GenAiAttributes;
import io.opentelemetry.api.trace.Span;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.GenerateImageResponse;
import dev.llmgateway.v1.RouteReport;

/** Reads what a unary response consumed and why it finished, for settling its call. */
interface Metered<R> {
  CallUsage usage(R response);

  default String finishReason(R response) {
    return "";
  }

  /** Returns the response with its route report, for messages that carry one; others unchanged. */
  default R withRoute(R response, RouteReport route) {
    return response;
  }

  /** Puts the response's GenAI attributes on the call's span (nothing for responses without any). */
  default void annotate(GenAiAttributes attributes, Span span, R response) {
  }

  Metered<CompleteResponse> COMPLETE = new Metered<>() {
    @Override
    public CallUsage usage(CompleteResponse response) {
      return CallUsage.reported(response.getUsage());
    }

    @Override
    public String finishReason(CompleteResponse response) {
      return GenAiAttributes.finishReason(response.getFinishReason());
    }

    @Override
    public void annotate(GenAiAttributes attributes, Span span, CompleteResponse response) {
      attributes.setResponse(span, response);
    }

    @Override
    public CompleteResponse withRoute(CompleteResponse response, RouteReport route) {
      return response.toBuilder().setRoute(route).build();
    }
  };

  Metered<EmbedResponse> EMBED = new Metered<>() {
    @Override
    public CallUsage usage(EmbedResponse response) {
      return CallUsage.reported(response.getUsage());
    }

    @Override
    public void annotate(GenAiAttributes attributes, Span span, EmbedResponse response) {
      attributes.setResponse(span, response);
    }

    @Override
    public EmbedResponse withRoute(EmbedResponse response, RouteReport route) {
      return response.toBuilder().setRoute(route).build();
    }
  };

  Metered<GenerateImageResponse> IMAGE = response -> CallUsage.reported(response.getUsage());

  /** A call that consumes no tokens (counting them does not). */
  static <R> Metered<R> free() {
    return response -> CallUsage.NONE;
  }
}
