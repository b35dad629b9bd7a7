package io.voicegateway.it.support;

import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.Tools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Audio for multi-party tests: short utterances of distinct text (espeak-ng, 8 kHz), a phone's script of silences
 * and utterances as one WAV (baresip plays it from its answer and hangs up at its end), and the checks on what a
 * phone heard: where an utterance sits in it (by 10 ms energy envelopes), and a reference mix of the utterances it
 * should have heard, each at the place found, compared window by window ({@link AudioMatch#align}).
 */
public final class SpeechScript {
  public static final int RATE = 8000;
  private static final int ENVELOPE = RATE / 100;
  /** The reference is placed this much early, so the per-window lag search (0 … 150 ms) spans both sides. */
  private static final int LEAD = RATE * 40 / 1000;

  private SpeechScript() {}

  /** {@code text} spoken, as a mono 8 kHz WAV named {@code name}.wav in {@code dir}. */
  public static Path utterance(Path dir, String name, String text) throws IOException, InterruptedException {
    Tools.require("espeak-ng", "sox");
    Path raw = dir.resolve(name + "-raw.wav");
    Path out = dir.resolve(name + ".wav");
    Tools.run("espeak-ng", "-v", "en", "-s", "160", "-w", raw.toString(), text);
    Tools.run("sox", raw.toString(), "-r", Integer.toString(RATE), "-c", "1", "-b", "16", out.toString(),
        "gain", "-n", "-3");
    return out;
  }

  /**
   * A phone's script: silence until each utterance's start (seconds from the phone's answer), then the utterance,
   * then silence until {@code endSeconds}, when the phone hangs up.
   */
  public static Path script(Path dir, String name, double endSeconds, Object... startAndUtterance)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("sox"));
    double at = 0;
    int part = 0;
    for (int i = 0; i < startAndUtterance.length; i += 2) {
      double start = ((Number) startAndUtterance[i]).doubleValue();
      Path speech = (Path) startAndUtterance[i + 1];
      command.add(silence(dir, name + "-" + part++, start - at).toString());
      command.add(speech.toString());
      at = start + seconds(speech);
    }
    command.add(silence(dir, name + "-" + part, endSeconds - at).toString());
    Path out = dir.resolve(name + "-script.wav");
    command.add(out.toString());
    Tools.run(command);
    return out;
  }

  public static double seconds(Path wav) throws IOException {
    return AudioMatch.read(wav, RATE).length / (double) RATE;
  }

  private static Path silence(Path dir, String name, double seconds) throws IOException, InterruptedException {
    if (seconds < 0.05) {
      throw new IllegalArgumentException("utterances of " + name + " overlap");
    }
    Path out = dir.resolve(name + "-silence.wav");
    Tools.run("sox", "-n", "-r", Integer.toString(RATE), "-c", "1", "-b", "16", out.toString(), "trim", "0",
        String.format(java.util.Locale.ROOT, "%.3f", seconds));
    return out;
  }

  /** The sample where {@code speech} best fits in {@code heard}: the highest envelope correlation. */
  public static int locate(short[] speech, short[] heard) {
    double[] s = envelope(speech);
    double[] h = envelope(heard);
    int best = 0;
    double bestC = -2;
    for (int at = 0; at + s.length <= h.length; at++) {
      double c = pearson(s, h, at);
      if (c > bestC) {
        bestC = c;
        best = at;
      }
    }
    return best * ENVELOPE;
  }

  /** What {@code heard} should be: each utterance at the place {@link #locate} finds for it. */
  public static short[] reference(short[] heard, short[]... utterances) {
    short[] mix = new short[heard.length];
    for (short[] u : utterances) {
      int at = Math.max(0, locate(u, heard) - LEAD);
      for (int i = 0; i < u.length && at + i < mix.length; i++) {
        mix[at + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, mix[at + i] + u[i]));
      }
    }
    return mix;
  }

  /**
   * How well {@code heard} matches the reference mix of {@code utterances}: 250 ms windows, lags 0 … 150 ms. Short
   * windows because a receiver's jitter buffer may shift a stream by a few ms when it adapts (a busy sender's
   * bursts): that spoils the one window it falls in, not the half second around it.
   */
  public static AudioMatch.Result heardMixOf(short[] heard, short[]... utterances) {
    return AudioMatch.align(reference(heard, utterances), heard, RATE, 250, 150);
  }

  private static double[] envelope(short[] pcm) {
    double[] e = new double[pcm.length / ENVELOPE];
    for (int f = 0; f < e.length; f++) {
      double sum = 0;
      for (int i = f * ENVELOPE; i < (f + 1) * ENVELOPE; i++) {
        sum += (double) pcm[i] * pcm[i];
      }
      e[f] = Math.sqrt(sum / ENVELOPE);
    }
    return e;
  }

  private static double pearson(double[] a, double[] b, int bo) {
    double sa = 0, sb = 0;
    int n = a.length;
    for (int i = 0; i < n; i++) {
      sa += a[i];
      sb += b[bo + i];
    }
    double ma = sa / n, mb = sb / n, num = 0, da = 0, db = 0;
    for (int i = 0; i < n; i++) {
      double x = a[i] - ma, y = b[bo + i] - mb;
      num += x * y;
      da += x * x;
      db += y * y;
    }
    return da == 0 || db == 0 ? 0 : num / Math.sqrt(da * db);
  }
}
