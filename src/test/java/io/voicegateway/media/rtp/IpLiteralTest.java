package io.voicegateway.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** IP literals become socket addresses without DNS; anything else (a host name, junk) is left to the transport. */
class IpLiteralTest {
  @Test
  void parsesLiterals() {
    InetSocketAddress v4 = IpLiteral.socketAddress("192.0.2.10", 4000);
    assertEquals("192.0.2.10", v4.getAddress().getHostAddress());
    assertEquals(4000, v4.getPort());
    assertFalse(v4.isUnresolved());
    assertEquals(16, IpLiteral.socketAddress("2001:db8::1", 5000).getAddress().getAddress().length);
    assertEquals(IpLiteral.socketAddress("2001:db8::1", 5000), IpLiteral.socketAddress("[2001:db8::1]", 5000));
  }

  @ParameterizedTest
  @ValueSource(strings = {"pbx.example.com", "localhost", "999.1.1.1", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3",
      "01234.1.1.1", "1..2.3", "", "2001:db8::zz"})
  void leavesEverythingElseUnresolved(String host) {
    assertNull(IpLiteral.socketAddress(host, 4000), host);
  }

  @Test
  void targetsCarryTheirAddress() {
    assertEquals(new InetSocketAddress("127.0.0.1", 40000), new RtpTarget("127.0.0.1", 40000).address());
    assertNull(new RtpTarget("0.0.0.0", 0).address(), "no port: nothing to send to");
    assertNull(new RtpTarget("pbx.example.com", 4000).address(), "a name is resolved by the transport, not here");
    assertTrue(IpLiteral.isDottedQuad("255.255.255.255"));
  }
}
