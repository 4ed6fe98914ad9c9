/**
 * Background services that live as long as the server: started after the gRPC server binds, closed
 * after it drains. Registered through a Guice set binding; no gRPC imports.
 */
package dev.llmgateway.server.lifecycle;
