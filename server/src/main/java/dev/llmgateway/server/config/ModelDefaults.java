package dev.llmgateway.server.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Request parameters a model entry supplies when the caller leaves them unset, so that an alias can
 * act as a named preset (say, a low-temperature {@code analytical} over the same upstream model).
 */
public record ModelDefaults(
    OptionalDouble temperature,
    OptionalDouble topP,
    OptionalInt maxOutputTokens,
    List<String> stop,
    OptionalLong seed,
    Optional<String> systemPrompt) {
  /** No defaults. */
  public static final ModelDefaults NONE = new ModelDefaults(
      OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(), List.of(), OptionalLong.empty(),
      Optional.empty());

  public ModelDefaults {
    stop = List.copyOf(stop);
  }

  /** Returns whether there is nothing to apply. */
  public boolean isEmpty() {
    return temperature.isEmpty() && topP.isEmpty() && maxOutputTokens.isEmpty() && stop.isEmpty()
        && seed.isEmpty() && systemPrompt.isEmpty();
  }
}
