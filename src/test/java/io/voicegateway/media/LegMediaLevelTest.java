package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.codec.CodecType;
import io.voicegateway.media.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-leg level the API shows: RMS of the last frame the mixer pulled, back to 0 when audio stops. */
class LegMediaLevelTest {
  private static final long FRAME_NANOS = 20_000_000L;

  private static LegMedia leg(String id) {
    LegMedia leg = new LegMedia("call", id, 0);
    leg.start(new LegPipeline(new LegConfig(CodecType.PCMU, 0, 101, 20, true, true),
        TestMediaConfig.pipeline("rfc4733"),
        (d, ms, s) -> { }));
    return leg;
  }

  @Test
  void levelFollowsTheIncomingToneAndFallsToZeroAfterIt() {
    LegMedia a = leg("a");
    LegMedia b = leg("b");
    List<byte[]> wire = new ArrayList<>();
    a.sender((buf, off, len) -> wire.add(Arrays.copyOfRange(buf, off, off + len)));
    RtpPacket packet = new RtpPacket();
    float[] tone = new float[MixerLeg.FRAME];
    assertEquals(0f, b.level());

    for (int f = 0; f < 100; f++) {
      for (int i = 0; i < MixerLeg.FRAME; i++) {
        tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 1000 * ((long) f * MixerLeg.FRAME + i) / 48000.0));
      }
      a.push(tone);
      for (byte[] datagram : wire) {
        assertTrue(packet.parse(datagram, 0, datagram.length));
        b.onRtp(packet, f * FRAME_NANOS);
      }
      wire.clear();
      b.pull();
    }
    // G.711 keeps the level within a fraction of a dB: 0.3/√2 ≈ 0.212.
    assertEquals(0.3 / Math.sqrt(2), b.level(), 0.01);
    assertEquals(b.level(), b.stats().level());

    for (int f = 100; f < 150; f++) { // nothing arrives: concealment fades, then silence
      b.pull();
    }
    assertEquals(0f, b.level());
  }
}
