package io.voicegateway.webrtc.dtls;

import io.voicegateway.webrtc.srtp.SrtpProfile;
import java.util.Objects;

/**
 * The SRTP master keys and salts of one DTLS-SRTP association, from the gateway's (the DTLS server's)
 * point of view: "local" protects what we send, "remote" unprotects what the browser sends.
 */
public record SrtpKeys(SrtpProfile profile, byte[] localKey, byte[] localSalt, byte[] remoteKey, byte[] remoteSalt) {

  public SrtpKeys {
    Objects.requireNonNull(profile, "profile");
    localKey = checked(localKey, profile.keyLength(), "localKey");
    localSalt = checked(localSalt, profile.saltLength(), "localSalt");
    remoteKey = checked(remoteKey, profile.keyLength(), "remoteKey");
    remoteSalt = checked(remoteSalt, profile.saltLength(), "remoteSalt");
  }

  /**
   * Splits the exporter output (RFC 5764 §4.2: client key, server key, client salt, server salt) for the
   * side that is {@code server}.
   */
  static SrtpKeys fromExporter(SrtpProfile profile, byte[] material, boolean server) {
    int k = profile.keyLength();
    int s = profile.saltLength();
    if (material.length != 2 * (k + s)) {
      throw new IllegalArgumentException("exporter gave " + material.length + " bytes, need " + 2 * (k + s));
    }
    byte[] clientKey = java.util.Arrays.copyOfRange(material, 0, k);
    byte[] serverKey = java.util.Arrays.copyOfRange(material, k, 2 * k);
    byte[] clientSalt = java.util.Arrays.copyOfRange(material, 2 * k, 2 * k + s);
    byte[] serverSalt = java.util.Arrays.copyOfRange(material, 2 * k + s, 2 * (k + s));
    return server
        ? new SrtpKeys(profile, serverKey, serverSalt, clientKey, clientSalt)
        : new SrtpKeys(profile, clientKey, clientSalt, serverKey, serverSalt);
  }

  @Override
  public byte[] localKey() {
    return localKey.clone();
  }

  @Override
  public byte[] localSalt() {
    return localSalt.clone();
  }

  @Override
  public byte[] remoteKey() {
    return remoteKey.clone();
  }

  @Override
  public byte[] remoteSalt() {
    return remoteSalt.clone();
  }

  /** Keys are secrets: never in logs. */
  @Override
  public String toString() {
    return "SrtpKeys[" + profile + "]";
  }

  private static byte[] checked(byte[] value, int length, String name) {
    Objects.requireNonNull(value, name);
    if (value.length != length) {
      throw new IllegalArgumentException(name + " must be " + length + " bytes, got " + value.length);
    }
    return value.clone();
  }
}
