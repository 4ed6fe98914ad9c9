package dev.llmgateway.bench.gateway;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Tells what a built gateway jar can do before it is launched: which provider adapters it contains
 * (one package per provider type, {@code dev/llmgateway/server/providers/<type>/}) and which settings
 * its reference configuration knows, so a scenario that needs something missing reports "not
 * available" instead of failing or pretending.
 */
public final class ServerJar {
  private static final String PROVIDERS = "dev/llmgateway/server/providers/";
  private static final String REFERENCE = "llmgateway-reference.conf";

  private final Path jar;
  private final List<String> entries;
  private final Config reference;

  private ServerJar(Path jar, List<String> entries, Config reference) {
    this.jar = jar;
    this.entries = List.copyOf(entries);
    this.reference = reference;
  }

  /** Opens and inspects {@code jar}; throws {@link IOException} when it is missing or unreadable. */
  public static ServerJar open(Path jar) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException("gateway jar not found: " + jar + " (build it with: mvn -q -B install -DskipTests)");
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      List<String> names = new ArrayList<>();
      file.stream().map(ZipEntry::getName).forEach(names::add);
      ZipEntry ref = file.getEntry(REFERENCE);
      Config reference = ConfigFactory.empty();
      if (ref != null) {
        try (InputStream in = file.getInputStream(ref)) {
          reference = ConfigFactory.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (ConfigException e) {
          throw new IOException("unreadable " + REFERENCE + " in " + jar + ": " + e.getMessage(), e);
        }
      }
      return new ServerJar(jar, names, reference);
    }
  }

  /** Returns the jar's path. */
  public Path path() {
    return jar;
  }

  /** Returns whether the jar has the main class the command line names. */
  public boolean hasMainClass() {
    return entries.contains("dev/llmgateway/server/Main.class");
  }

  /** Returns whether the jar contains an adapter package for provider {@code type}. */
  public boolean hasProviderType(String type) {
    String prefix = PROVIDERS + type + "/";
    return entries.stream().anyMatch(e -> e.startsWith(prefix) && e.endsWith(".class"));
  }

  /** Returns the setting paths of {@code overlay} that the jar's reference configuration does not know. */
  public List<String> unknownSettings(Config overlay) {
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<String, ?> e : overlay.entrySet()) {
      if (!reference.hasPath(e.getKey())) {
        unknown.add(e.getKey());
      }
    }
    unknown.sort(null);
    return unknown;
  }
}
