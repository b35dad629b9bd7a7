package io.voicegateway.config;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/** Reads the {@code http:} section: where the REST API, dashboard and bridges listen, and their token. */
final class HttpSectionReader {
  static final List<String> KEYS = List.of("host", "port", "api_token", "protect_health_and_metrics", "tls_cert",
      "tls_key");
  private static final SecureRandom RANDOM = new SecureRandom();

  private HttpSectionReader() {}

  static HttpConfig read(ConfigMap http) {
    String host = http.value("host", "0.0.0.0", HostAddresses::host);
    int port = http.port("port", 8080);
    String token = http.text("api_token", "");
    boolean protectOps = http.bool("protect_health_and_metrics", false);
    String tlsCert = http.text("tls_cert", null);
    String tlsKey = http.text("tls_key", null);
    if (tlsCert != null || tlsKey != null) {
      TlsFiles.checkCertificate(requiredWithTls(http.get("tls_cert"), "a PEM certificate chain"));
      TlsFiles.checkPrivateKey(requiredWithTls(http.get("tls_key"), "a PEM private key"));
    }
    boolean generated = token.isEmpty();
    return new HttpConfig(host, port, generated ? generateToken() : token, generated, protectOps, tlsCert, tlsKey);
  }

  /** HTTPS needs both files: one alone is a half-done edit, not a choice. */
  private static ConfigValue requiredWithTls(ConfigValue value, String what) {
    if (value.isUnset()) {
      throw value.error("required for HTTPS (http.tls_cert and http.tls_key go together): the path of " + what);
    }
    return value;
  }

  /** 24 random bytes → 32 URL-safe base64 characters (192 bits). */
  static String generateToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
