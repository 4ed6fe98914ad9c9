/**
 * The control plane, {@code llmgateway.v1.AdminService}; the auth interceptor admits only keys with the
 * admin scope. Values are non-null unless {@code @Nullable}.
 */
package dev.llmgateway.server.admin;
