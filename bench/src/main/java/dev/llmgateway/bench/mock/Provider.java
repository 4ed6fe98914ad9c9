package dev.llmgateway.bench.mock;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/** Names the wire format of a response and holds its headers, built once and only ever read. */
enum Provider {
  OPENAI(headers("application/json", "x-request-id", "openai-version", "2020-10-01"),
      headers("text/event-stream; charset=utf-8", "x-request-id", "openai-version", "2020-10-01")),
  ANTHROPIC(headers("application/json", "request-id", "anthropic-organization-id", "mock-organization"),
      headers("text/event-stream; charset=utf-8", "request-id", "cache-control", "no-cache"));

  private final HttpHeaders json;
  private final HttpHeaders stream;

  Provider(HttpHeaders json, HttpHeaders stream) {
    this.json = json;
    this.stream = stream;
  }

  HttpHeaders jsonHeaders() {
    return json;
  }

  HttpHeaders streamHeaders() {
    return stream;
  }

  private static HttpHeaders headers(String contentType, String requestIdHeader, String extraName, String extraValue) {
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    headers.set(requestIdHeader, "req_mock0001");
    headers.set(extraName, extraValue);
    return headers;
  }
}
