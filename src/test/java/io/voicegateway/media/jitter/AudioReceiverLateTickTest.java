package io.voicegateway.media.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.media.codec.AudioDecoder;
import io.voicegateway.codec.CodecType;
import io.voicegateway.media.codec.Codecs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Late mixer ticks. The mixer reads one frame per 20 ms, but a late tick (cold JIT, GC, CPU contention) reads
 * every frame that fell due meanwhile back to back. Those catch-up reads must get the audio that arrived
 * during the stall, and a stall that also held up the packets must cost a short concealed gap, never the
 * rest of the talkspurt. Fake clock throughout: frame {@code k} is due at {@code k * 20 ms} and read at
 * {@code readAt[k]}; packets are offered when they have arrived by then.
 */
class AudioReceiverLateTickTest {
  private static final long MS = RecordedStream.MS;
  /** The gateway's defaults: 60 ms to start, up to 200 ms, adaptive, PLC on. */
  private static final JitterSettings DEFAULTS = new JitterSettings(60, 200, true, true);
  private static final int FRAME = 160;

  private static RecordedStream speech() {
    return RecordedStream.encode(TestSpeech.speech8k(), Codecs.encoder(CodecType.PCMU, null), 0, 20, 1000, 12345,
        0xCAFEL, 0, 1).shiftArrival(5 * MS);
  }

  private static short[] decoded(RecordedStream s) {
    AudioDecoder dec = Codecs.decoder(CodecType.PCMU, null);
    short[] out = new short[s.packets.size() * FRAME];
    int at = 0;
    for (RecordedStream.Pkt p : s.packets) {
      at += dec.decode(p.payload(), 0, p.payload().length, out, at);
    }
    return Arrays.copyOf(out, at);
  }

  /**
   * Read times of frames due every 20 ms from {@code firstNanos}, except that frames {@code from .. from + n - 1}
   * are all read by one late tick, at the last one's due time.
   */
  private static long[] lateTick(int frames, long firstNanos, int from, int n) {
    long[] at = new long[frames];
    for (int k = 0; k < frames; k++) {
      int dueFrame = k >= from && k < from + n ? from + n - 1 : k;
      at[k] = firstNanos + dueFrame * 20 * MS;
    }
    return at;
  }

  /** The output and what each frame was. */
  private record Output(short[] pcm, FrameKind[] kinds) {
    /** Frames from the first audio frame up to {@code end} that were not received audio. */
    int notAudioBefore(int end) {
      int first = Arrays.asList(kinds).indexOf(FrameKind.AUDIO);
      int n = 0;
      for (int k = first; k < end; k++) {
        n += kinds[k] == FrameKind.AUDIO ? 0 : 1;
      }
      return n;
    }
  }

  private static Output drive(AudioReceiver rx, RecordedStream stream, long[] readAt) {
    short[] out = new short[readAt.length * FRAME];
    FrameKind[] kinds = new FrameKind[readAt.length];
    short[] buf = new short[FRAME];
    int next = 0;
    List<RecordedStream.Pkt> ps = stream.packets;
    for (int k = 0; k < readAt.length; k++) {
      while (next < ps.size() && ps.get(next).arrivalNanos() <= readAt[k]) {
        RecordedStream.Pkt p = ps.get(next++);
        rx.offer(p.seq(), p.ts(), p.ssrc(), p.pt(), p.payload(), 0, p.payload().length, p.arrivalNanos());
      }
      kinds[k] = rx.readFrame(buf);
      System.arraycopy(buf, 0, out, k * FRAME, FRAME);
    }
    return new Output(out, kinds);
  }

