package dev.llmgateway.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.llmgateway.server.api.Requests;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.EmbedInputType;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.ResponseFormat;
import dev.llmgateway.v1.Tool;
import dev.llmgateway.v1.ToolChoice;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Cache keys: what changes the answer changes the key, what does not leaves it alone. */
class CacheKeysTest {
  private static final CompleteRequest BASE = CompleteRequest.newBuilder().setModel("alias")
      .addMessages(Requests.user("hello")).setTemperature(0).build();

  private static String key(CompleteRequest request) {
    return CacheKeys.completion(CacheKeys.COMPLETE, "key:a", "m", "up-m", request);
  }

  @Test
  void everyFieldThatChangesTheAnswerChangesTheKey() {
    Tool tool = Tool.newBuilder().setName("t").build();
    List<UnaryOperator<CompleteRequest.Builder>> changes = List.of(
        b -> b.addMessages(Requests.user("more")),
        b -> b.setMessages(0, Requests.user("hellO")),
        b -> b.addTools(tool),
        b -> b.addTools(tool).setToolChoice(ToolChoice.newBuilder().setMode(ToolChoice.Mode.MODE_REQUIRED)),
        b -> b.setResponseFormat(ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_JSON_OBJECT)),
        b -> b.setTemperature(0.1),
        b -> b.clearTemperature(),
        b -> b.setTopP(0.5),
        b -> b.setMaxOutputTokens(5),
        b -> b.addStop("\n"),
        b -> b.setSeed(7));
    String base = key(BASE);

    List<String> changed = changes.stream().map(c -> key(c.apply(BASE.toBuilder()).build())).toList();

    assertThat(changed).doesNotContain(base).doesNotHaveDuplicates();
  }

  @Test
  void theCallersModelNameMetadataAndUserLeaveTheKeyAlone() {
    CompleteRequest labelled = BASE.toBuilder().setModel("another-alias").putMetadata("team", "x").setUser("u-1")
        .build();

    assertThat(key(labelled)).isEqualTo(key(BASE));
  }

  @Test
  void theKeyIsStableWhateverTheOrderOfMapEntries() {
    Struct ab = Struct.newBuilder().putFields("a", Value.newBuilder().setNumberValue(1).build())
        .putFields("b", Value.newBuilder().setNumberValue(2).build()).build();
    Struct ba = Struct.newBuilder().putFields("b", Value.newBuilder().setNumberValue(2).build())
        .putFields("a", Value.newBuilder().setNumberValue(1).build()).build();

    assertThat(key(BASE.toBuilder().addTools(Tool.newBuilder().setName("t").setParameters(ab)).build()))
        .isEqualTo(key(BASE.toBuilder().addTools(Tool.newBuilder().setName("t").setParameters(ba)).build()));
  }

  @Test
  void tenantsModelsAndKindsHaveSeparateKeys() {
    assertThat(List.of(
        key(BASE),
        CacheKeys.completion(CacheKeys.COMPLETE, "key:b", "m", "up-m", BASE),
        CacheKeys.completion(CacheKeys.COMPLETE, "key:a", "m2", "up-m", BASE),
        CacheKeys.completion(CacheKeys.COMPLETE, "key:a", "m", "up-m2", BASE),
        CacheKeys.completion(CacheKeys.STREAM, "key:a", "m", "up-m", BASE)))
        .doesNotHaveDuplicates()
        .allSatisfy(k -> assertThat(k).matches("gw:v1:cache:(complete|stream):[0-9a-f]{64}"));
  }

  @Test
  void partsCannotRunIntoEachOther() {
    // Without length prefixes these would hash the same text.
    assertThat(CacheKeys.completion(CacheKeys.COMPLETE, "key:ab", "c", "d", BASE))
        .isNotEqualTo(CacheKeys.completion(CacheKeys.COMPLETE, "key:a", "bc", "d", BASE));
  }

  @Test
  void anEmbeddingsKeyDependsOnTenantModelDimensionsInputTypeAndTextOnly() {
    EmbedRequest request = EmbedRequest.newBuilder().setModel("e").addInputs("x").addInputs("y").setDimensions(8)
        .setInputType(EmbedInputType.EMBED_INPUT_TYPE_SEARCH_QUERY).build();
    String base = CacheKeys.embedding("key:a", "e", "up-e", request, 0);

    assertThat(List.of(
        CacheKeys.embedding("key:a", "e", "up-e", request, 1),
        CacheKeys.embedding("key:b", "e", "up-e", request, 0),
        CacheKeys.embedding("key:a", "e2", "up-e", request, 0),
        CacheKeys.embedding("key:a", "e", "up-e", request.toBuilder().setDimensions(16).build(), 0),
        CacheKeys.embedding("key:a", "e", "up-e", request.toBuilder().clearDimensions().build(), 0),
        CacheKeys.embedding("key:a", "e", "up-e",
            request.toBuilder().setInputType(EmbedInputType.EMBED_INPUT_TYPE_SEARCH_DOCUMENT).build(), 0)))
        .doesNotContain(base).doesNotHaveDuplicates();
    // The same text at another position, with other neighbours and labels, shares the key.
    EmbedRequest other = request.toBuilder().clearInputs().addInputs("z").addInputs("x")
        .putAllMetadata(Map.of("k", "v")).setUser("u").build();
    assertThat(CacheKeys.embedding("key:a", "e", "up-e", other, 1)).isEqualTo(base);
  }
}
