package io.voicegateway.webrtc.ice;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * XOR-MAPPED-ADDRESS (RFC 5389 §15.2): family, port and address XORed with the magic cookie (and, for IPv6, the
 * transaction id), so that NATs rewriting addresses they see in payloads leave it alone.
 */
final class XorAddress {
  private XorAddress() {
  }

  private static final int IPV4 = 0x01;
  private static final int IPV6 = 0x02;

  /**
   * The value for {@code address}. {@code cookieAndId} holds the 16 bytes magic cookie + transaction id from
   * {@code keyAt}.
   */
  static byte[] encode(InetSocketAddress address, byte[] cookieAndId, int keyAt) {
    InetAddress ip = address.getAddress();
    if (ip == null) {
      throw new IllegalArgumentException("unresolved address " + address);
    }
    byte[] ipBytes = ip.getAddress();
    byte[] value = new byte[4 + ipBytes.length];
    value[1] = (byte) (ip instanceof Inet4Address ? IPV4 : IPV6);
    int port = address.getPort() ^ (Stun.MAGIC_COOKIE >>> 16);
    value[2] = (byte) (port >>> 8);
    value[3] = (byte) port;
    for (int i = 0; i < ipBytes.length; i++) {
      value[4 + i] = (byte) (ipBytes[i] ^ cookieAndId[keyAt + i]);
    }
    return value;
  }

  static InetSocketAddress decode(byte[] value, int at, int length, byte[] cookieAndId, int keyAt)
      throws StunParseException {
    int family = value[at + 1] & 0xFF;
    int ipLength = family == IPV4 ? 4 : family == IPV6 ? 16 : -1;
    if (ipLength < 0 || length != 4 + ipLength) {
      throw new StunParseException("XOR-MAPPED-ADDRESS family " + family + " with " + length + " bytes");
    }
    int port = StunMessage.readShort(value, at + 2) ^ (Stun.MAGIC_COOKIE >>> 16);
    byte[] ip = new byte[ipLength];
    for (int i = 0; i < ipLength; i++) {
      ip[i] = (byte) (value[at + 4 + i] ^ cookieAndId[keyAt + i]);
    }
    try {
      InetAddress address = ipLength == 4 ? InetAddress.getByAddress(ip) : Inet6Address.getByAddress(null, ip, null);
      return new InetSocketAddress(address, port);
    } catch (UnknownHostException e) {
      throw new StunParseException("XOR-MAPPED-ADDRESS: " + e.getMessage());
    }
  }
}
