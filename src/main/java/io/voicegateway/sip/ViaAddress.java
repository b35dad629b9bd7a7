package io.voicegateway.sip;

import java.net.InetAddress;
import java.text.ParseException;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * Our address in the top Via of a request JAIN-SIP built inside a dialog. The stack writes its listening point's
 * address there, which is the bind address: {@code 0.0.0.0} (or {@code ::}) when we listen on every interface, and a
 * BYE toward a TCP leg went out with {@code Via: SIP/2.0/TCP 0.0.0.0:5060}, so the peer's responses had nowhere to
 * go but the connection. We put the public address there, as requests made outside a dialog carry
 * ({@link RequestFactory}).
 */
final class ViaAddress {
  private ViaAddress() {}

  /** Replaces an unspecified top-Via host of {@code request} with {@code publicAddress}; other hosts stay. */
  static void fill(Request request, String publicAddress) throws ParseException {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    if (via != null && unspecified(via.getHost()) && !unspecified(publicAddress)) {
      via.setHost(publicAddress);
    }
  }

  private static boolean unspecified(String host) {
    if (host == null || host.isEmpty()) {
      return true;
    }
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (!bare.equals("0.0.0.0") && !bare.contains(":")) {
      return false; // a name or an IPv4 address other than 0.0.0.0: no lookup needed
    }
    try {
      return InetAddress.getByName(bare).isAnyLocalAddress(); // an IPv6 literal: parsed, never looked up
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
