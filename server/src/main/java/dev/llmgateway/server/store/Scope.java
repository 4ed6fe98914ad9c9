package dev.llmgateway.server.store;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** What an API key may call. */
public enum Scope {
  /** Chat completions, unary and streamed. */
  COMPLETE,
  /** Embeddings. */
  EMBED,
  /** Listing models. */
  MODELS,
  /** The admin service: keys, catalogue, usage reports, audit log, reloads. */
  ADMIN;

  /** Returns the scopes' names, sorted and comma-separated: the stored form. */
  public static String join(Set<Scope> scopes) {
    return scopes.stream().map(Scope::name).sorted().collect(Collectors.joining(","));
  }

  /**
   * Returns the scopes a stored comma-separated list names. A name this version does not know (written by a
   * newer one) grants nothing here: fewer rights, never more.
   */
  public static Set<Scope> parseKnown(String joined) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String name : joined.split(",")) {
      for (Scope s : values()) {
        if (s.name().equals(name)) {
          scopes.add(s);
        }
      }
    }
    return scopes;
  }
}
