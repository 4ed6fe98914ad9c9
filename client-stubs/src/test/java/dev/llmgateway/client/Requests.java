package dev.llmgateway.client;

import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import java.util.List;

/** Builds the requests the tests send. */
final class Requests {
  private Requests() {}

  static CompleteRequest chat(String model, String text) {
    return CompleteRequest.newBuilder()
        .setModel(model)
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER).addContent(ContentPart.newBuilder().setText(text)))
        .build();
  }

  static String textOf(CompleteResponse response) {
    StringBuilder out = new StringBuilder();
    for (ContentPart part : response.getMessage().getContentList()) {
      out.append(part.getText());
    }
    return out.toString();
  }

  static String textOf(List<CompleteStreamResponse> chunks) {
    StringBuilder out = new StringBuilder();
    for (CompleteStreamResponse chunk : chunks) {
      out.append(chunk.getTextDelta());
    }
    return out.toString();
  }
}
