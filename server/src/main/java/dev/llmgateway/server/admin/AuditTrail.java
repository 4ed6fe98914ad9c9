package dev.llmgateway.server.admin;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TextFormat;
import com.google.protobuf.Timestamp;
import dev.llmgateway.server.store.AuditCursor;
import dev.llmgateway.server.store.AuditEvent;
import dev.llmgateway.server.store.AuditStore;
import dev.llmgateway.v1.ListAuditEventsRequest;
import dev.llmgateway.v1.ListAuditEventsResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Writes every admin change to the audit log, with who, what and when, and before/after summaries in protobuf
 * text form of the admin messages, which carry no secret; and lists the log for ListAuditEvents.
 */
@Singleton
final class AuditTrail {
  private static final Logger logger = Logger.getLogger("llmgateway.audit");
  private static final String TOKEN_KIND = "audit";
  private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

  private final AuditStore store;
  private final Clock clock;

  @Inject
  AuditTrail(AuditStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Appends a change made by the current call's key; summaries are null when the target did not or no longer exists. */
  void record(String action, String target, @Nullable MessageOrBuilder before, @Nullable MessageOrBuilder after) {
    AuditEvent event = store.append(new AuditEvent(0, clock.instant(), AdminCalls.actor(), action, target,
        summary(before), summary(after)));
    logger.info(() -> "admin change " + event.id() + ": " + event.actor() + " " + action + " " + target);
  }

  /** Returns one page of the log. */
  ListAuditEventsResponse list(ListAuditEventsRequest request) {
    Instant from = request.hasStartTime() ? Timestamps.instant(request.getStartTime(), "start_time") : Instant.EPOCH;
    Instant to = request.hasEndTime() ? Timestamps.instant(request.getEndTime(), "end_time") : END_OF_TIME;
    int size = PageTokens.size(request.getPageSize());
    AuditCursor cursor = cursor(PageTokens.decode(TOKEN_KIND, request.getPageToken()));
    List<AuditEvent> events = store.list(from, to, cursor, size + 1);
    ListAuditEventsResponse.Builder response = ListAuditEventsResponse.newBuilder();
    for (AuditEvent e : events.subList(0, Math.min(size, events.size()))) {
      response.addEvents(dev.llmgateway.v1.AuditEvent.newBuilder()
          .setId(e.id())
          .setTime(Timestamps.of(e.time()))
          .setActorKeyId(e.actor())
          .setAction(e.action())
          .setTarget(e.target())
          .setBefore(e.before())
          .setAfter(e.after()));
    }
    if (events.size() > size) {
      AuditEvent last = events.get(size - 1);
      response.setNextPageToken(PageTokens.encode(TOKEN_KIND, last.time().toEpochMilli() + ":" + last.id()));
    }
    return response.build();
  }

  private static AuditCursor cursor(String position) {
    if (position.isEmpty()) {
      return AuditCursor.START;
    }
    int colon = position.indexOf(':');
    try {
      return new AuditCursor(Long.parseLong(position.substring(0, colon)), Long.parseLong(position.substring(colon + 1)));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw AdminCalls.invalid("page_token", "not a page token of this list");
    }
  }

  private static String summary(@Nullable MessageOrBuilder message) {
    return message == null ? "" : TextFormat.shortDebugString(message);
  }

  /** Conversions between protobuf timestamps and instants. */
  static final class Timestamps {
    private Timestamps() {}

    /** Returns the instant of a timestamp, or INVALID_REQUEST naming {@code field} when it is out of range. */
    static Instant instant(Timestamp t, String field) {
      if (t.getNanos() < 0 || t.getNanos() > 999_999_999 || t.getSeconds() < -62_135_596_800L
          || t.getSeconds() > 253_402_300_799L) {
        throw AdminCalls.invalid(field, "not a valid timestamp");
      }
      return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    /** Returns the timestamp of an instant. */
    static Timestamp of(Instant i) {
      return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }
  }
}
