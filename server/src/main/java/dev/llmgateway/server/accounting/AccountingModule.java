package dev.llmgateway.server.accounting;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.GatewayConfig;
import dev.llmgateway.server.config.QuotaConfig;

/** Binds the quota configuration (the clock comes from the auth module, shared by every windowed part). */
public final class AccountingModule extends AbstractModule {

  @Provides
  @Singleton
  QuotaConfig quotaConfig(GatewayConfig config) {
    return config.quotas();
  }
}
