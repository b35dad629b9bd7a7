package io.voicegateway.media.jitter;

import java.util.ArrayList;
import java.util.List;

/**
 * Drives an {@link AudioReceiver} the way the leg does: packets are offered at their arrival time on a fake
 * clock, and a 20 ms tick reads one frame. No sleeping, no threads.
 */
final class Playback {
  final short[] pcm;
  final List<FrameKind> kinds;
  final int frame;

  private Playback(short[] pcm, List<FrameKind> kinds, int frame) {
    this.pcm = pcm;
    this.kinds = kinds;
    this.frame = frame;
  }

  /** Plays {@code stream} from t=0 for {@code ticks} ticks; the tick at time t reads after every arrival ≤ t. */
  static Playback run(AudioReceiver rx, RecordedStream stream, int ticks, int sampleRate, long tickPhaseNanos) {
    return run(rx, stream, ticks, sampleRate, tickPhaseNanos, t -> { });
  }

  /** As above; {@code afterTick} sees the tick index after each frame (to sample stats or reset). */
  static Playback run(AudioReceiver rx, RecordedStream stream, int ticks, int sampleRate, long tickPhaseNanos,
      java.util.function.IntConsumer afterTick) {
    int frame = sampleRate / 50;
    short[] out = new short[ticks * frame];
    short[] buf = new short[frame];
    List<FrameKind> kinds = new ArrayList<>();
    int next = 0;
    List<RecordedStream.Pkt> ps = stream.packets;
    for (int t = 0; t < ticks; t++) {
      long now = t * 20 * RecordedStream.MS + tickPhaseNanos;
      while (next < ps.size() && ps.get(next).arrivalNanos() <= now) {
        RecordedStream.Pkt p = ps.get(next++);
        rx.offer(p.seq(), p.ts(), p.ssrc(), p.pt(), p.payload(), 0, p.payload().length, p.arrivalNanos());
      }
      kinds.add(rx.readFrame(buf));
      System.arraycopy(buf, 0, out, t * frame, frame);
      afterTick.accept(t);
    }
    return new Playback(out, kinds, frame);
  }

  /** RMS of {@code pcm} over [from, to). */
  static double rms(short[] pcm, int from, int to) {
    double e = 0;
    for (int i = from; i < to; i++) {
      e += (double) pcm[i] * pcm[i];
    }
    return Math.sqrt(e / Math.max(1, to - from));
  }

  int firstAudioFrame() {
    return kinds.indexOf(FrameKind.AUDIO);
  }

  long count(FrameKind k) {
    return kinds.stream().filter(k::equals).count();
  }

  /** The largest sample-to-sample step across the joins between consecutive frames, from {@code fromFrame}. */
  int maxJoinStep(int fromFrame) {
    int max = 0;
    for (int f = Math.max(1, fromFrame); f < kinds.size(); f++) {
      int i = f * frame;
      max = Math.max(max, Math.abs(pcm[i] - pcm[i - 1]));
    }
    return max;
  }

  /** The largest sample-to-sample step anywhere in {@code pcm}. */
  static int maxStep(short[] pcm, int from, int to) {
    int max = 0;
    for (int i = Math.max(1, from); i < to; i++) {
      max = Math.max(max, Math.abs(pcm[i] - pcm[i - 1]));
    }
    return max;
  }

  /** SNR (dB) of {@code test} against {@code ref} over [from, to). */
  static double snrDb(short[] ref, short[] test, int from, int to) {
    double s = 0;
    double e = 0;
    for (int i = from; i < to; i++) {
      s += (double) ref[i] * ref[i];
      double d = ref[i] - test[i];
      e += d * d;
    }
    return 10 * Math.log10(s / Math.max(e, 1e-9));
  }

  /** The lag (samples, 0..maxLag) at which {@code out} best matches {@code src} (out[i + lag] ≈ src[i]). */
  static int bestLag(short[] src, short[] out, int maxLag) {
    int best = 0;
    double bestC = -Double.MAX_VALUE;
    for (int lag = 0; lag <= maxLag; lag++) {
      double c = 0;
      for (int i = 0; i + lag < out.length && i < src.length; i++) {
        c += (double) src[i] * out[i + lag];
      }
      if (c > bestC) {
        bestC = c;
        best = lag;
      }
    }
    return best;
  }
}
