package io.voicegateway.sip.trunk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ViaAddressTest {
  @Test
  void nothingLearnedWhenTheRegistrarSawWhatWeSent() {
    assertEquals(Optional.empty(), ViaAddress.learned("10.0.0.5", 5060, null, 0));
    assertEquals(Optional.empty(), ViaAddress.learned("10.0.0.5", 5060, "10.0.0.5", 5060));
  }

  @Test
  void receivedAndRportGiveTheNatAddress() {
    assertEquals(Optional.of("203.0.113.7:40123"), ViaAddress.learned("10.0.0.5", 5060, "203.0.113.7", 40123));
  }

  @Test
  void receivedAloneKeepsOurPort() {
    assertEquals(Optional.of("203.0.113.7:5060"), ViaAddress.learned("10.0.0.5", 5060, "203.0.113.7", 0));
  }

  @Test
  void rportAloneKeepsOurHost() {
    assertEquals(Optional.of("10.0.0.5:40000"), ViaAddress.learned("10.0.0.5", 5060, null, 40000));
  }

  @Test
  void bracketsIpv6() {
    assertEquals(Optional.of("[2001:db8::1]:5060"), ViaAddress.learned("10.0.0.5", 5060, "2001:db8::1", 0));
  }

  @Test
  void hostOfUndoesHostPort() {
    assertEquals("203.0.113.9", ViaAddress.hostOf(ViaAddress.hostPort("203.0.113.9", 5060)));
    assertEquals("2001:db8::1", ViaAddress.hostOf(ViaAddress.hostPort("2001:db8::1", 5062)));
  }
}
