package dev.llmgateway.bench.scenario;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Reads the load driver's own garbage-collection count and time, so a report can tell a driver pause
 * (which delays both paths alike and lands in their tail percentiles) from a gateway one.
 *
 * @param collections collections so far
 * @param millis time spent in them so far
 */
record DriverGc(long collections, long millis) {
  static DriverGc now() {
    long count = 0;
    long time = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      time += Math.max(0, gc.getCollectionTime());
    }
    return new DriverGc(count, time);
  }

  DriverGc since(DriverGc before) {
    return new DriverGc(collections - before.collections, millis - before.millis);
  }
}
