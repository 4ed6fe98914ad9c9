package dev.llmgateway.server.api;

import static dev.llmgateway.server.api.GatewayServiceTest.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.ImagePart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.ResponseFormat;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.Tool;
import dev.llmgateway.v1.ToolChoice;
import io.grpc.Status;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input gets INVALID_ARGUMENT with a BadRequest naming each bad field, through the public contract. */
class RequestValidationTest {
  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  private TestGateway gateway;

  @BeforeEach
  void startGateway() {
    gateway = cleanup.register(TestGateway.start(DemoGateway.CONFIG));
  }

  private List<String> rejectedFields(CompleteRequest request) {
    Throwable error = catchThrowable(() -> gateway.blocking().complete(request));
    assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(Statuses.errorInfo(error).getReason()).isEqualTo("INVALID_REQUEST");
    return Statuses.violatedFields(error);
  }

  private static CompleteRequest.Builder valid() {
    return CompleteRequest.newBuilder().setModel("demo-chat").addMessages(user("hi"));
  }

  private static Value str(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  @Test
  void rejectsARequestWithNoMessages() {
    assertThat(rejectedFields(CompleteRequest.newBuilder().setModel("demo-chat").build())).containsExactly("messages");
  }

  @Test
  void rejectsAMissingModel() {
    assertThat(rejectedFields(valid().setModel("").build())).containsExactly("model");
  }

  @Test
  void rejectsNegativeMaxOutputTokens() {
    assertThat(rejectedFields(valid().setMaxOutputTokens(-5).build())).containsExactly("max_output_tokens");
  }

  @Test
  void rejectsMaxOutputTokensAboveTheModelsLimit() {
    assertThat(rejectedFields(valid().setMaxOutputTokens(101).build())).containsExactly("max_output_tokens");
  }

  @Test
  void rejectsAnImageWithNoMimeType() {
    Message withImage = Message.newBuilder().setRole(Role.ROLE_USER)
        .addContent(ContentPart.newBuilder().setText("what is this?"))
        .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder().setData(ByteString.copyFromUtf8("png"))))
        .build();
    assertThat(rejectedFields(valid().addMessages(withImage).build()))
        .containsExactly("messages[1].content[1].image.mime_type");
  }

  @Test
  void rejectsAToolWhoseSchemaIsNotAnObject() {
    Tool tool = Tool.newBuilder().setName("lookup")
        .setParameters(Struct.newBuilder().putFields("type", str("string"))).build();
    assertThat(rejectedFields(valid().addTools(tool).build())).containsExactly("tools[0].parameters.type");
  }

  @Test
  void rejectsAToolSchemaWithAnUnknownTypeAndADanglingRequiredName() {
    Struct city = Struct.newBuilder().putFields("type", str("text")).build();
    Tool tool = Tool.newBuilder().setName("lookup").setParameters(Struct.newBuilder()
        .putFields("type", str("object"))
        .putFields("properties", Value.newBuilder().setStructValue(
            Struct.newBuilder().putFields("city", Value.newBuilder().setStructValue(city).build())).build())
        .putFields("required", Value.newBuilder().setListValue(ListValue.newBuilder().addValues(str("country")))
            .build())).build();
    assertThat(rejectedFields(valid().addTools(tool).build()))
        .containsExactly("tools[0].parameters.properties.city.type", "tools[0].parameters.required");
  }

  @Test
  void rejectsAnInvalidToolNameAndAChoiceOfAnUndeclaredTool() {
    Tool tool = Tool.newBuilder().setName("bad name!").build();
    assertThat(rejectedFields(valid().addTools(tool)
        .setToolChoice(ToolChoice.newBuilder().setMode(ToolChoice.Mode.MODE_TOOL).setToolName("other")).build()))
        .containsExactly("tools[0].name", "tool_choice.tool_name");
  }

  @Test
  void reportsEveryBadFieldAtOnce() {
    CompleteRequest request = valid().setTemperature(3).setTopP(0)
        .addMessages(Message.newBuilder().setRole(Role.ROLE_TOOL).addContent(ContentPart.newBuilder().setText("42")))
        .setResponseFormat(ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_JSON_SCHEMA))
        .build();
    assertThat(rejectedFields(request)).containsExactly("messages[1].tool_call_id",
        "response_format.schema_name", "response_format.json_schema", "temperature", "top_p");
  }

  @Test
  void rejectsMessagesWithoutRoleOrContent() {
    CompleteRequest request = valid()
        .addMessages(Message.newBuilder().addContent(ContentPart.newBuilder().setText("no role")))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER))
        .build();
    assertThat(rejectedFields(request)).containsExactly("messages[1].role", "messages[2].content");
  }

  @Test
  void rejectsAnEmptyEmbeddingInput() {
    Throwable error = catchThrowable(() -> gateway.blocking().embed(EmbedRequest.newBuilder().setModel("demo-embed")
        .addInputs("ok").addInputs("").build()));
    assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(Statuses.violatedFields(error)).containsExactly("inputs[1]");
  }
}
