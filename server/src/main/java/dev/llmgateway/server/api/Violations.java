package dev.llmgateway.server.api;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import java.util.ArrayList;
import java.util.List;

/** Collects every invalid field of one request, so the caller learns all of them at once. */
final class Violations {
  private List<FieldViolation> list;

  void add(String field, String description) {
    if (list == null) {
      list = new ArrayList<>(2);
    }
    list.add(new FieldViolation(field, description));
  }

  /** Throws INVALID_REQUEST naming every collected field, if there is any. */
  void throwIfAny() {
    if (list == null) {
      return;
    }
    FieldViolation first = list.get(0);
    String message = first.field() + ": " + first.description()
        + (list.size() > 1 ? " (and " + (list.size() - 1) + " more invalid field(s))" : "");
    throw GatewayException.builder(ErrorKind.INVALID_REQUEST, message).violations(list).build();
  }
}
