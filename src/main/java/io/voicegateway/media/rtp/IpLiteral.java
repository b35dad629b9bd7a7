package io.voicegateway.media.rtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Turns an IP literal into a socket address without ever asking DNS ({@code InetAddress.getByName} falls back to a
 * lookup for anything that is not a well-formed literal, which must not happen on a media thread). A host name is
 * not a literal: the transport resolves it once, off the event loop, and hands the latch its literal.
 */
public final class IpLiteral {
  private IpLiteral() {}

  /** The address of {@code host:port} when {@code host} is an IPv4 dotted quad or an IPv6 literal; else null. */
  public static InetSocketAddress socketAddress(String host, int port) {
    if (host == null || host.isEmpty() || port < 0 || port > 0xffff) {
      return null;
    }
    if (!isDottedQuad(host) && host.indexOf(':') < 0) {
      return null;
    }
    try {
      // A dotted quad or a string with ':' is parsed as a literal and never looked up (an invalid IPv6 literal
      // throws instead of falling back to DNS).
      return new InetSocketAddress(InetAddress.getByName(strip(host)), port);
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  private static String strip(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** Four decimal octets 0..255 separated by dots, nothing else. */
  static boolean isDottedQuad(String s) {
    int octets = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      int value = 0;
      int digits = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        digits++;
        i++;
        if (digits > 3) {
          return false;
        }
      }
      if (digits == 0 || value > 255) {
        return false;
      }
      octets++;
      if (i < n) {
        if (s.charAt(i) != '.' || i == n - 1) {
          return false;
        }
        i++;
      }
    }
    return octets == 4;
  }
}
