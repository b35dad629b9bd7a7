package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** An attended transfer's media step: a leg moves from one call's mix to another's with its port. */
class MediaEngineMoveTest {
  private final MediaEngine engine = TestMediaConfig.engine(40000, 40019);
  private final Mixer mixer = engine.mixer(0);

  private LegMedia open(String callId, String legId) {
    return engine.openLeg(callId, legId, engine.ports().acquire());
  }

  /** The legs the mixer mixes for {@code callId}, by leg id; empty when the mixer has no such call. */
  private Set<String> mixed(String callId) {
    return Arrays.stream(mixer.partition().calls())
        .filter(c -> c.callId().equals(callId))
        .flatMap(c -> Arrays.stream(c.legs()))
        .map(l -> ((LegMedia) l).legId())
        .collect(Collectors.toSet());
  }

  @Test
  void theStayingPartiesOfTwoCallsEndUpInOneMix() {
    open("call1", "a");
    open("call1", "b1");
    open("call2", "b2");
    LegMedia c = open("call2", "c");
    int free = engine.ports().available();

    engine.closeLeg("b1"); // the transferor's leg of call 1
    assertSame(c, engine.moveLeg("c", "call1"));
    assertEquals("call1", c.callId());
    assertEquals(Set.of("a", "c"), mixed("call1"));
    assertEquals(Set.of("b2"), mixed("call2"));

    engine.closeLeg("b2"); // call 2 loses its last leg and ends
    assertFalse(engine.hasCall("call2"));
    assertEquals(Set.of(), mixed("call2"));
    assertEquals(free + 2, engine.ports().available(), "b1 and b2 gave their ports back, c kept its own");
    assertTrue(engine.leg("c").rtpPort() > 0);

    assertEquals(2, engine.closeCall("call1").size(), "closing call 1 closes the moved leg too");
    assertEquals(engine.ports().capacity(), engine.ports().available());
  }

  @Test
  void movingTheLastLegEndsTheOldCallAndCreatesTheNewOne() {
    open("call2", "c");
    engine.moveLeg("c", "call3");
    assertFalse(engine.hasCall("call2"));
    assertTrue(engine.hasCall("call3"));
    assertEquals(Set.of("c"), mixed("call3"));
  }

  @Test
  void anUnknownLegIsNotMoved() {
    assertNull(engine.moveLeg("nobody", "call1"));
    assertFalse(engine.hasCall("call1"));
  }
}
