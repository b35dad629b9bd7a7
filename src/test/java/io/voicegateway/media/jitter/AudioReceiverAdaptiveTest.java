package io.voicegateway.media.jitter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.codec.CodecType;
import io.voicegateway.media.codec.Codecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The depth follows the RFC 3550 jitter: up when the network gets rough, back down when it calms. */
class AudioReceiverAdaptiveTest {
  private static final long MS = RecordedStream.MS;

  /** Speech repeated to {@code seconds}, as 20 ms G.711 packets sent in real time. */
  private static RecordedStream speech(int seconds) {
    short[] one = TestSpeech.speech8k();
    short[] pcm = new short[seconds * 8000];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = one[i % one.length];
    }
    return RecordedStream.encode(pcm, Codecs.encoder(CodecType.PCMU, null), 0, 20, 1, 0, 3, 0, 1);
  }

  /** Arrival delay: 1–5 ms, except 0–100 ms (uniform) between {@code roughFrom} and {@code roughTo} seconds. */
  private static RecordedStream network(RecordedStream s, double roughFrom, double roughTo, long seed) {
    Random r = new Random(seed);
    List<RecordedStream.Pkt> out = new ArrayList<>();
    for (RecordedStream.Pkt p : s.packets) {
      double t = p.sendNanos() / 1e9;
      double delayMs = t >= roughFrom && t < roughTo ? 100 * r.nextDouble() : 1 + 4 * r.nextDouble();
      out.add(p.arriving(p.sendNanos() + (long) (delayMs * MS)));
    }
    return new RecordedStream(out).sorted();
  }

  @Test
  void depthGrowsUnderHighJitterAndShrinksBack() {
    int seconds = 60;
    RecordedStream net = network(speech(seconds), 15, 35, 5);
    AudioReceiver rx = new AudioReceiver(Codecs.decoder(CodecType.PCMU, null), 8000,
        new JitterSettings(40, 300, true, true));
    double[] depth = new double[seconds * 50];
    double[] jitter = new double[seconds * 50];
    long[] late = new long[seconds * 50];
    // Ticks 7 ms out of phase with the sender, as on a real network.
    Playback got = Playback.run(rx, net, seconds * 50, 8000, 7 * MS, t -> {
      depth[t] = rx.stats().depthMs();
      jitter[t] = rx.stats().jitterMs();
      late[t] = rx.stats().late() + rx.stats().lost();
    });
    double calmBefore = depth[15 * 50 - 1];
    double rough = depth[35 * 50 - 1];
    double calmAfter = depth[60 * 50 - 1];
    long lateRough = late[35 * 50 - 1] - late[20 * 50];
    String figures = String.format(Locale.ROOT,
        "depth calm %.1f ms (jitter %.1f) → rough %.1f ms (jitter %.1f) → calm again %.1f ms (jitter %.1f); "
            + "late+lost in the last 15 s of rough: %d of 750; %s",
        calmBefore, jitter[15 * 50 - 1], rough, jitter[35 * 50 - 1], calmAfter, jitter[60 * 50 - 1], lateRough,
        rx.stats());
    System.out.println(figures);
    StringBuilder timeline = new StringBuilder("t(s) jitter(ms) depth(ms) late+lost\n");
    for (int sec = 5; sec <= seconds; sec += 5) {
      int t = sec * 50 - 1;
      timeline.append(String.format(Locale.ROOT, "%d %.1f %.1f %d%n", sec, jitter[t], depth[t], late[t]));
    }
    System.out.print(timeline);
    assertTrue(calmBefore < 45, figures);
    assertTrue(rough > 90, figures);
    assertTrue(calmAfter < 50, figures);
    assertTrue(lateRough < 750 * 0.03, "once adapted, under 3 % of packets come too late: " + figures);
    // Stretching and shrinking happened at quiet moments, with overlap-adds: no clicks anywhere.
    short[] ref = Playback.run(new AudioReceiver(Codecs.decoder(CodecType.PCMU, null), 8000,
        new JitterSettings(40, 300, false, true)), speech(seconds), seconds * 50, 8000, 7 * MS).pcm;
    int cleanStep = Playback.maxStep(ref, 0, ref.length);
    int step = Playback.maxStep(got.pcm, 0, got.pcm.length);
    assertTrue(step <= cleanStep, "max step " + step + " vs clean " + cleanStep);
  }

  @Test
  void fixedDepthDoesNotMove() {
    RecordedStream net = network(speech(20), 5, 20, 9);
    AudioReceiver rx = new AudioReceiver(Codecs.decoder(CodecType.PCMU, null), 8000,
        new JitterSettings(40, 300, false, true));
    Playback.run(rx, net, 20 * 50, 8000, 7 * MS);
    assertTrue(rx.stats().targetDepthMs() == 40);
    assertTrue(rx.stats().late() > 100, "a fixed 40 ms buffer cannot absorb 100 ms of jitter: " + rx.stats());
  }
}
