package io.voicegateway.webrtc.sdp;

import java.util.Optional;

/**
 * One {@code a=candidate} (RFC 8839 §5.1). An ICE-lite agent never checks the browser's candidates (the browser
 * checks ours and we answer from where its checks come), so these are kept for logs and diagnostics only.
 *
 * @param address an IP literal or, from a browser that hides local addresses, an mDNS name ({@code <uuid>.local})
 */
public record IceCandidate(String foundation, int component, String transport, long priority, String address,
    int port, String type) {

  /**
   * From the attribute value after {@code candidate:}; empty when it does not parse, since a lite agent loses
   * nothing by skipping a candidate it would not have used.
   */
  static Optional<IceCandidate> parse(String value) {
    String[] f = value.trim().split("\\s+");
    if (f.length < 8 || !"typ".equalsIgnoreCase(f[6])) {
      return Optional.empty();
    }
    try {
      int component = Integer.parseInt(f[1]);
      long priority = Long.parseLong(f[3]);
      int port = Integer.parseInt(f[5]);
      if (component < 1 || component > 256 || priority < 0 || port < 0 || port > 65535) {
        return Optional.empty();
      }
      return Optional.of(new IceCandidate(f[0], component, f[2], priority, f[4], port, f[7]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
