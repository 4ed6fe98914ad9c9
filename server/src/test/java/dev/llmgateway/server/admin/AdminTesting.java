package dev.llmgateway.server.admin;

import static dev.llmgateway.server.testing.ApiKeyHeaders.bearer;

import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.AdminServiceGrpc;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import java.util.Map;

/** A gateway with authentication on, an admin key and a non-admin one, for the AdminService tests. */
final class AdminTesting {
  static final String HASH_SECRET = "admin-test-hash-secret-0123456789abcdefghij";
  static final String ADMIN_KEY = "admin-test-key-0123456789abcdefghijklmnopqrs";
  static final String CI_KEY = "ci-test-key-0123456789abcdefghijklmnopqrstuvw";
  static final Map<String, String> ENV =
      Map.of("HASH_SECRET", HASH_SECRET, "LLMGATEWAY_ADMIN_KEY", ADMIN_KEY, "CI_KEY", CI_KEY);
  static final String MODELS = """
      providers { demo { type = demo, options { stream-chunk-delay = 0ms } } }
      models { demo-chat { provider = demo, upstream-model = demo-echo-1, capabilities = [chat, streaming] } }
      """;
  static final String CONFIG = MODELS + """
      auth {
        enabled = true
        hash-secret-env = HASH_SECRET
        keys = [ { id = ci, name = "CI", key-env = CI_KEY, scopes = [complete, models, embed] } ]
      }
      """;

  private AdminTesting() {}

  /** Returns an admin stub sending {@code key}. */
  static AdminServiceGrpc.AdminServiceBlockingStub admin(TestGateway gateway, String key) {
    return bearer(AdminServiceGrpc.newBlockingStub(gateway.channel()), key);
  }

  /** Returns a one-message chat request to {@code model}. */
  static CompleteRequest chat(String model, String text) {
    return CompleteRequest.newBuilder().setModel(model).addMessages(Message.newBuilder().setRole(Role.ROLE_USER)
        .addContent(ContentPart.newBuilder().setText(text))).build();
  }
}
