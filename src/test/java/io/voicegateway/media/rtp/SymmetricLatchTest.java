package io.voicegateway.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SymmetricLatchTest {
  private final RtpTarget sdp = new RtpTarget("127.0.0.1", 40000);
  private final RtpTarget nat = new RtpTarget("127.0.0.1", 51234);
  private final RtpTarget other = new RtpTarget("127.0.0.1", 52222);

  @Test
  void sendsToTheSdpAddressUntilTheFirstPacketThenLatches() {
    SymmetricLatch latch = new SymmetricLatch(true, sdp);
    assertEquals(sdp, latch.target());
    assertTrue(latch.onPacket(nat.host(), nat.port(), 1));
    assertEquals(nat, latch.target());
  }

  @Test
  void sameSsrcFromAnotherAddressDoesNotMoveTheTarget() {
    SymmetricLatch latch = new SymmetricLatch(true, sdp);
    latch.onPacket(nat.host(), nat.port(), 1);
    assertFalse(latch.onPacket(other.host(), other.port(), 1));
    assertEquals(nat, latch.target());
  }

  @Test
  void newSsrcFromANewAddressRelatches() {
    SymmetricLatch latch = new SymmetricLatch(true, sdp);
    latch.onPacket(nat.host(), nat.port(), 1);
    assertTrue(latch.onPacket(other.host(), other.port(), 2));
    assertEquals(other, latch.target());
    assertEquals(1, latch.relatches());
    assertFalse(latch.onPacket("127.0.0.1", 53333, 2), "the new stream's SSRC elsewhere");
    assertEquals(other, latch.target());
  }

  @Test
  void withoutSymmetricRtpAlwaysTheSdpAddress() {
    SymmetricLatch latch = new SymmetricLatch(false, sdp);
    assertFalse(latch.onPacket(nat.host(), nat.port(), 1));
    assertFalse(latch.onPacket(other.host(), other.port(), 2));
    assertEquals(sdp, latch.target());
  }
}
