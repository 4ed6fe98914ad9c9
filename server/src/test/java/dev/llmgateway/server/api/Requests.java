package dev.llmgateway.server.api;

import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;

/** Small builders for test requests. */
public final class Requests {
  private Requests() {}

  /** Returns a user message with one text part. */
  public static Message user(String text) {
    return Message.newBuilder().setRole(Role.ROLE_USER).addContent(ContentPart.newBuilder().setText(text)).build();
  }
}
