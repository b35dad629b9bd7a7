package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IpRangeTest {
  private static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }

  private static IpRange range(String text) {
    return IpRange.parse(text).orElseThrow();
  }

  @Test
  void rejectsWhatIsNotAnAddressOrBlock() {
    for (String bad : new String[] {"sip.example.com", "203.0.113.0/33", "2001:db8::/129", "203.0.113.0/",
        "203.0.113.0/-1", "256.1.1.1", "203.0.113", "/24", ""}) {
      assertEquals(Optional.empty(), IpRange.parse(bad), bad);
    }
  }

  @Test
  void zeroPrefixMatchesEveryAddressOfItsFamilyOnly() throws UnknownHostException {
    assertTrue(range("0.0.0.0/0").contains(ip("198.51.100.1")));
    assertFalse(range("0.0.0.0/0").contains(ip("2001:db8::1")));
    assertTrue(range("::/0").contains(ip("2001:db8::1")));
  }

  @Test
  void v4AddressWithTheSameLeadingBytesIsNotInAV6Block() throws UnknownHostException {
    // 32.1.13.184 has the bytes 20 01 0d b8, the start of 2001:db8::
    assertFalse(range("2001:db8::/32").contains(ip("32.1.13.184")));
    assertTrue(range("2001:db8::/32").contains(ip("2001:db8:ffff::1")));
  }

  @Test
  void bitLevelPrefix() throws UnknownHostException {
    IpRange r = range("192.0.2.128/25");
    assertTrue(r.contains(ip("192.0.2.128")));
    assertTrue(r.contains(ip("192.0.2.255")));
    assertFalse(r.contains(ip("192.0.2.127")));
    assertTrue(range("198.51.100.7").contains(ip("198.51.100.7")));
    assertFalse(range("198.51.100.7").contains(ip("198.51.100.6")));
  }
}