  /**
   * Correlation of each voiced 100 ms of the source with the output, at the best lag within {@code offset ±
   * maxLagMs} (what an echo test measures window by window); {@code offsetSamples} is where the output's
   * timeline starts on the source's.
   */
  private static double[] windowCorrelations(short[] src, short[] out, int offsetSamples, int fromSample,
      int toSample, int maxLagMs) {
    int w = 800;
    List<Double> result = new ArrayList<>();
    for (int s = fromSample; s + w <= toSample && s + w <= src.length; s += w) {
      if (Playback.rms(src, s, s + w) < 300) {
        continue;
      }
      double best = -1;
      for (int lag = -maxLagMs * 8; lag <= maxLagMs * 8; lag++) {
        int at = s - offsetSamples + lag;
        if (at >= 0 && at + w <= out.length) {
          best = Math.max(best, correlation(src, s, out, at, w));
        }
      }
      result.add(best);
    }
    return result.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double correlation(short[] a, int ao, short[] b, int bo, int n) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[ao + i];
      mb += b[bo + i];
    }
    ma /= n;
    mb /= n;
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < n; i++) {
      double x = a[ao + i] - ma;
      double y = b[bo + i] - mb;
      ab += x * y;
      aa += x * x;
      bb += y * y;
    }
    return ab / Math.sqrt(Math.max(aa * bb, 1e-9));
  }

  private static int below(double[] corr, double limit) {
    int n = 0;
    for (double c : corr) {
      if (c < limit) {
        n++;
      }
    }
    return n;
  }

  /**
   * What the first call on a cold JVM does: the leg's consumer starts late, so 280 ms of packets arrive at once,
   * and the very next mixer tick is 80 ms late (4 frames due at once). The level seen by the first of those
   * catch-up reads includes audio the next three reads need; dropping it as excess starved them, and playout
   * then ran ahead of every following packet (each cut by the overrun, the rest concealed).
   */
  @Test
  void aLateTickAfterAStartupBurstKeepsTheAudioIntact() {
    RecordedStream s = speech();
    int frames = s.packets.size() + 20;
    RecordedStream burst = burstUntil(s, 285 * MS);
    long[] readAt = lateTick(frames, 290 * MS, 1, 4);
    AudioReceiver rx = new AudioReceiver(Codecs.decoder(CodecType.PCMU, null), 8000, DEFAULTS);
    Output out = drive(rx, burst, readAt);

    String stats = rx.stats().toString();
    assertEquals(0, rx.stats().lost(), stats);
    assertEquals(0, out.notAudioBefore(s.packets.size() - 20), "frames concealed mid-speech; " + stats);
    short[] src = decoded(s);
    double[] corr = windowCorrelations(src, out.pcm(), 290 * 8, 400 * 8, src.length - 8000, 300);
    assertTrue(corr.length > 50, "voiced windows " + corr.length);
    // The depth then shrinks toward its target 10 ms at a time; a cut inside a window halves it at worst.
    assertEquals(0, below(corr, 0.5), "windows below 0.5: " + Arrays.toString(corr));
    assertTrue(below(corr, 0.9) <= 2, "windows below 0.9: " + Arrays.toString(corr));
  }

  /**
   * A stall that holds up both threads (a GC pause): the mixer catches up 5 frames before the socket thread has
   * handed over the packets that arrived meanwhile. Those frames are concealed; the packets, when they come,
   * are played whole from where playout stands (the buffer gets deeper), not cut or dropped as late.
   */
  @Test
  void aStallThatAlsoHoldsUpThePacketsCostsOnlyAConcealedGap() {
    RecordedStream s = speech();
    int frames = s.packets.size() + 20;
    int stallFrom = 100;
    // Packets sent during the stall reach the receiver together, 10 ms after the mixer's catch-up read.
    List<RecordedStream.Pkt> ps = new ArrayList<>();
    long resume = (stallFrom + 4) * 20 * MS;
    for (RecordedStream.Pkt p : s.packets) {
      boolean held = p.arrivalNanos() > (stallFrom - 1) * 20 * MS && p.arrivalNanos() < resume + 10 * MS;
      ps.add(held ? p.arriving(resume + 10 * MS) : p);
    }
    long[] readAt = lateTick(frames, 0, stallFrom, 5);
    AudioReceiver rx = new AudioReceiver(Codecs.decoder(CodecType.PCMU, null), 8000, DEFAULTS);
    Output out = drive(rx, new RecordedStream(ps), readAt);

    String stats = rx.stats().toString();
    assertEquals(0, rx.stats().lost(), stats);
    assertEquals(0, rx.stats().late(), stats);
    assertTrue(out.notAudioBefore(s.packets.size() - 20) <= 5, "no more than the stall concealed; " + stats);
    short[] src = decoded(s);
    double[] corr = windowCorrelations(src, out.pcm(), 0, (stallFrom + 20) * FRAME, src.length - 8000, 300);
    assertTrue(corr.length > 50, "voiced windows " + corr.length);
    assertEquals(0, below(corr, 0.5), "windows below 0.5 after the stall: " + Arrays.toString(corr));
    assertTrue(below(corr, 0.9) <= 2, "windows below 0.9 after the stall: " + Arrays.toString(corr));
  }

  /** Packets that arrived before {@code nanos} are handed over together at {@code nanos}. */
  private static RecordedStream burstUntil(RecordedStream s, long nanos) {
    List<RecordedStream.Pkt> ps = new ArrayList<>();
    for (RecordedStream.Pkt p : s.packets) {
      ps.add(p.arrivalNanos() < nanos ? p.arriving(nanos) : p);
    }
    return new RecordedStream(ps);
  }
}
