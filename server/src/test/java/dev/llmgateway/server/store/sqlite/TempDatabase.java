package dev.llmgateway.server.store.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Opens embedded databases in fresh temporary folders and removes them all on {@link #close()}. */
final class TempDatabase implements AutoCloseable {
  private final List<SqliteDatabase> open = new ArrayList<>();
  private final List<Path> folders = new ArrayList<>();

  /** Returns a new, migrated database in a folder of its own. */
  SqliteDatabase open() {
    return open(SqliteMigrations.CURRENT);
  }

  /** Returns a new database migrated only to {@code version}. */
  SqliteDatabase open(int version) {
    try {
      Path folder = Files.createTempDirectory("llmgateway-sqlite");
      folders.add(folder);
      return track(SqliteDatabase.open(folder.resolve("store.db"), version));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes {@code db} with the others. */
  SqliteDatabase track(SqliteDatabase db) {
    open.add(db);
    return db;
  }

  @Override
  public void close() {
    open.forEach(SqliteDatabase::close);
    open.clear();
    for (Path folder : folders) {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    folders.clear();
  }
}
