package io.voicegateway.media.jitter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.media.codec.AudioEncoder;
import io.voicegateway.codec.CodecType;
import io.voicegateway.media.codec.Codecs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ordering, duplicates, late packets, stream restarts, comfort noise and bad input on G.711 streams. */
class AudioReceiverStreamTest {
  private static final JitterSettings FIXED_60 = new JitterSettings(60, 200, false, true);
  private static final long MS = RecordedStream.MS;

  private static AudioReceiver receiver() {
    return new AudioReceiver(Codecs.decoder(CodecType.PCMU, null), 8000, FIXED_60);
  }

  private static AudioEncoder pcmu() {
    return Codecs.encoder(CodecType.PCMU, null);
  }

  private static short[] seconds(short[] pcm, double s) {
    return Arrays.copyOf(pcm, (int) (8000 * s));
  }

  private static RecordedStream speech(double s, int ptime, int seq, long ts, long ssrc, long startNanos) {
    return RecordedStream.encode(seconds(TestSpeech.speech8k(), s), pcmu(), 0, ptime, seq, ts, ssrc, startNanos, 1)
        .shiftArrival(5 * MS);
  }

  @Test
  void silenceBeforeTheFirstPacket() {
    AudioReceiver rx = receiver();
    short[] out = new short[160];
    Arrays.fill(out, (short) 1234);
    for (int i = 0; i < 5; i++) {
      assertEquals(FrameKind.SILENCE, rx.readFrame(out));
      assertArrayEquals(new short[160], out);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 20, 30, 40, 60})
  void anyPtimeIsReframedTo20msBitExact(int ptime) {
    RecordedStream s = speech(3, ptime, 100, 0, 7, 0);
    AudioReceiver rx = receiver();
    Playback got = Playback.run(rx, s, 160, 8000, 0);
    short[] decoded = decode(s);
    int start = got.firstAudioFrame();
    int delay = Playback.bestLag(decoded, got.pcm, 2000);
    assertEquals(start * 160 + 30, delay, "silent frames while buffering, then the 3.75 ms look-back");
    // (The last 3.75 ms are joined into the concealment that follows the end of the stream.)
    for (int i = 0; i < decoded.length - 30; i++) {
      assertEquals(decoded[i], got.pcm[i + delay], "sample " + i);
    }
    assertEquals(List.of(FrameKind.AUDIO), got.kinds.subList(start + 1, start + 140).stream().distinct().toList());
    assertEquals(0, rx.stats().lost() + rx.stats().late());
    // Only the 60 ms fade after the stream ends, which the 3.75 ms look-back spreads over four frames.
    assertEquals(4, rx.stats().concealedFrames());
  }

  @Test
  void reorderingAndDuplicatesWithinTheDepthChangeNothing() {
    RecordedStream clean = speech(4, 20, 65500, 4294960000L, 7, 0); // both counters wrap during the stream
    Playback ref = Playback.run(receiver(), clean, 215, 8000, 0);
    RecordedStream messy = clean.swapEvery(5).duplicates(0.1, 15, 3);
    int dups = messy.packets.size() - clean.packets.size();
    AudioReceiver rx = receiver();
    Playback got = Playback.run(rx, messy, 215, 8000, 0);
    assertArrayEquals(ref.pcm, got.pcm, "identical audio");
    assertEquals(dups, rx.stats().duplicates());
    assertEquals(0, rx.stats().lost());
    assertEquals(0, rx.stats().late());
    assertEquals(clean.packets.size(), rx.stats().received());
    assertEquals(ref.kinds, got.kinds);
  }

