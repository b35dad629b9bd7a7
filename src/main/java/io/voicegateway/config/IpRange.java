package io.voicegateway.config;

import java.net.InetAddress;
import java.util.Optional;

/**
 * An IP literal or CIDR block ({@code 203.0.113.0/24}, {@code 2001:db8::/32}). Written by hand: the JDK
 * has no CIDR type and the comparison is a few lines of byte masking. Immutable; host bits written in
 * the block ({@code 10.1.0.0/15}) are ignored, as routers do.
 */
public final class IpRange {
  private final byte[] network;
  private final int prefixLength;
  private final String text;

  private IpRange(byte[] network, int prefixLength, String text) {
    this.network = network;
    this.prefixLength = prefixLength;
    this.text = text;
  }

  /** The range, or empty when {@code text} is neither an IP literal nor a valid CIDR block. */
  public static Optional<IpRange> parse(String text) {
    int slash = text.indexOf('/');
    InetAddress address = HostAddresses.literal(slash < 0 ? text : text.substring(0, slash));
    if (address == null) {
      return Optional.empty();
    }
    byte[] bytes = address.getAddress();
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String length = text.substring(slash + 1);
      if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(length);
    }
    return Optional.of(new IpRange(bytes, prefix, text));
  }

  /** Whether {@code address} lies in this block; an IPv4 address never matches an IPv6 block or back. */
  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    if (candidate.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xFF << (8 - rest) & 0xFF;
    return (candidate[full] & mask) == (network[full] & mask);
  }

  @Override
  public String toString() {
    return text;
  }
}
