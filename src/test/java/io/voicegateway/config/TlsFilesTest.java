package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS files are checked at load time when tls is listed. The fixtures are a self-signed P-256 pair made with
 * {@code openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes}.
 */
class TlsFilesTest {
  @TempDir Path dir;
  private Path cert;
  private Path key;

  @BeforeEach
  void copyFixtures() throws IOException {
    cert = copy("test-cert.pem");
    key = copy("test-key.pem");
  }

  @Test
  void validPairLoads() {
    MediaConfig m = load(cert.toString(), key.toString());
    assertEquals(List.of("udp", "tls"), m.sipTransports());
    assertEquals(cert.toString(), m.sipTlsCert());
    assertEquals(key.toString(), m.sipTlsKey());
  }

  @Test
  void missingKeyFileIsAnError() {
    assertKeyError(dir.resolve("nope.pem"), "does not exist");
  }

  @Test
  void unreadableKeyIsAnError() throws IOException {
    // a directory cannot be read as a file, even by root (for whom chmod 000 would not do)
    assertKeyError(Files.createDirectory(dir.resolve("key-dir.pem")), "cannot be read");
  }

  @Test
  void certificateGivenAsKeyIsNotAPemPrivateKey() {
    assertKeyError(cert, "not a PEM private key");
  }

  @Test
  void encryptedOrCorruptKeysAreErrors() throws IOException {
    assertKeyError(Files.writeString(dir.resolve("enc.pem"),
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n"), "encrypted");
    assertKeyError(Files.writeString(dir.resolve("bad.pem"),
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"), "not a DER key");
  }

  @Test
  void certificateMustBeACertificate() {
    ConfigException e = assertThrows(ConfigException.class, () -> load(key.toString(), key.toString()));
    assertEquals("media.sip_tls_cert", e.keyPath());
    assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
  }

  @Test
  void tlsWithoutKeyIsAnError() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("media: {sip_transport: tls, sip_tls_cert: '" + cert + "'}", Map.of()));
    assertEquals("media.sip_tls_key", e.keyPath());
    assertTrue(e.getMessage().contains("required"), e.getMessage());
  }

  @Test
  void filesAreNotCheckedWithoutTls() {
    MediaConfig m = ConfigLoader.parse("media: {sip_tls_key: /does/not/exist}", Map.of()).media();
    assertEquals("/does/not/exist", m.sipTlsKey());
  }

  private void assertKeyError(Path badKey, String says) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(cert.toString(), badKey.toString()));
    assertEquals("media.sip_tls_key", e.keyPath());
    assertTrue(e.getMessage().contains("'" + badKey + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(says), e.getMessage());
  }

  private MediaConfig load(String certPath, String keyPath) {
    return ConfigLoader.parse("media:\n  sip_transport: [udp, tls]\n  sip_tls_cert: '" + certPath
        + "'\n  sip_tls_key: '" + keyPath + "'\n", Map.of()).media();
  }

  private Path copy(String resource) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/config/" + resource)) {
      Path target = dir.resolve(resource);
      Files.copy(in, target);
      return target;
    }
  }
}
