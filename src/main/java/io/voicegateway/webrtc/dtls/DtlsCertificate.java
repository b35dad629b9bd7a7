package io.voicegateway.webrtc.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Vector;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A self-signed ECDSA P-256 certificate for DTLS-SRTP, made once per process (RFC 8827 §6.5: WebRTC
 * endpoints use self-signed certificates and authenticate them by the SDP fingerprint, so no CA and no
 * file is involved). P-256 is what browsers generate and accept everywhere; making a key takes a few ms.
 */
public final class DtlsCertificate {

  private static final Duration VALIDITY = Duration.ofDays(365);

  private final byte[] der;
  private final AsymmetricKeyParameter privateKey;
  private final CertificateFingerprint fingerprint;

  private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey) {
    this.der = der;
    this.privateKey = privateKey;
    this.fingerprint = CertificateFingerprint.sha256Of(der);
  }

  /** Makes a fresh key pair and certificate ("CN=" + commonName), valid from a day ago for a year. */
  public static DtlsCertificate generate(String commonName) {
    try {
      SecureRandom random = new SecureRandom();
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair keys = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=" + commonName);
      byte[] der = new JcaX509v3CertificateBuilder(name, new BigInteger(63, random).add(BigInteger.ONE),
              Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name, keys.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
          .getEncoded();
      return new DtlsCertificate(der, PrivateKeyFactory.createKey(keys.getPrivate().getEncoded()));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("could not make the DTLS certificate", e);
    }
  }

  /** Our {@code a=fingerprint} value. */
  public CertificateFingerprint fingerprint() {
    return fingerprint;
  }

  public byte[] der() {
    return der.clone();
  }

  /**
   * The signer BC's handshake uses to prove we hold the key. TLS 1.2 lets the peer say which hashes it
   * takes (signature_algorithms); P-256 pairs with SHA-256, which every browser offers; with no list at
   * all RFC 5246 §7.4.1.4.1 says SHA-1 is what the peer expects.
   */
  TlsCredentialedSigner signer(TlsContext context, BcTlsCrypto crypto, Vector<?> peerSigAlgs) throws IOException {
    TlsCertificate tlsCertificate = crypto.createCertificate(der);
    return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, privateKey,
        new Certificate(new TlsCertificate[] {tlsCertificate}), chooseSigAlg(peerSigAlgs));
  }

  private static SignatureAndHashAlgorithm chooseSigAlg(Vector<?> peerSigAlgs) {
    SignatureAndHashAlgorithm sha256 = SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);
    if (peerSigAlgs == null) {
      return SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha1, SignatureAlgorithm.ecdsa);
    }
    if (peerSigAlgs.contains(sha256)) {
      return sha256;
    }
    for (Object o : peerSigAlgs) {
      SignatureAndHashAlgorithm alg = (SignatureAndHashAlgorithm) o;
      if (alg.getSignature() == SignatureAlgorithm.ecdsa) {
        return alg;
      }
    }
    return sha256;
  }
}
