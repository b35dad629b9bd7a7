package io.voicegateway.webrtc.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A certificate fingerprint as SDP carries it (RFC 8122 §5: {@code a=fingerprint:sha-256 AB:CD:…}).
 * DTLS-SRTP authenticates the browser only through this value: the certificate itself is self-signed,
 * so the handshake is safe exactly when the peer's certificate hashes to what the signalled offer said.
 */
public record CertificateFingerprint(String algorithm, byte[] digest) {

  private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

  public CertificateFingerprint {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(digest, "digest");
    algorithm = algorithm.toLowerCase(Locale.ROOT);
    digest = digest.clone();
    int expected = digestLength(algorithm);
    if (digest.length != expected) {
      throw new IllegalArgumentException(algorithm + " fingerprint needs " + expected + " bytes, got " + digest.length);
    }
  }

  /** The SHA-256 fingerprint of a DER certificate: what we put in our own SDP. */
  public static CertificateFingerprint sha256Of(byte[] derCertificate) {
    return new CertificateFingerprint("sha-256", hash("sha-256", derCertificate));
  }

  /**
   * Parses the value of an {@code a=fingerprint} line ("sha-256 AB:CD:…", hex in either case).
   * sha-1 is refused: RFC 8827 §6.5 forbids it for WebRTC, and no browser sends it.
   */
  public static CertificateFingerprint parse(String sdpValue) {
    Objects.requireNonNull(sdpValue, "sdpValue");
    String[] parts = sdpValue.trim().split("\\s+");
    if (parts.length != 2) {
      throw new IllegalArgumentException("fingerprint must be '<hash-func> <hex:hex:...>', got '" + sdpValue + "'");
    }
    String algorithm = parts[0].toLowerCase(Locale.ROOT);
    digestLength(algorithm);
    byte[] digest;
    try {
      digest = COLON_HEX.parseHex(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("fingerprint hex is malformed: '" + parts[1] + "'", e);
    }
    return new CertificateFingerprint(algorithm, digest);
  }

  /** True when the DER certificate hashes, with this fingerprint's algorithm, to this digest. */
  public boolean matches(byte[] derCertificate) {
    return MessageDigest.isEqual(digest, hash(algorithm, derCertificate));
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  /** The value of an {@code a=fingerprint} attribute: "sha-256 AB:CD:…". */
  public String toSdp() {
    return algorithm + " " + COLON_HEX.formatHex(digest);
  }

  @Override
  public String toString() {
    return toSdp();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CertificateFingerprint other
        && algorithm.equals(other.algorithm) && MessageDigest.isEqual(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return algorithm.hashCode() * 31 + java.util.Arrays.hashCode(digest);
  }

  private static int digestLength(String algorithm) {
    return switch (algorithm) {
      case "sha-256" -> 32;
      case "sha-384" -> 48;
      case "sha-512" -> 64;
      default -> throw new IllegalArgumentException(
          "fingerprint hash function '" + algorithm + "' is not supported (sha-256, sha-384, sha-512)");
    };
  }

  private static byte[] hash(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT)).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }
}
