package dev.llmgateway.server.admin;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.grpc.BindableService;

/** Hands the control-plane service to the server's service list without exposing its implementation. */
@Singleton
public final class AdminServices {
  private final AdminServiceImpl admin;

  @Inject
  AdminServices(AdminServiceImpl admin) {
    this.admin = admin;
  }

  /** Returns the AdminService implementation. */
  public BindableService service() {
    return admin;
  }
}
