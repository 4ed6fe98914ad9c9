package dev.llmgateway.server.store.redis;

import java.time.LocalDate;

/**
 * Builds every Redis key the stores use; the formats below are the layout. Ids inside a hash tag
 * ({@code {...}}) are escaped so that no id can end the tag early or collide with another.
 */
public final class RedisKeys {
  /** Starts every key; a new layout gets a new version rather than reading the old keys. */
  public static final String PREFIX = "gw:v1:";
  /** A window counter, a string: {@code gw:v1:quota:{<tenant>}:<limit>:<windowStartEpochSec>}. */
  public static final String QUOTA = PREFIX + "quota:";
  /**
   * A concurrency limit's leases, a sorted set of lease ids scored by their expiry in epoch ms:
   * {@code gw:v1:lease:{<tenant>}:<limit>}.
   */
  public static final String LEASES = PREFIX + "lease:";
  /** An open reservation, a string deleted when settled: {@code gw:v1:resv:{<tenant>}:<leaseId>}. */
  public static final String RESERVATION = PREFIX + "resv:";
  /**
   * One tenant's usage on one UTC day, a hash of {@code <model>|<provider>|<measure>} to a count:
   * {@code gw:v1:usage:{<tenant>}:<yyyy-mm-dd>}.
   */
  public static final String USAGE = PREFIX + "usage:";
  /**
   * Ends the key of the days a tenant has usage, a sorted set of ISO dates scored by epoch day:
   * {@code gw:v1:usage:{<tenant>}:days}.
   */
  public static final String USAGE_DAYS_SUFFIX = ":days";
  /** The tenants with usage, a sorted set scored by their latest epoch day: {@code gw:v1:usage:tenants}. */
  public static final String USAGE_TENANTS = PREFIX + "usage:tenants";
  /** One API key record, a hash: {@code gw:v1:apikey:{<id>}}. */
  public static final String API_KEY = PREFIX + "apikey:";
  /**
   * The key-hash index, a hash of lower-case hex key hash (current, and previous during a rotation overlap) to
   * key id: {@code gw:v1:apikey:byhash}.
   */
  public static final String API_KEY_BY_HASH = PREFIX + "apikey:byhash";
  /** Every key id, a set (layout version 2): {@code gw:v1:apikey:ids}. */
  public static final String API_KEY_IDS = PREFIX + "apikey:ids";
  /**
   * The layout version, a string holding an integer: {@code gw:v1:schema}. Missing in a layout-1 database,
   * which had no version key; {@link RedisSchema} migrates forward.
   */
  public static final String SCHEMA = PREFIX + "schema";
  /** The audit log's last id, a counter: {@code gw:v1:{audit}:seq}. */
  public static final String AUDIT_SEQ = PREFIX + "{audit}:seq";
  /** The audit log's order, a sorted set of 20-digit ids scored by epoch ms: {@code gw:v1:{audit}:index}. */
  public static final String AUDIT_INDEX = PREFIX + "{audit}:index";
  /** One audit event, a hash: {@code gw:v1:{audit}:event:<id>}. */
  public static final String AUDIT_EVENT = PREFIX + "{audit}:event:";
  /**
   * The run-time catalogue entries of one kind, three hashes keyed by name ({@code spec} in base64,
   * {@code credential}, {@code updated}): {@code gw:v1:{catalog}:<KIND>:<part>}.
   */
  public static final String CATALOG = PREFIX + "{catalog}:";
  /** The pub/sub channel of changes between replicas: {@code gw:v1:changes}. */
  public static final String CHANGES = PREFIX + "changes";

  private RedisKeys() {}

  /** Returns the counter key of one window. */
  public static String quota(String tenant, String limit, long windowStartEpochSecond) {
    return QUOTA + tag(tenant) + ":" + limit + ":" + windowStartEpochSecond;
  }

  /** Returns the lease set of one concurrency limit. */
  public static String leases(String tenant, String limit) {
    return LEASES + tag(tenant) + ":" + limit;
  }

  /** Returns the marker of one open reservation. */
  public static String reservation(String tenant, String leaseId) {
    return RESERVATION + tag(tenant) + ":" + leaseId;
  }

  /** Returns the usage hash of one tenant and day. */
  public static String usage(String tenant, LocalDate day) {
    return USAGE + tag(tenant) + ":" + day;
  }

  /** Returns the day index of one tenant's usage. */
  public static String usageDays(String tenant) {
    return USAGE + tag(tenant) + USAGE_DAYS_SUFFIX;
  }

  /** Returns the hash of one API key record. */
  public static String apiKey(String id) {
    return API_KEY + tag(id);
  }

  /** Returns the hash of one audit event. */
  public static String auditEvent(long id) {
    return AUDIT_EVENT + id;
  }

  /** Returns one part ({@code spec}, {@code credential} or {@code updated}) of a kind's run-time catalogue. */
  public static String catalog(String kind, String part) {
    return CATALOG + kind + ":" + part;
  }

  /**
   * Returns {@code {id}} with the id percent-escaped: {@code %}, braces, colons and control characters become
   * {@code %XX}, so the tag always closes where the id ends and distinct ids never share a key.
   */
  static String tag(String id) {
    StringBuilder b = new StringBuilder(id.length() + 2).append('{');
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '%' || c == '{' || c == '}' || c == ':' || c < 0x20 || c == 0x7f) {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      } else {
        b.append(c);
      }
    }
    return b.append('}').toString();
  }
}
