package dev.llmgateway.server.store.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.store.KeyHashSecret;
import dev.llmgateway.server.store.StoreUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps the key-hash secret of an embedded store in a file of its own beside the database
 * ({@code <database>.hash-secret}, readable by its owner only), created on first use, so keys hashed before a
 * restart still match after it. A copy of the database without this file cannot be used to check key guesses.
 */
final class SqliteKeyHashSecret {
  private SqliteKeyHashSecret() {}

  /** Returns the file's secret, creating the file (durably) with a random one when it does not exist. */
  static KeyHashSecret load(Path database) {
    Path file = database.resolveSibling(database.getFileName() + ".hash-secret");
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      return new KeyHashSecret(new Secret(Files.readString(file, UTF_8).strip()), true);
    } catch (IOException e) {
      throw new StoreUnavailableException("key hash secret " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    String secret = KeyHashSecret.perProcess().secret().reveal();
    Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    try (FileChannel channel = posix
        ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : FileChannel.open(file, options)) {
      channel.write(ByteBuffer.wrap(secret.getBytes(UTF_8)));
      // Keys get hashed with it next: it must outlive a crash as surely as they do.
      channel.force(true);
    } catch (FileAlreadyExistsException e) {
      // Another process created it first; its secret is the one to use.
    }
  }
}
