package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.codec.CodecType;
import io.voicegateway.media.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A 1 kHz tone through two real legs: A's send path (48 kHz → codec rate → encode → RTP) and B's receive
 * path (RTP → jitter buffer → decode → 48 kHz), checked by frequency and SNR, for every codec and several
 * packet times.
 */
class LegMediaCodecTest {
  private static final int FRAMES = 150; // 3 s
  private static final int SETTLE = 25;  // frames skipped while the jitter buffer fills and filters settle
  private static final long FRAME_NANOS = 20_000_000L;

  private static LegMedia leg(String id, CodecType codec, int pt, int ptime) {
    LegMedia leg = new LegMedia("call", id, 0);
    LegConfig config = new LegConfig(codec, pt, 101, ptime, true, true);
    leg.start(new LegPipeline(config, TestMediaConfig.pipeline("rfc4733"),
        (d, ms, s) -> { }));
    return leg;
  }

  @ParameterizedTest(name = "{0} ptime {2} ms")
  @CsvSource({
      "PCMU, 0, 20, 40",
      "PCMA, 8, 20, 40",
      "PCMU, 0, 30, 40",
      "PCMA, 8, 60, 40",
      "G722, 9, 20, 40",
      "OPUS, 111, 20, 20",
      "OPUS, 111, 60, 20"})
  void toneSurvivesEncodeAndDecode(CodecType codec, int pt, int ptime, double minSnrDb) {
    LegMedia a = leg("a", codec, pt, ptime);
    LegMedia b = leg("b", codec, pt, ptime);
    List<byte[]> wire = new ArrayList<>();
    a.sender((buf, off, len) -> wire.add(java.util.Arrays.copyOfRange(buf, off, off + len)));
    RtpPacket packet = new RtpPacket();
    int rate = a.mixRate(); // the codec's: the leg takes and gives frames at it (issue 13)
    assertEquals(codec.sampleRate(), rate);
    int frame = MixerLeg.frameSamples(rate);
    float[] tone = new float[frame];
    float[] heard = new float[FRAMES * frame];
    int sentPackets = 0;

    for (int f = 0; f < FRAMES; f++) {
      for (int i = 0; i < frame; i++) {
        long n = (long) f * frame + i;
        tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 1000 * n / (double) rate));
      }
      assertTrue(a.listening());
      a.push(tone);
      long now = f * FRAME_NANOS;
      for (byte[] datagram : wire) {
        assertTrue(packet.parse(datagram, 0, datagram.length));
        assertEquals(pt, packet.payloadType());
        assertTrue(b.onRtp(packet, now));
        sentPackets++;
      }
      wire.clear();
      float[] out = b.pull();
      if (out != null) {
        assertEquals(frame, out.length);
        System.arraycopy(out, 0, heard, f * frame, frame);
      }
    }

    int from = SETTLE * frame;
    int to = heard.length - 5 * frame; // the last packet of a 60 ms ptime may still be buffered
    double snr = ToneAnalysis.snrDb(heard, from, to, 1000, rate);
    double peak = ToneAnalysis.peakHz(heard, from, to, rate, 50);
    System.out.printf("%s ptime %d: SNR %.1f dB, peak %.0f Hz, rms %.3f, %d packets%n", codec, ptime, snr, peak,
        ToneAnalysis.rms(heard, from, to), sentPackets);
    assertEquals(1000, peak, 1);
    assertTrue(snr >= minSnrDb, codec + " SNR " + snr);
    assertEquals(0.3 / Math.sqrt(2), ToneAnalysis.rms(heard, from, to), 0.03, "level kept");
    assertEquals(FRAMES * 20 / SendPath.packetTime(codec, ptime), sentPackets, 1);
  }
}
