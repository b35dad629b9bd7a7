package io.voicegateway.media.rtp;

import java.net.InetSocketAddress;

/**
 * Where a leg sends RTP (RTCP goes to port + 1). Immutable, so the mixer thread can read it safely. {@code address}
 * is the resolved socket address, made once when the target is made (an IP literal is parsed, never looked up) so
 * that no packet send resolves a name; null when {@code host} is not a literal (the transport resolves a host name of
 * an SDP {@code c=} line off the event loop and then sets a target holding its literal) or the port is 0.
 */
public record RtpTarget(String host, int port, InetSocketAddress address) {
  public RtpTarget(String host, int port) {
    this(host, port, port > 0 ? IpLiteral.socketAddress(host, port) : null);
  }

  public boolean is(String otherHost, int otherPort) {
    return port == otherPort && host.equals(otherHost);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
