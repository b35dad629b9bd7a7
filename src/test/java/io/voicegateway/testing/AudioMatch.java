package io.voicegateway.testing;

import io.voicegateway.media.Pcm;
import io.voicegateway.media.resample.Resampler;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligns what came back with what was sent. A real peer's jitter buffer may move the alignment by a
 * frame or two while it settles, so the audio is compared in windows, each aligned on its own: the
 * result is the median of the windows' best normalized cross-correlations, and the largest lag among them.
 */
public final class AudioMatch {
  /** One window: where it starts in {@code sent}, its best lag and correlation there. */
  public record Window(int startSample, int lagSamples, double correlation) {}

  /** @param medianCorrelation in [-1, 1]; @param maxLagMs the largest per-window lag */
  public record Result(double medianCorrelation, double maxLagMs, List<Window> windows) {
    @Override
    public String toString() {
      return String.format("median correlation %.3f over %d windows, max lag %.1f ms",
          medianCorrelation, windows.size(), maxLagMs);
    }
  }

  private AudioMatch() {}

  /**
   * Compares {@code received} against {@code sent} (both mono at {@code rate}) in windows of
   * {@code windowMs}, searching lags 0 … {@code maxLagMs}. Windows of near silence in {@code sent} are
   * skipped: they carry no shape to match.
   */
  public static Result align(short[] sent, short[] received, int rate, int windowMs, int maxLagMs) {
    int w = rate * windowMs / 1000;
    int maxLag = rate * maxLagMs / 1000;
    List<Window> windows = new ArrayList<>();
    for (int start = 0; start + w <= sent.length; start += w) {
      if (rms(sent, start, w) < 300) {
        continue;
      }
      int bestLag = 0;
      double best = -1;
      for (int lag = 0; lag <= maxLag && start + lag + w <= received.length; lag++) {
        double c = correlation(sent, start, received, start + lag, w);
        if (c > best) {
          best = c;
          bestLag = lag;
        }
      }
      windows.add(new Window(start, bestLag, best));
    }
    if (windows.isEmpty()) {
      return new Result(-1, 0, windows);
    }
    double[] c = windows.stream().mapToDouble(Window::correlation).sorted().toArray();
    double maxLagMsSeen = windows.stream().mapToInt(Window::lagSamples).max().orElse(0) * 1000.0 / rate;
    return new Result(c[c.length / 2], maxLagMsSeen, windows);
  }

  /** Pearson correlation of a[ao …] against b[bo …] over n samples. */
  static double correlation(short[] a, int ao, short[] b, int bo, int n) {
    double sa = 0, sb = 0;
    for (int i = 0; i < n; i++) {
      sa += a[ao + i];
      sb += b[bo + i];
    }
    double ma = sa / n, mb = sb / n;
    double num = 0, da = 0, db = 0;
    for (int i = 0; i < n; i++) {
      double x = a[ao + i] - ma, y = b[bo + i] - mb;
      num += x * y;
      da += x * x;
      db += y * y;
    }
    return da == 0 || db == 0 ? 0 : num / Math.sqrt(da * db);
  }

  private static double rms(short[] s, int off, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += (double) s[off + i] * s[off + i];
    }
    return Math.sqrt(sum / n);
  }

  /** Changes rate with the gateway's own band-limited resampler (8, 16 or 48 kHz). */
  public static short[] resample(short[] in, int fromRate, int toRate) {
    if (fromRate == toRate) {
      return in;
    }
    Resampler r = new Resampler(fromRate, toRate);
    float[] f = new float[in.length];
    Pcm.toFloat(in, 0, f, 0, in.length);
    float[] out = new float[r.maxOutput(in.length)];
    int n = r.process(f, in.length, out);
    short[] s = new short[n];
    Pcm.toShort(out, 0, s, 0, n);
    return s;
  }

  /** A recording read as mono at {@code rate}, ready for {@link #align}; fails when there is none. */
  public static short[] read(java.nio.file.Path wav, int rate) throws java.io.IOException {
    if (wav == null) {
      throw new AssertionError("no audio recording");
    }
    Wav w = Wav.read(wav);
    return resample(mono(w.samples(), w.channels()), w.sampleRate(), rate);
  }

  /**
   * The samples from {@code leadMs} before speech starts: the first 20 ms frame of five in a row louder than
   * -40 dBFS (a click as a leg joins is shorter than that and does not count). {@link #align} searches only for
   * received audio that lags what was sent, so the received side gets the longer lead.
   */
  public static short[] fromOnset(short[] pcm, int rate, int leadMs) {
    int frame = rate / 50;
    int loudInARow = 0;
    for (int start = 0; start + frame <= pcm.length; start += frame) {
      double energy = 0;
      for (int i = start; i < start + frame; i++) {
        energy += (double) pcm[i] * pcm[i];
      }
      loudInARow = Math.sqrt(energy / frame) > 327 ? loudInARow + 1 : 0;
      if (loudInARow == 5) {
        int onset = start - 4 * frame;
        return java.util.Arrays.copyOfRange(pcm, Math.max(0, onset - rate * leadMs / 1000), pcm.length);
      }
    }
    return pcm;
  }

  /** One channel of interleaved samples. */
  public static short[] channel(short[] interleaved, int channels, int channel) {
    short[] out = new short[interleaved.length / channels];
    for (int i = 0; i < out.length; i++) {
      out[i] = interleaved[i * channels + channel];
    }
    return out;
  }

  /** Averages interleaved channels into one. */
  public static short[] mono(short[] interleaved, int channels) {
    if (channels <= 1) {
      return interleaved;
    }
    short[] out = new short[interleaved.length / channels];
    for (int i = 0; i < out.length; i++) {
      int sum = 0;
      for (int c = 0; c < channels; c++) {
        sum += interleaved[i * channels + c];
      }
      out[i] = (short) (sum / channels);
    }
    return out;
  }

}
