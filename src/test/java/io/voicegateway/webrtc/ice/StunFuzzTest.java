package io.voicegateway.webrtc.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetSocketAddress;

/**
 * Fuzz target for a datagram the demux calls STUN, through the ICE-lite responder that answers it. The contract:
 * never an exception; a dropped datagram gets no response and a reason; anything answered gets one STUN message no
 * longer than a datagram's worth (no amplification beyond a small fixed reply).
 */
class StunFuzzTest {

  /** A Binding success or error response: header, XOR-MAPPED-ADDRESS or ERROR-CODE, MESSAGE-INTEGRITY, FINGERPRINT. */
  private static final int MAX_RESPONSE = 548;
  private static final InetSocketAddress SOURCE = new InetSocketAddress("192.0.2.7", 50000);

  private final IceLiteResponder responder = new IceLiteResponder("gwuf", "gatewaypassword0123456", "brws");

  @FuzzTest
  void datagram(byte[] datagram) {
    CheckResult result = responder.handle(datagram, 0, datagram.length, SOURCE);
    assertNotNull(result);
    if (result.outcome() == CheckOutcome.DROPPED) {
      assertNull(result.response());
      assertNotNull(result.reason());
      return;
    }
    byte[] response = result.response();
    assertTrue(response.length >= 20 && response.length <= MAX_RESPONSE, () -> response.length + "-byte response");
    assertEquals(0, response[0] & 0xc0, "a STUN message starts with two zero bits");
  }
}
