package dev.llmgateway.server.accounting;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.GatewayConfig;
import dev.llmgateway.server.config.QuotaConfig;
import java.time.Clock;

/** Binds the quota configuration and the clock quotas and usage days are read from. */
public final class AccountingModule extends AbstractModule {

  @Provides
  @Singleton
  QuotaConfig quotaConfig(GatewayConfig config) {
    return config.quotas();
  }

  @Provides
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
