package io.voicegateway.webrtc.dtls;

import io.voicegateway.webrtc.srtp.SrtpProfile;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Hashtable;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** A BC DTLS client standing in for the browser: optional certificate, optional use_srtp offer. */
final class TestDtlsClient extends DefaultTlsClient {

  private final DtlsCertificate ownCertificate;
  private final int[] offeredProfiles;
  private final CertificateFingerprint expectedServer;
  private SrtpProfile selected;
  private SrtpKeys keys;

  /** ownCertificate null: sends no certificate; offeredProfiles null: no use_srtp extension. */
  TestDtlsClient(DtlsCertificate ownCertificate, int[] offeredProfiles, CertificateFingerprint expectedServer) {
    super(new BcTlsCrypto(new SecureRandom()));
    this.ownCertificate = ownCertificate;
    this.offeredProfiles = offeredProfiles;
    this.expectedServer = expectedServer;
  }

  /** Like a browser: offers 1.2 and older, leaving the server to pick. */
  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return ProtocolVersion.DTLSv12.downTo(ProtocolVersion.DTLSv10);
  }

  @Override
  public int getHandshakeTimeoutMillis() {
    return 20_000;
  }

  @Override
  public Hashtable getClientExtensions() throws IOException {
    Hashtable extensions = super.getClientExtensions();
    if (offeredProfiles != null) {
      TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(offeredProfiles, new byte[0]));
    }
    return extensions;
  }

  @Override
  public void processServerExtensions(Hashtable serverExtensions) throws IOException {
    super.processServerExtensions(serverExtensions);
    UseSRTPData answer = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
    selected = answer == null ? null : SrtpProfile.ofDtlsId(answer.getProtectionProfiles()[0]);
  }

  @Override
  public TlsAuthentication getAuthentication() {
    return new TlsAuthentication() {
      @Override
      public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
        if (!expectedServer.matches(serverCertificate.getCertificate().getCertificateAt(0).getEncoded())) {
          throw new TlsFatalAlert(AlertDescription.bad_certificate, "server fingerprint mismatch");
        }
      }

      @Override
      public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
        return ownCertificate == null ? null
            : ownCertificate.signer(context, (BcTlsCrypto) getCrypto(), request.getSupportedSignatureAlgorithms());
      }
    };
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    int length = 2 * (selected.keyLength() + selected.saltLength());
    keys = SrtpKeys.fromExporter(selected, context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, length), false);
  }

  /** The keys from this (client) side, once connect has returned. */
  SrtpKeys keys() {
    return keys;
  }

  ProtocolVersion negotiatedVersion() {
    return context.getServerVersion();
  }
}