  @Test
  void aPacketLaterThanTheDepthIsCountedLateAndConcealed() {
    RecordedStream clean = speech(3, 20, 100, 0, 7, 0);
    List<RecordedStream.Pkt> ps = new ArrayList<>(clean.packets);
    RecordedStream.Pkt p = ps.get(60);
    ps.set(60, p.arriving(p.arrivalNanos() + 150 * MS)); // 150 ms late against a 60 ms buffer
    RecordedStream.Pkt q = ps.get(80);
    ps.add(q.arriving(q.arrivalNanos() + 400 * MS)); // a duplicate long after its time
    AudioReceiver rx = receiver();
    Playback got = Playback.run(rx, new RecordedStream(ps).sorted(), 160, 8000, 0);
    assertEquals(1, rx.stats().late());
    assertEquals(1, rx.stats().duplicates(), "a copy of a played packet is a duplicate, not late");
    assertEquals(0, rx.stats().lost(), "it arrived: late, not lost (RFC 3550)");
    assertEquals(clean.packets.size(), rx.stats().received());
    assertTrue(got.count(FrameKind.CONCEALED) >= 1);
  }

  @Test
  void ssrcChangeStartsANewStream() {
    short[] other = TestSpeech.synthetic(8000, 2);
    RecordedStream a = speech(2, 20, 100, 0, 1, 0);
    RecordedStream b = RecordedStream.encode(other, pcmu(), 0, 20, 40000, 3_000_000_000L, 2, 2000 * MS, 1)
        .shiftArrival(5 * MS);
    AudioReceiver rx = receiver();
    Playback got = Playback.run(rx, a.concat(b), 220, 8000, 0);
    assertEquals(1, rx.stats().resets());
    assertEquals(0, rx.stats().late());
    assertEquals(0, rx.stats().lost());
    // Stream B plays in full, bit-exact after G.711, at the buffer's depth.
    short[] bDecoded = decode(b);
    int from = 2000 * 8;
    short[] tail = Arrays.copyOfRange(got.pcm, from, got.pcm.length);
    int lag = Playback.bestLag(bDecoded, tail, 1600);
    assertTrue(lag <= 60 * 8 + 30 + 160, "B starts within depth + one frame, lag " + lag);
    assertTrue(Playback.snrDb(bDecoded, Arrays.copyOfRange(tail, lag, lag + 12000), 800, 12000) > 40);
  }

  @Test
  void aSequenceJumpRestartsOnlyWhenConfirmed() {
    RecordedStream a = speech(2, 20, 100, 0, 9, 0);
    List<RecordedStream.Pkt> ps = new ArrayList<>(a.packets);
    RecordedStream.Pkt stray = ps.get(50);
    ps.add(new RecordedStream.Pkt(30000, 999, 9, 0, stray.payload(), 0, stray.arrivalNanos() + MS)); // one stray
    // Resume after hold: same SSRC, new sequence and timestamp bases.
    RecordedStream b = speech(2, 20, 20000, 77_000_000L, 9, 2500 * MS);
    AudioReceiver rx = receiver();
    Playback got = Playback.run(rx, new RecordedStream(ps).sorted().concat(b), 240, 8000, 0);
    assertEquals(1, rx.stats().resets(), "the stray packet did not restart the stream; the resume did");
    assertEquals(1, rx.stats().dropped(), "the stray is dropped; the first packet after the jump is kept");
    assertEquals(0, rx.stats().lost());
    assertEquals(FrameKind.AUDIO, got.kinds.get(200));
  }

  @Test
  void pauseAndResumeWithContinuousNumbersPlaysAtTheSameDepth() {
    RecordedStream a = speech(1, 20, 100, 0, 9, 0);
    // Sender stops for 2 s (no comfort noise) and resumes; sequence continues, timestamp follows real time.
    RecordedStream b = RecordedStream.encode(seconds(TestSpeech.speech8k(), 1), pcmu(), 0, 20, 150, 3 * 8000, 9,
        3000 * MS, 1).shiftArrival(5 * MS);
    AudioReceiver rx = receiver();
    Playback got = Playback.run(rx, a.concat(b), 220, 8000, 0);
    assertEquals(0, rx.stats().late());
    assertEquals(0, rx.stats().lost());
    assertEquals(FrameKind.SILENCE, got.kinds.get(100));
    int resume = got.kinds.subList(110, 220).indexOf(FrameKind.AUDIO) + 110;
    assertEquals(153, resume, "resumes after the same 60 ms of buffering");
  }

