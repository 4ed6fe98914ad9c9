package dev.llmgateway.server.config;

import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.Modality;
import java.util.EnumSet;
import java.util.Set;

/** Derives a model's modalities from its capabilities when the configuration does not list them. */
public final class Modalities {
  private Modalities() {}

  /** Returns what a model with these capabilities takes. */
  public static Set<Modality> inputsOf(Set<Capability> capabilities) {
    Set<Modality> in = EnumSet.noneOf(Modality.class);
    if (!capabilities.isEmpty()) {
      in.add(Modality.MODALITY_TEXT);
    }
    if (capabilities.contains(Capability.CAPABILITY_VISION)) {
      in.add(Modality.MODALITY_IMAGE);
    }
    return in;
  }

  /** Returns what a model with these capabilities produces. */
  public static Set<Modality> outputsOf(Set<Capability> capabilities) {
    Set<Modality> out = EnumSet.noneOf(Modality.class);
    if (capabilities.contains(Capability.CAPABILITY_CHAT) || capabilities.contains(Capability.CAPABILITY_STREAMING)) {
      out.add(Modality.MODALITY_TEXT);
    }
    if (capabilities.contains(Capability.CAPABILITY_EMBEDDINGS)) {
      out.add(Modality.MODALITY_EMBEDDING);
    }
    if (capabilities.contains(Capability.CAPABILITY_IMAGE_GENERATION)) {
      out.add(Modality.MODALITY_IMAGE);
    }
    return out;
  }
}
