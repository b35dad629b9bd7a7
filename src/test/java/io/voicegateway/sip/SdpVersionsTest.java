package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SdpVersionsTest {
  @Test
  void readsTheOriginVersion() {
    assertEquals(2353687637L, SdpVersions.version("v=0\r\no=user1 53655765 2353687637 IN IP4 1.2.3.4\r\ns=-\r\n"));
    assertEquals(7, SdpVersions.version("v=0\no=- 1 7 IN IP4 h\n"));
  }

  @Test
  void missingOrBrokenOriginIsMinusOne() {
    assertEquals(-1, SdpVersions.version("v=0\r\ns=-\r\n"));
    assertEquals(-1, SdpVersions.version("v=0\r\no=- 1 x IN IP4 h\r\n"));
    assertEquals(-1, SdpVersions.version("v=0\r\no=-\r\n"));
  }
}
