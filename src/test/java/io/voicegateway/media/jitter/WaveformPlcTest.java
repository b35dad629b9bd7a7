package io.voicegateway.media.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** G.711 Appendix I behaviour of {@link WaveformPlc} on a voiced (harmonic) signal with a known pitch. */
class WaveformPlcTest {
  private static final int RATE = 8000;

  /** A 125 Hz voiced sound (period 64 samples) with decaying harmonics. */
  private static short voiced(int i) {
    double v = 0;
    for (int h = 1; h <= 8; h++) {
      v += Math.sin(2 * Math.PI * 125 * h * i / RATE + h) / h;
    }
    return (short) Math.round(8000 * v);
  }

  private static short[] signal(int n) {
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = voiced(i);
    }
    return s;
  }

  @Test
  void continuesThePitchPeriodThenFadesToSilenceAfter60ms() {
    WaveformPlc plc = new WaveformPlc(RATE);
    int lb = plc.lookback();
    int played = 800;
    short[] buf = new short[played + 800];
    short[] truth = signal(buf.length);
    System.arraycopy(truth, 0, buf, 0, played);
    plc.good(buf, 0, played);
    plc.conceal(buf, played, 640); // 80 ms
    assertEquals(64, plc.pitch(), "pitch by autocorrelation");
    // First 10 ms: the repeated period matches the true continuation closely.
    assertTrue(Playback.snrDb(truth, buf, played, played + 80) > 25,
        "first 10 ms SNR " + Playback.snrDb(truth, buf, played, played + 80));
    // The rewritten look-back still matches the real signal (a periodic signal joins itself seamlessly).
    assertTrue(Playback.snrDb(truth, buf, played - lb, played) > 25);
    // 20 % less per 10 ms after the first 10 ms: gain 0.8 at 20 ms, 0.4 at 40 ms, silent from 60 ms.
    assertEquals(0.8, rms(buf, played + 150, 20) / rms(truth, played + 150, 20), 0.08);
    assertEquals(0.4, rms(buf, played + 310, 20) / rms(truth, played + 310, 20), 0.08);
    for (int i = played + 480; i < played + 640; i++) {
      assertEquals(0, buf[i], "silent after 60 ms at " + i);
    }
    assertTrue(Playback.maxStep(buf, played - lb - 1, played + 640) <= Playback.maxStep(truth, 0, played) * 1.05);
  }

  @Test
  void overlapAddsBackIntoRealAudioWithoutAStep() {
    WaveformPlc plc = new WaveformPlc(RATE);
    short[] truth = signal(2000);
    short[] buf = new short[2000];
    System.arraycopy(truth, 0, buf, 0, 800);
    plc.good(buf, 0, 800);
    plc.conceal(buf, 800, 200); // 25 ms lost
    System.arraycopy(truth, 1000, buf, 1000, 1000);
    plc.good(buf, 1000, 1000);
    assertTrue(!plc.concealing());
    int cleanStep = Playback.maxStep(truth, 0, 2000);
    assertTrue(Playback.maxStep(buf, 700, 1200) <= cleanStep * 1.05,
        Playback.maxStep(buf, 700, 1200) + " vs " + cleanStep);
    // After the cross-fade (1/4 pitch + 4 ms per lost 10 ms, at most 10 ms) the audio is the real audio again.
    for (int i = 1080; i < 2000; i++) {
      assertEquals(truth[i], buf[i]);
    }
  }

  @Test
  void pitchFollowsTheSignalAt16kHz() {
    WaveformPlc plc = new WaveformPlc(16000);
    short[] s = new short[3200];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) Math.round(8000 * (Math.sin(2 * Math.PI * 200 * i / 16000.0)
          + 0.5 * Math.sin(2 * Math.PI * 400 * i / 16000.0)));
    }
    plc.good(s, 0, 2400);
    short[] out = new short[3200];
    System.arraycopy(s, 0, out, 0, 2400);
    plc.conceal(out, 2400, 160);
    assertEquals(80, plc.pitch());
    assertTrue(Playback.snrDb(s, out, 2400, 2560) > 25);
  }

  private static double rms(short[] a, int from, int n) {
    double e = 0;
    for (int i = from; i < from + n; i++) {
      e += (double) a[i] * a[i];
    }
    return Math.sqrt(e / n);
  }
}
