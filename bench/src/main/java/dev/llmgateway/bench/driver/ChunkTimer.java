package dev.llmgateway.bench.driver;

import java.util.Arrays;

/**
 * Notes when each text chunk of one streamed call arrived. One instance per calling thread, reused from
 * call to call; the times are recorded only once the whole call has passed its checks.
 */
public final class ChunkTimer {
  private static final int MAX_CHUNKS = 1_000_000;

  private long[] times = new long[256];
  private int count;

  /** Notes that a text chunk arrived now. Chunks past a million are not timed. */
  public void textChunk() {
    if (count == times.length) {
      if (count == MAX_CHUNKS) {
        return;
      }
      times = Arrays.copyOf(times, Math.min(MAX_CHUNKS, count * 2));
    }
    times[count++] = System.nanoTime();
  }

  /** Returns the number of text chunks noted since the last {@link #reset()}. */
  public int count() {
    return count;
  }

  long time(int index) {
    return times[index];
  }

  void reset() {
    count = 0;
  }
}
