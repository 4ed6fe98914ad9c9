/**
 * The control plane, {@code llmgateway.v1.AdminService}: API keys, providers and models at run time, usage
 * reports, the audit log and configuration reloads, one class per concern behind {@code AdminServiceImpl}. The auth
 * interceptor admits only keys with the admin scope. Every change is audited and announced to other replicas; no
 * response but a create or rotate answer carries a secret. Values are non-null unless {@code @Nullable}.
 */
package dev.llmgateway.server.admin;