  @Test
  void comfortNoisePlaysAtTheSignalledLevelUntilAudioResumes() {
    RecordedStream a = speech(1, 20, 100, 0, 5, 0);
    List<RecordedStream.Pkt> ps = new ArrayList<>(a.packets);
    // RFC 3389: level 40 -dBov, then a refresh; then silence from the sender until audio resumes at 2 s.
    ps.add(new RecordedStream.Pkt(150, 8000, 5, 13, new byte[] {40}, 0, 1005 * MS));
    ps.add(new RecordedStream.Pkt(151, 8000 + 4000, 5, 13, new byte[] {40, 1, 2}, 0, 1505 * MS));
    RecordedStream b = RecordedStream.encode(seconds(TestSpeech.speech8k(), 1), pcmu(), 0, 20, 152, 16000, 5,
        2000 * MS, 1).shiftArrival(5 * MS);
    AudioReceiver rx = receiver();
    Playback got = Playback.run(rx, new RecordedStream(ps).sorted().concat(b), 160, 8000, 0);
    for (int f = 60; f < 100; f++) {
      assertEquals(FrameKind.COMFORT_NOISE, got.kinds.get(f), "frame " + f);
    }
    double expected = 32767 * Math.pow(10, -40 / 20.0);
    double rms = Playback.rms(got.pcm, 60 * 160, 100 * 160);
    assertEquals(0, 20 * Math.log10(rms / expected), 0.5, "noise level in dB against -40 dBov");
    assertEquals(FrameKind.AUDIO, got.kinds.get(110));
    assertEquals(0, rx.stats().lost());
  }

  @Test
  void resetForgetsTheStreamAndFadesOut() {
    RecordedStream a = speech(2, 20, 100, 0, 5, 0);
    AudioReceiver rx = receiver();
    int[] resetAt = {-1};
    Playback got = Playback.run(rx, a, 100, 8000, 0, t -> {
      if (t == 49) {
        rx.reset(); // e.g. the codec changed; the stream's later packets are then a new stream
        resetAt[0] = t + 1;
      }
    });
    assertEquals(1, rx.stats().resets());
    int clean = Playback.maxStep(decode(a), 0, 16000);
    // The old stream fades out through concealment while the new one buffers (frames 50-52), then fades in.
    assertTrue(Playback.maxStep(got.pcm, 50 * 160 - 1, 52 * 160) <= Playback.maxStep(got.pcm, 0, 50 * 160),
        "no click when the stream is cut");
    assertEquals(List.of(FrameKind.CONCEALED, FrameKind.CONCEALED), got.kinds.subList(50, 52));
    assertTrue(Playback.maxStep(got.pcm, 52 * 160 - 1, 100 * 160) <= clean, "no click when the new stream starts");
    assertEquals(FrameKind.AUDIO, got.kinds.get(90), "the packets after the reset play as a new stream");
  }

  /** The network holds everything sent in [from, to) ms and delivers it at once at {@code to} + 10 ms. */
  @ParameterizedTest
  @ValueSource(ints = {180, 500}) // shorter than the 200 ms stall limit (trimmed while playing) and longer
  void aDelaySpikeNeverLeavesMoreThanMaxMsBuffered(int holdMs) {
    RecordedStream clean = speech(4, 20, 100, 0, 5, 0);
    List<RecordedStream.Pkt> ps = new ArrayList<>();
    for (RecordedStream.Pkt p : clean.packets) {
      long sent = p.sendNanos();
      ps.add(sent >= 1000 * MS && sent < (1000 + holdMs) * MS ? p.arriving((1010 + holdMs) * MS) : p);
    }
    int maxMs = 100;
    AudioReceiver rx = new AudioReceiver(Codecs.decoder(CodecType.PCMU, null), 8000,
        new JitterSettings(40, maxMs, false, true));
    double[] depth = new double[215];
    Playback got = Playback.run(rx, new RecordedStream(ps).sorted(), 215, 8000, 0,
        t -> depth[t] = rx.stats().depthMs());
    assertTrue(rx.stats().late() > 0, rx.stats().toString());
    for (int t = 0; t < 215; t++) {
      assertTrue(depth[t] <= maxMs + 20, "depth " + depth[t] + " at tick " + t);
    }
    assertEquals(FrameKind.AUDIO, got.kinds.get(150), "plays again after the spike");
    int cleanStep = Playback.maxStep(decode(clean), 0, 32000);
    assertTrue(Playback.maxStep(got.pcm, 0, got.pcm.length) <= cleanStep, "no click around the spike");
  }

