package io.voicegateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.voicegateway.config.ConfigException;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.testing.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http.tls_cert}/{@code tls_key}: the server speaks HTTPS with that certificate (what a browser needs before
 * it lends the dashboard phone a microphone off 127.0.0.1), and half a pair fails the load with the key named.
 */
class HttpsTest {
  private final Vertx vertx = Vertx.vertx();
  @TempDir Path dir;

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  private Path copy(String resource) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/config/" + resource)) {
      Path target = dir.resolve(resource);
      Files.copy(in, target);
      return target;
    }
  }

  @Test
  void servesHttpsWithTheConfiguredCertificate() throws Exception {
    Path cert = copy("test-cert.pem");
    Path key = copy("test-key.pem");
    GatewayConfig config = ConfigLoader.parse("http: {host: 127.0.0.1, port: " + FreePorts.udpAndTcp()
        + ", api_token: tok, tls_cert: '" + cert + "', tls_key: '" + key + "'}", Map.of());
    assertTrue(config.http().tls());
    HttpVerticle http = new HttpVerticle(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        () -> new JsonObject().put("status", "up"));
    vertx.deployVerticle(http).await(20, TimeUnit.SECONDS);

    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      trusted.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    HttpsURLConnection c = (HttpsURLConnection) URI.create("https://127.0.0.1:" + http.actualPort() + "/health")
        .toURL().openConnection();
    c.setSSLSocketFactory(tls.getSocketFactory());
    c.setHostnameVerifier((host, session) -> true); // the test certificate names no address
    assertEquals(200, c.getResponseCode());
    try (InputStream body = c.getInputStream()) {
      assertTrue(new String(body.readAllBytes(), StandardCharsets.UTF_8).contains("\"up\""));
    }
  }

  @Test
  void aCertificateWithoutItsKeyIsAnError() throws Exception {
    Path cert = copy("test-cert.pem");
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("http: {tls_cert: '" + cert + "'}", Map.of()));
    assertEquals("http.tls_key", e.keyPath());
    assertTrue(e.getMessage().contains("required"), e.getMessage());
  }

  @Test
  void aMissingCertificateFileIsAnError() throws Exception {
    Path key = copy("test-key.pem");
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("http: {tls_cert: nope.pem, tls_key: '" + key + "'}", Map.of()));
    assertEquals("http.tls_cert", e.keyPath());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }
}
