package io.voicegateway.bridge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.Addresses;
import org.junit.jupiter.api.Test;

/** The playback back channel is open to bridge clients at its own addresses and no wider. */
class BridgePermissionsTest {
  private static boolean inbound(String address) {
    return BridgePermissions.INBOUND.stream().anyMatch(p -> address.equals(p.getAddress())
        || p.getAddressRegex() != null && address.matches(p.getAddressRegex()));
  }

  @Test
  void aClientMaySendAudioToAPlaybackButNotToOtherMediaAddresses() {
    assertTrue(inbound(Addresses.playback("bot-1")));
    assertTrue(inbound(Addresses.PLAYBACK_OPEN));
    assertTrue(inbound(Addresses.PLAYBACK_CLEAR));
    assertFalse(inbound(Addresses.playback("a.b")), "one name, no dots");
    assertFalse(inbound(Addresses.MEDIA_STREAM_START));
    assertFalse(inbound("vg.media.leg.close"));
    assertTrue(BridgePermissions.OUTBOUND.stream().anyMatch(p -> Addresses.PLAYBACK_EVENTS.equals(p.getAddress())));
  }
}