  @Test
  void aMixerCatchingUpAfterAStallLosesNothing() {
    RecordedStream s = speech(3, 20, 100, 0, 5, 0);
    Playback ref = Playback.run(receiver(), s, 150, 8000, 0);
    AudioReceiver rx = receiver(); // 60 ms depth, 200 ms max: the stall is longer than the max
    short[] out = new short[150 * 160];
    short[] buf = new short[160];
    int next = 0;
    for (int t = 0; t < 150; t++) {
      // The mixer stalls from tick 50 to 64 (300 ms), then runs the 15 due ticks back to back at tick 65.
      long now = (t >= 50 && t < 65 ? 65 : t) * 20 * MS;
      while (next < s.packets.size() && s.packets.get(next).arrivalNanos() <= now) {
        RecordedStream.Pkt p = s.packets.get(next++);
        rx.offer(p.seq(), p.ts(), p.ssrc(), p.pt(), p.payload(), 0, p.payload().length, p.arrivalNanos());
      }
      rx.readFrame(buf);
      System.arraycopy(buf, 0, out, t * 160, 160);
    }
    assertEquals(0, rx.stats().late() + rx.stats().lost() + rx.stats().dropped(), rx.stats().toString());
    assertArrayEquals(ref.pcm, out);
  }

  @Test
  void aFastSenderClockIsTrimmedBackSmoothly() {
    // The sender's clock runs 2 % fast: 20 ms packets every 19.6 ms. A fixed buffer would grow without bound.
    RecordedStream s = speech(30, 20, 100, 0, 5, 0);
    s = new RecordedStream(s.packets.stream().map(p -> p.arriving(p.arrivalNanos() * 98 / 100)).toList());
    AudioReceiver rx = new AudioReceiver(Codecs.decoder(CodecType.PCMU, null), 8000,
        new JitterSettings(40, 100, false, true));
    double[] depth = new double[1500];
    Playback got = Playback.run(rx, s, 1460, 8000, 0, t -> depth[t] = rx.stats().depthMs());
    for (int t = 0; t < 1460; t++) {
      int tick = t;
      assertTrue(depth[t] <= 100 + 40, () -> "depth (smoothed) at most max + two frames, at tick " + tick + ": "
          + Arrays.toString(Arrays.copyOfRange(depth, Math.max(0, tick - 30), tick + 1)) + " " + rx.stats());
    }
    assertTrue(rx.stats().late() > 0, "trimmed by dropping the oldest packets: " + rx.stats());
    int cleanStep = Playback.maxStep(decode(s), 0, 30 * 8000);
    assertTrue(Playback.maxStep(got.pcm, 0, got.pcm.length) <= cleanStep, "no click at the trims");
  }

  @Test
  void badInputIsCountedAndDropped() {
    AudioReceiver rx = receiver();
    rx.offer(1, 0, 1, 0, new byte[10], 0, 0, 0); // empty audio payload
    rx.offer(2, 160, 1, 0, new byte[2000], 0, 2000, 0); // oversized
    rx.offer(3, 320, 1, 0, new byte[10], 5, 10, 0); // past the end of the buffer
    rx.offer(4, 480, 1, 0, null, 0, 10, 0);
    short[] out = new short[160];
    assertEquals(FrameKind.SILENCE, rx.readFrame(out));
    assertEquals(4, rx.stats().dropped());
    assertEquals(0, rx.stats().received());
  }

  private static short[] decode(RecordedStream s) {
    var dec = Codecs.decoder(CodecType.PCMU, null);
    short[] out = new short[s.packets.size() * 480];
    int at = 0;
    for (RecordedStream.Pkt p : s.packets) {
      at += dec.decode(p.payload(), 0, p.payload().length, out, at);
    }
    return Arrays.copyOf(out, at);
  }
}
