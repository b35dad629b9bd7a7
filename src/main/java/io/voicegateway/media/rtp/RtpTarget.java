package io.voicegateway.media.rtp;

/** Where a leg sends RTP (RTCP goes to port + 1). Immutable, so the mixer thread can read it safely. */
public record RtpTarget(String host, int port) {
  public boolean is(String otherHost, int otherPort) {
    return port == otherPort && host.equals(otherHost);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
