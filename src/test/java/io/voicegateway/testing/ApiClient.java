package io.voicegateway.testing;

import io.vertx.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A few lines of java.net.http for the REST API tests: requests with or without the token, bodies as text. */
public final class ApiClient {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  /** @param token sent as a bearer token, or null to send none */
  public ApiClient(int port, String token) {
    this.base = "http://127.0.0.1:" + port;
    this.token = token;
  }

  public ApiClient withToken(String other) {
    return new ApiClient(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), other);
  }

  /** One answer: status, body, and the raw response for headers. */
  public record Answer(int status, String body, HttpResponse<String> raw) {
    /** The body parsed as JSON (object, array, or null for an empty body). */
    public Object json() {
      return body.isEmpty() ? null : Json.decodeValue(body);
    }

    public io.vertx.core.json.JsonObject object() {
      return (io.vertx.core.json.JsonObject) json();
    }

    public io.vertx.core.json.JsonArray array() {
      return (io.vertx.core.json.JsonArray) json();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public Answer get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  public Answer delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE());
  }

  public Answer post(String path, String body) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A request with extra headers (e.g. a cookie) instead of the token. */
  public Answer get(String path, String header, String value) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header(header, value).GET());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  private Answer send(HttpRequest.Builder b) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body(), r);
  }
}
