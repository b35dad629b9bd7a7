package io.voicegateway.webrtc.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class CertificateFingerprintTest {

  private static final DtlsCertificate CERT = DtlsCertificate.generate("gateway");

  @Test
  void ourFingerprintIsSha256InUpperCaseColonHexAsSdpWritesIt() throws Exception {
    String sdp = CERT.fingerprint().toSdp();

    assertTrue(sdp.matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}"), sdp);
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(CERT.der()), CERT.fingerprint().digest());
  }

  @Test
  void theCertificateIsSelfSignedEcdsaP256() throws Exception {
    var x509 = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(CERT.der()));

    x509.verify(x509.getPublicKey());
    assertEquals("SHA256withECDSA", x509.getSigAlgName());
    assertEquals(256,
        ((java.security.interfaces.ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize());
    x509.checkValidity();
  }

  @Test
  void aBrowsersValueParsesInEitherCaseAndMatchesItsCertificate() {
    String fromBrowser = CERT.fingerprint().toSdp().toLowerCase().replace("sha-256", "SHA-256");

    CertificateFingerprint parsed = CertificateFingerprint.parse("  " + fromBrowser + " ");

    assertEquals(CERT.fingerprint(), parsed);
    assertTrue(parsed.matches(CERT.der()));
    assertFalse(parsed.matches(DtlsCertificate.generate("other").der()));
  }

  @Test
  void sha384AndSha512AreUnderstood() throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-512").digest(CERT.der());
    CertificateFingerprint fp = new CertificateFingerprint("sha-512", d);

    assertTrue(CertificateFingerprint.parse(fp.toSdp()).matches(CERT.der()));
  }

  @Test
  void badValuesAreRefusedWithTheReason() {
    refused("'sha-1' is not supported", () -> CertificateFingerprint.parse("sha-1 AB:CD"));
    refused("needs 32 bytes, got 2", () -> CertificateFingerprint.parse("sha-256 AB:CD"));
    refused("malformed", () -> CertificateFingerprint.parse("sha-256 ZZ:CD"));
    refused("<hash-func>", () -> CertificateFingerprint.parse("AB:CD"));
  }

  private static void refused(String why, org.junit.jupiter.api.function.Executable parse) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, parse);
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }
}
