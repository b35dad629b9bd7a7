package io.voicegateway.webrtc.sdp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code a=fingerprint} (RFC 8122 §5): the hash of a DTLS certificate, compared with the certificate the peer
 * presents in the handshake. Only the SHA family is read; md2/md5 fingerprints are not trusted (RFC 8122 §5).
 *
 * @param algorithm the hash function's textual name, lower case ({@code sha-256})
 * @param digest    the hash itself
 */
public record DtlsFingerprint(String algorithm, byte[] digest) {

  /** Digest length in bytes of each hash function we accept; a fingerprint of another length is malformed. */
  private static final Map<String, Integer> LENGTHS =
      Map.of("sha-1", 20, "sha-224", 28, "sha-256", 32, "sha-384", 48, "sha-512", 64);
  private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

  public DtlsFingerprint {
    algorithm = algorithm.toLowerCase(Locale.ROOT);
    Integer length = LENGTHS.get(algorithm);
    if (length == null) {
      throw new IllegalArgumentException("unsupported fingerprint hash: " + algorithm);
    }
    if (digest.length != length) {
      throw new IllegalArgumentException(algorithm + " fingerprint must be " + length + " bytes, not " + digest.length);
    }
    digest = digest.clone();
  }

  /** From its SDP form, {@code sha-256 AB:CD:...}; empty for an unknown hash function, which RFC 8122 lets us skip. */
  static Optional<DtlsFingerprint> parse(String value) throws WebRtcSdpException {
    String[] parts = value.trim().split("\\s+");
    if (parts.length != 2) {
      throw new WebRtcSdpException("malformed a=fingerprint: " + value);
    }
    if (!LENGTHS.containsKey(parts[0].toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    try {
      return Optional.of(new DtlsFingerprint(parts[0], HEX.parseHex(parts[1].toUpperCase(Locale.ROOT))));
    } catch (IllegalArgumentException e) {
      throw new WebRtcSdpException("malformed a=fingerprint: " + value + " (" + e.getMessage() + ")");
    }
  }

  /** Builds one from a hash function name and the colon-separated hex of its digest. */
  public static DtlsFingerprint of(String algorithm, String hex) {
    return new DtlsFingerprint(algorithm, HEX.parseHex(hex.toUpperCase(Locale.ROOT)));
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  /** The colon-separated upper-case hex of the digest, as SDP writes it. */
  public String hex() {
    return HEX.formatHex(digest);
  }

  /** The attribute value, {@code sha-256 AB:CD:...}. */
  public String sdpValue() {
    return algorithm + " " + hex();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DtlsFingerprint f && f.algorithm.equals(algorithm) && Arrays.equals(f.digest, digest);
  }

  @Override
  public int hashCode() {
    return algorithm.hashCode() * 31 + Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return sdpValue();
  }
}
