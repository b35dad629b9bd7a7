package io.voicegateway.webrtc.dtls;

import java.io.IOException;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.SRTPProtectionProfile;

/**
 * The browser's side of DTLS-SRTP for tests outside this package (the transport tests drive a real UDP port): a
 * Bouncy Castle client offering both SRTP profiles, as Chromium does, with its own certificate.
 */
public final class BrowserDtls {
  private static final int[] PROFILES = {
      SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM, SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80};

  private BrowserDtls() {}

  /**
   * Runs the client handshake over {@code transport} (blocking) and returns the keys from the client's side: "local"
   * is what the browser protects with. Throws when the server refuses us or its certificate is not
   * {@code expectedServer}.
   */
  public static SrtpKeys connect(DtlsCertificate own, CertificateFingerprint expectedServer, DatagramTransport transport)
      throws IOException {
    TestDtlsClient client = new TestDtlsClient(own, PROFILES, expectedServer);
    new DTLSClientProtocol().connect(client, transport);
    return client.keys();
  }
}
