package io.voicegateway.sip.stack;

import gov.nist.core.net.SecurityManagerProvider;
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
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Properties;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Gives JAIN-SIP's TLS transport its key material straight from the PEM files of the configuration
 * ({@code media.sip_tls_cert}, {@code media.sip_tls_key}, PKCS#8 key), loaded into an in-memory PKCS12
 * key store: no key store file on disk and no JVM-wide {@code javax.net.ssl.*} properties. Peers are
 * verified against the JVM's default trust store.
 */
public final class PemSecurityManagerProvider implements SecurityManagerProvider {
  /** Stack property naming the PEM certificate chain file. */
  public static final String CERT_PROPERTY = "io.voicegateway.sip.tls.cert";
  /** Stack property naming the PEM PKCS#8 private key file. */
  public static final String KEY_PROPERTY = "io.voicegateway.sip.tls.key";

  private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();
  private KeyManager[] keyManagers;
  private TrustManager[] trustManagers;

  @Override
  public void init(Properties properties) throws GeneralSecurityException, IOException {
    String certFile = properties.getProperty(CERT_PROPERTY);
    String keyFile = properties.getProperty(KEY_PROPERTY);
    if (certFile != null && keyFile != null) {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      Certificate[] chain = readCertificates(Path.of(certFile));
      keyStore.setKeyEntry("sip", readPrivateKey(Path.of(keyFile)), IN_MEMORY_PASSWORD, chain);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore, IN_MEMORY_PASSWORD);
      keyManagers = kmf.getKeyManagers();
    } else {
      keyManagers = new KeyManager[0];
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    trustManagers = tmf.getTrustManagers();
  }

  @Override
  public KeyManager[] getKeyManagers(boolean client) {
    return keyManagers;
  }

  @Override
  public TrustManager[] getTrustManagers(boolean client) {
    return trustManagers;
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
