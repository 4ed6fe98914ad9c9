package dev.llmgateway.server.admin;

import static dev.llmgateway.server.admin.AdminTesting.ADMIN_KEY;
import static dev.llmgateway.server.admin.AdminTesting.CI_KEY;
import static dev.llmgateway.server.admin.AdminTesting.admin;
import static dev.llmgateway.server.admin.AdminTesting.chat;
import static dev.llmgateway.server.testing.ApiKeyHeaders.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.inject.util.Modules;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.LogCapture;
import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.AdminServiceGrpc.AdminServiceBlockingStub;
import dev.llmgateway.v1.AuditEvent;
import dev.llmgateway.v1.CreateApiKeyRequest;
import dev.llmgateway.v1.GetUsageReportRequest;
import dev.llmgateway.v1.GetUsageReportResponse;
import dev.llmgateway.v1.KeyScope;
import dev.llmgateway.v1.ListAuditEventsRequest;
import dev.llmgateway.v1.ListAuditEventsResponse;
import dev.llmgateway.v1.ProviderEntry;
import dev.llmgateway.v1.RevokeApiKeyRequest;
import dev.llmgateway.v1.RotateApiKeyRequest;
import dev.llmgateway.v1.UpsertProviderRequest;
import dev.llmgateway.v1.UsageGrouping;
import dev.llmgateway.v1.UsageRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit log and usage reports through a whole admin session, with every log record captured: no secret
 * (issued key, rotated key, provider credential) appears in any admin response, audit entry or log line.
 */
class AuditAndUsageTest {
  private static final String CREDENTIAL = "sk-provider-credential-abcdefghijklmnop";

  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  @RegisterExtension final LogCapture logs = new LogCapture();

  @Test
  void auditsEveryChangeReportsUsageAndNeverShowsASecret() {
    TestGateway gateway = cleanup.register(TestGateway.start(AdminTesting.CONFIG, AdminTesting.ENV, Modules.EMPTY_MODULE));
    AdminServiceBlockingStub admin = admin(gateway, ADMIN_KEY);
    Instant start = Instant.now();
    List<Object> responses = new ArrayList<>();
    var created = admin.createApiKey(CreateApiKeyRequest.newBuilder().setId("team-a").setDisplayName("A")
        .addScopes(KeyScope.KEY_SCOPE_COMPLETE).build());
    var rotated = admin.rotateApiKey(RotateApiKeyRequest.newBuilder().setId("team-a")
        .setOverlap(Duration.newBuilder().setSeconds(300)).build());
    responses.add(admin.upsertProvider(UpsertProviderRequest.newBuilder().setCredential(CREDENTIAL)
        .setProvider(ProviderEntry.newBuilder().setName("local").setType("demo").setEnabled(true)).build()));
    for (int i = 0; i < 3; i++) {
      bearer(gateway.blocking(), rotated.getSecret()).complete(chat("demo-chat", "one two three"));
    }
    bearer(gateway.blocking(), CI_KEY).complete(chat("demo-chat", "four"));
    responses.add(admin.revokeApiKey(RevokeApiKeyRequest.newBuilder().setId("team-a").build()));

    List<AuditEvent> events = new ArrayList<>();
    String token = "";
    for (int page = 0; page < 10; page++) {
      ListAuditEventsResponse response = admin.listAuditEvents(ListAuditEventsRequest.newBuilder().setPageSize(2)
          .setPageToken(token).setStartTime(ts(start.minusSeconds(1))).build());
      responses.add(response);
      events.addAll(response.getEventsList());
      token = response.getNextPageToken();
      if (token.isEmpty()) {
        break;
      }
    }
    assertThat(events).extracting(AuditEvent::getAction)
        .containsExactly("CreateApiKey", "RotateApiKey", "UpsertProvider", "RevokeApiKey");
    assertThat(events).allSatisfy(e -> assertThat(e.getActorKeyId()).isEqualTo("admin"));
    assertThat(events.get(0).getTarget()).isEqualTo("api_key/team-a");
    assertThat(events.get(0).getBefore()).isEmpty();
    assertThat(events.get(0).getAfter()).contains("display_name: \"A\"");
    assertThat(events.get(2).getAfter()).contains("credential_set: true");
    assertThat(events.get(3).getAfter()).isEmpty();
    assertThat(admin.listAuditEvents(ListAuditEventsRequest.newBuilder().setEndTime(ts(start.minusSeconds(1)))
        .build()).getEventsList()).isEmpty();

    GetUsageReportResponse byKey = admin.getUsageReport(GetUsageReportRequest.newBuilder()
        .setStartTime(ts(start.minusSeconds(60))).setEndTime(ts(Instant.now().plusSeconds(60)))
        .addGroupBy(UsageGrouping.USAGE_GROUPING_KEY).addGroupBy(UsageGrouping.USAGE_GROUPING_MODEL).build());
    responses.add(byKey);
    assertThat(byKey.getRowsList()).extracting(UsageRow::getKeyId, UsageRow::getModel, UsageRow::getProvider,
            UsageRow::getRequests)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ci", "demo-chat", "", 1L),
            org.assertj.core.groups.Tuple.tuple("team-a", "demo-chat", "", 3L));
    assertThat(byKey.getRows(1).getOutputTokens()).isPositive();
    GetUsageReportResponse total = admin.getUsageReport(GetUsageReportRequest.newBuilder()
        .setStartTime(ts(start.minusSeconds(60))).setEndTime(ts(Instant.now().plusSeconds(60))).setKeyId("team-a").build());
    assertThat(total.getRowsList()).extracting(UsageRow::getRequests).containsExactly(3L);
    Throwable backwards = catchThrowable(() -> admin.getUsageReport(GetUsageReportRequest.newBuilder()
        .setStartTime(ts(start)).setEndTime(ts(start.minusSeconds(1))).build()));
    assertThat(Statuses.violatedFields(backwards)).containsExactly("end_time");

    List<String> secrets = List.of(created.getSecret(), rotated.getSecret(), CREDENTIAL, ADMIN_KEY, CI_KEY);
    String everything = responses + "\n" + events + "\n" + logs.formatted();
    assertThat(logs.records()).as("the capture saw the admin changes").anyMatch(r -> r.getMessage().contains("admin change"));
    for (String secret : secrets) {
      assertThat(everything).doesNotContain(secret);
    }
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }
}
