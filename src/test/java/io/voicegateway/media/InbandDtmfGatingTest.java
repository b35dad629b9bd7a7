package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.codec.CodecType;
import io.voicegateway.media.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the in-band DTMF detector runs (issue 13): with {@code dtmf.method: both} until the leg's first RFC 4733
 * event (a phone that offers telephone-event may still send tones: baresip does), with {@code inband} always,
 * with {@code rfc4733} never.
 */
class InbandDtmfGatingTest {
  private final List<String> digits = new ArrayList<>();

  private LegMedia leg(String method) {
    LegMedia leg = new LegMedia("c", "a", 0);
    leg.start(new LegPipeline(new LegConfig(CodecType.PCMU, 0, 101, 20, true, true), TestMediaConfig.pipeline(method),
        (d, ms, s) -> digits.add(d + "/" + s)));
    return leg;
  }

  /** One RFC 4733 press of '5': three end packets of one event. */
  private static void press(LegMedia leg) {
    byte[] wire = new byte[RtpPacket.HEADER_LENGTH + 4];
    RtpPacket packet = new RtpPacket();
    for (int i = 0; i < 3; i++) {
      RtpPacket.writeHeader(wire, 0, false, 101, 100 + i, 8000, 0x42);
      wire[12] = 5;
      wire[13] = (byte) 0x8a; // end, volume 10
      wire[14] = 0x03;
      wire[15] = 0x20; // 800 samples = 100 ms
      assertTrue(packet.parse(wire, 0, wire.length));
      leg.onRtp(packet, i * 1_000_000L);
    }
  }

  @Test
  void bothRunsTheDetectorUntilTheFirstEvent() {
    LegMedia leg = leg("both");
    assertTrue(leg.pipeline().inbandDtmfRunning(), "telephone-event negotiated, but no event yet");
    press(leg);
    assertEquals(1, digits.size(), digits.toString());
    assertFalse(leg.pipeline().inbandDtmfRunning(), "events arrive: tones are not looked for any more");
  }

  @Test
  void inbandAlwaysRunsAndRfc4733Never() {
    LegMedia inband = leg("inband");
    press(inband);
    assertTrue(inband.pipeline().inbandDtmfRunning());
    LegMedia events = leg("rfc4733");
    assertFalse(events.pipeline().inbandDtmfRunning());
    press(events);
    assertEquals(1, digits.size(), "the event is taken with rfc4733, not with inband: " + digits);
  }
}
