package io.voicegateway.webrtc.dtls;

import io.voicegateway.webrtc.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The TLS-level policy of our DTLS-SRTP server, as Bouncy Castle callbacks: DTLS 1.2 only, ECDHE-ECDSA
 * suites, a client certificate required and pinned to the SDP fingerprint, use_srtp required. Each
 * refusal leaves a sentence in {@link #refusal()} so the handshake's failure says what was wrong.
 */
final class SrtpDtlsServer extends DefaultTlsServer {

  /** Forward-secret AEAD first; the CBC suite is there for older stacks (it is what RFC 8827 requires). */
  private static final int[] SUITES = {
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
  };

  private final DtlsCertificate certificate;
  private final CertificateFingerprint expectedPeer;
  private final List<SrtpProfile> profiles;
  private final int handshakeTimeoutMillis;
  private volatile SrtpProfile selected;
  private volatile String refusal;
  private volatile SrtpKeys keys;
  private final Runnable onClosed;

  SrtpDtlsServer(BcTlsCrypto crypto, DtlsCertificate certificate, CertificateFingerprint expectedPeer,
      List<SrtpProfile> profiles, int handshakeTimeoutMillis, Runnable onClosed) {
    super(crypto);
    this.onClosed = onClosed;
    this.certificate = certificate;
    this.expectedPeer = expectedPeer;
    this.profiles = List.copyOf(profiles);
    this.handshakeTimeoutMillis = handshakeTimeoutMillis;
  }

  /**
   * Chromium offers DTLS 1.3 and 1.2; SRTP keying via the 1.2 exporter is what every browser supports,
   * and BC's DTLS 1.3 server is not there, so we negotiate 1.2 only.
   */
  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return ProtocolVersion.DTLSv12.only();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return TlsUtils.getSupportedCipherSuites(getCrypto(), SUITES);
  }

  @Override
  public int getHandshakeTimeoutMillis() {
    return handshakeTimeoutMillis;
  }

  @Override
  protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
    return certificate.signer(context, (BcTlsCrypto) getCrypto(),
        context.getSecurityParametersHandshake().getClientSigAlgs());
  }

  @Override
  public void processClientExtensions(Hashtable clientExtensions) throws IOException {
    super.processClientExtensions(clientExtensions);
    UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
    if (offered == null) {
      throw refuse(AlertDescription.handshake_failure, "the client offered no use_srtp extension (RFC 5764)");
    }
    selected = choose(offered.getProtectionProfiles());
    if (selected == null) {
      throw refuse(AlertDescription.handshake_failure, "the client's SRTP profiles "
          + describe(offered.getProtectionProfiles()) + " include none of ours " + profiles);
    }
  }

  /** Our preference order decides, not the client's: the operator configures what the SRTP side runs. */
  private SrtpProfile choose(int[] offered) {
    for (SrtpProfile ours : profiles) {
      for (int id : offered) {
        if (id == ours.dtlsId()) {
          return ours;
        }
      }
    }
    return null;
  }

  @Override
  public Hashtable getServerExtensions() throws IOException {
    Hashtable extensions = super.getServerExtensions();
    // We use no MKI (RFC 5764 §4.1.1): the answer carries an empty one whatever the client sent.
    TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {selected.dtlsId()}, TlsUtils.EMPTY_BYTES));
    return extensions;
  }

  /** The browser's certificate is the only thing that authenticates it, so it is mandatory. */
  @Override
  public CertificateRequest getCertificateRequest() {
    return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
        TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
  }

  @Override
  public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
    if (clientCertificate == null || clientCertificate.isEmpty()) {
      throw refuse(AlertDescription.handshake_failure,
          "the client sent no certificate; DTLS-SRTP needs one to check against the SDP fingerprint");
    }
    byte[] der = clientCertificate.getCertificateAt(0).getEncoded();
    if (!expectedPeer.matches(der)) {
      throw refuse(AlertDescription.bad_certificate, "the client's certificate has fingerprint "
          + CertificateFingerprint.sha256Of(der).toSdp() + " but the SDP said " + expectedPeer.toSdp());
    }
  }

  /** RFC 5764 §4.2 keying material; BC allows the export only from inside this callback. */
  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    int length = 2 * (selected.keyLength() + selected.saltLength());
    byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, length);
    keys = SrtpKeys.fromExporter(selected, material, true);
  }

  /** BC calls this when the association ends: the peer's close_notify or a fatal alert. */
  @Override
  public void notifyConnectionClosed() {
    super.notifyConnectionClosed();
    onClosed.run();
  }

  /** The keys, once the handshake is complete. */
  SrtpKeys keys() {
    return keys;
  }

  String refusal() {
    return refusal;
  }

  private TlsFatalAlert refuse(short alert, String why) {
    refusal = why;
    return new TlsFatalAlert(alert, why);
  }

  private static String describe(int[] ids) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < ids.length; i++) {
      sb.append(i == 0 ? "" : ", ");
      SrtpProfile known = SrtpProfile.ofDtlsId(ids[i]);
      sb.append(known != null ? known.name() : String.format("0x%04x", ids[i]));
    }
    return sb.append(']').toString();
  }
}
