package io.voicegateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks at start-up that the SIP TLS certificate and key files can be read and are what they claim, so a
 * wrong path fails the launch with the key named instead of the first TLS handshake.
 */
final class TlsFiles {
  /** PKCS#8 ("PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY") or SEC1 ("EC PRIVATE KEY"), as OpenSSL writes them. */
  private static final Pattern PEM_KEY = Pattern.compile(
      "-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

  private TlsFiles() {}

  /** The certificate chain must parse as X.509 (PEM or DER). */
  static void checkCertificate(ConfigValue value) {
    byte[] bytes = read(value);
    try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        throw value.error(value.shown() + " holds no certificate; expected a PEM certificate chain");
      }
    } catch (CertificateException | IOException e) {
      throw value.error(value.shown() + " is not a PEM certificate: " + e.getMessage());
    }
  }

  /**
   * The key must be an unencrypted PEM private key whose body is base64 DER (a SEQUENCE). Parsing the key
   * itself is left to the TLS stack: the JDK alone cannot read PKCS#1 or SEC1 keys.
   */
  static void checkPrivateKey(ConfigValue value) {
    String text = new String(read(value), StandardCharsets.US_ASCII);
    Matcher m = PEM_KEY.matcher(text);
    if (!m.find()) {
      throw value.error(value.shown() + " is not a PEM private key; expected a file with"
          + " -----BEGIN PRIVATE KEY----- (or RSA / EC PRIVATE KEY)");
    }
    if (m.group(1).startsWith("ENCRYPTED")) {
      throw value.error(value.shown() + " is an encrypted private key; the gateway needs it unencrypted"
          + " (openssl pkcs8 -nocrypt)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      der = new byte[0];
    }
    if (der.length < 2 || der[0] != 0x30) {
      throw value.error(value.shown() + " has a PEM private key header but its body is not a DER key");
    }
  }

  private static byte[] read(ConfigValue value) {
    Path file = Path.of(value.asText());
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw value.error(value.shown() + " does not exist (resolved to " + file.toAbsolutePath() + ")");
    } catch (IOException e) {
      throw value.error(value.shown() + " cannot be read: " + e);
    }
  }
}
