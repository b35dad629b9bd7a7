package io.voicegateway.webrtc.srtp;

/**
 * Both directions of one DTLS-SRTP association: what we send is protected with our (local) master key and salt,
 * what the browser sends is unprotected with its (remote) ones. Takes the exporter's output as plain arrays so
 * the DTLS side's key record maps straight onto it.
 */
public final class SrtpSession {
  private final SrtpContext outbound;
  private final SrtpContext inbound;

  private SrtpSession(SrtpContext outbound, SrtpContext inbound) {
    this.outbound = outbound;
    this.inbound = inbound;
  }

  /** @throws IllegalArgumentException when a key or salt length does not fit the profile */
  public static SrtpSession create(SrtpProfile profile, byte[] localKey, byte[] localSalt,
                                   byte[] remoteKey, byte[] remoteSalt) {
    return new SrtpSession(SrtpContext.create(profile, localKey, localSalt),
        SrtpContext.create(profile, remoteKey, remoteSalt));
  }

  /** Protects what we send. */
  public SrtpContext outbound() {
    return outbound;
  }

  /** Unprotects what we receive. */
  public SrtpContext inbound() {
    return inbound;
  }
}
