package dev.llmgateway.server.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reads vendors and base models out of the kinds of Bedrock model identifiers. */
class BedrockModelIdsTest {

  @ParameterizedTest
  @CsvSource({
      "anthropic.claude-3-haiku-20240307-v1:0,anthropic",
      "meta.llama3-1-70b-instruct-v1:0,meta",
      "mistral.mistral-large-2407-v1:0,mistral",
      "amazon.nova-pro-v1:0,amazon",
      "cohere.command-r-plus-v1:0,cohere",
      "us.anthropic.claude-3-5-haiku-20241022-v1:0,anthropic",
      "eu.meta.llama3-2-3b-instruct-v1:0,meta",
      "apac.amazon.nova-lite-v1:0,amazon",
      "global.anthropic.claude-sonnet-4-5-20250929-v1:0,anthropic",
      "arn:aws:bedrock:us-east-1::foundation-model/mistral.mistral-7b-instruct-v0:2,mistral",
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-2-1b-instruct-v1:0,meta",
      "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123def456,''",
      "my-custom-model,''"})
  void infersTheVendorFromTheModelId(String id, String vendor) {
    assertThat(BedrockModelIds.vendor(id)).isEqualTo(vendor);
  }

  @ParameterizedTest
  @CsvSource({
      "anthropic.claude-3-haiku-20240307-v1:0,anthropic.claude-3-haiku-20240307-v1%3A0",
      "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc,"
          + "arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aprovisioned-model%2Fabc",
      "a b~c_d.e-f,a%20b~c_d.e-f"})
  void percentEncodesEverythingButUnreservedCharactersIntoOnePathSegment(String id, String segment) {
    assertThat(BedrockModelIds.pathSegment(id)).isEqualTo(segment);
  }
}
