package io.voicegateway.sip.stack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Turns the PEM files of the configuration ({@code media.sip_tls_cert}, {@code media.sip_tls_key}, PKCS#8
 * key) into the PKCS12 key store JAIN-SIP's TLS transport reads. This JAIN-SIP version loads its TLS keys
 * only from a key store file named in the stack properties, so the store is written to a temporary file
 * (owner-only, deleted on exit) with a random password; nothing JVM-wide ({@code javax.net.ssl.*} system
 * properties) is touched.
 */
public final class PemKeyStore {
  private PemKeyStore() {}

  /** A written key store and its password. */
  public record Written(Path file, String password) {}

  /** Writes cert chain + key as a PKCS12 file. */
  public static Written write(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
    String password = java.util.UUID.randomUUID().toString();
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    keyStore.setKeyEntry("sip", readPrivateKey(keyFile), password.toCharArray(), readCertificates(certFile));
    return store(keyStore, password);
  }

  /**
   * Writes the trust store for the TLS connections the gateway opens (to trunks): the JDK's default CAs,
   * so a carrier with a public certificate is trusted as a browser would; the CAs in {@code caFile}
   * ({@code media.sip_tls_ca}, may be null) for a private PKI; and our own chain, so a gateway can reach
   * another one that shares its self-signed certificate.
   */
  public static Written writeTrust(Path ownCertFile, Path caFile) throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int n = 0;
    TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    jdk.init((KeyStore) null);
    for (TrustManager manager : jdk.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        for (X509Certificate ca : x509.getAcceptedIssuers()) {
          trust.setCertificateEntry("jdk-" + n++, ca);
        }
      }
    }
    for (Path file : caFile == null ? List.of(ownCertFile) : List.of(ownCertFile, caFile)) {
      for (Certificate cert : readCertificates(file)) {
        trust.setCertificateEntry("conf-" + n++, cert);
      }
    }
    return store(trust, java.util.UUID.randomUUID().toString());
  }

  private static Written store(KeyStore keyStore, String password) throws IOException, GeneralSecurityException {
    Path file = Files.createTempFile("vg-sip-tls", ".p12",
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    file.toFile().deleteOnExit();
    try (var out = Files.newOutputStream(file)) {
      keyStore.store(out, password.toCharArray());
    }
    return new Written(file, password);
  }

  static Certificate[] readCertificates(Path file) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)));
    if (certs.isEmpty()) {
      throw new GeneralSecurityException("no certificate in " + file);
    }
    return certs.toArray(new Certificate[0]);
  }

  /** Reads an unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}) key; the algorithm is found by trying RSA, EC, Ed25519. */
  static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < 0) {
      throw new GeneralSecurityException(file + " is not a PKCS#8 PEM key (BEGIN PRIVATE KEY); convert with "
          + "'openssl pkcs8 -topk8 -nocrypt'");
    }
    String body = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
    GeneralSecurityException last = null;
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException("unsupported key algorithm in " + file, last);
  }
}
