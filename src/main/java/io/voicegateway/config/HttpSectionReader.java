package io.voicegateway.config;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/** Reads the {@code http:} section: where the REST API, dashboard and bridges listen, and their token. */
final class HttpSectionReader {
  static final List<String> KEYS = List.of("host", "port", "api_token", "protect_health_and_metrics");
  private static final SecureRandom RANDOM = new SecureRandom();

  private HttpSectionReader() {}

  static HttpConfig read(ConfigMap http) {
    String host = http.value("host", "0.0.0.0", HostAddresses::host);
    int port = http.port("port", 8080);
    String token = http.text("api_token", "");
    boolean protectOps = http.bool("protect_health_and_metrics", false);
    if (!token.isEmpty()) {
      return new HttpConfig(host, port, token, false, protectOps);
    }
    return new HttpConfig(host, port, generateToken(), true, protectOps);
  }

  /** 24 random bytes → 32 URL-safe base64 characters (192 bits). */
  static String generateToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
