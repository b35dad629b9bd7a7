package io.voicegateway.media.jitter;

/**
 * Waveform packet-loss concealment for codecs without their own (G.711, G.722), after ITU-T G.711
 * Appendix I: the pitch is found by autocorrelation over the recent history; the last pitch period is
 * repeated, its loop join smoothed by overlap-adding a quarter period; after 10 and 20 ms one more period of
 * history joins the loop (less buzzy); the output is attenuated 20 % per 10 ms after the first 10 ms and is
 * silent after 60 ms; the first real audio afterwards is overlap-added from the synthetic signal over 1/4 pitch
 * plus 4 ms per lost 10 ms. Written from the Recommendation's description; sample counts scale with the rate.
 *
 * <p>The caller owns the output buffer and keeps its last {@link #lookback()} samples unplayed, because the
 * start of a concealment rewrites them (that is the Appendix's 3.75 ms output delay, kept by the caller's FIFO).
 * One instance per leg, consumer thread only. The concealment's working buffers (the float copy of the history
 * the pitch loop plays from, the quarter-period overlaps) are made at the first loss, once (issue 13: ~1.7 KB a
 * G.711 leg that a call without loss never needs); nothing is allocated after that.
 */
public final class WaveformPlc {
  private static final float ATTENUATION_PER_10MS = 0.2f;

  private final int frame10;
  private final int pitchMin;
  private final int pitchMax;
  private final int overlapMax;
  private final int historyLen;
  private final int corrLen;
  private final int coarseStep;
  private final int overlapIncrement;

  private final short[] history;
  private float[] pitchBuf;
  private float[] lastQuarter;
  private float[] crossfade;

  private int pitch;
  private int overlap;
  private int loopLen;
  private int offset;
  private int crossfadePos;
  /** Samples concealed in the current erasure; 0 when not concealing. */
  private int erased;

  public WaveformPlc(int sampleRate) {
    if (sampleRate < 8000 || sampleRate % 100 != 0) {
      throw new IllegalArgumentException("unsupported sample rate " + sampleRate);
    }
    double r = sampleRate / 8000.0;
    frame10 = sampleRate / 100;
    pitchMin = (int) Math.round(40 * r); // 200 Hz
    pitchMax = (int) Math.round(120 * r); // 66.7 Hz
    overlapMax = pitchMax / 4; // 3.75 ms
    historyLen = 3 * pitchMax + overlapMax;
    corrLen = (int) Math.round(160 * r); // 20 ms
    coarseStep = Math.max(1, (int) Math.round(2 * r));
    overlapIncrement = (int) Math.round(32 * r); // 4 ms
    history = new short[historyLen];
  }

  /** Samples before the write position that the start of a concealment may rewrite (3.75 ms). */
  public int lookback() {
    return overlapMax;
  }

  /** True while concealing (until the next {@link #good}). */
  public boolean concealing() {
    return erased > 0;
  }

  /** Samples concealed so far in the current concealment (0 when not concealing). */
  public int concealedSamples() {
    return erased;
  }

  /** The pitch period (samples) used by the current or last concealment. */
  public int pitch() {
    return pitch;
  }

  /**
   * Real audio was written at {@code buf[off, off+n)}. After a concealment its start is overlap-added in place
   * from the continuing synthetic signal, so the join has no step.
   */
  public void good(short[] buf, int off, int n) {
    if (erased > 0) {
      int lostFrames = (erased + frame10 - 1) / frame10;
      int olen = Math.min(Math.min(overlap + (lostFrames - 1) * overlapIncrement, frame10), n);
      for (int i = 0; i < olen; i++) {
        float w = (i + 1f) / (olen + 1f);
        float s = synthesize();
        erased++;
        buf[off + i] = clamp(s * (1 - w) + buf[off + i] * w);
      }
      erased = 0;
    }
    remember(buf, off, n);
  }

  /**
   * Writes {@code n} concealment samples at {@code buf[off]}. When this starts a concealment, the
   * {@link #lookback()} samples before {@code off} (which must be the last ones given to {@link #good}) are
   * rewritten to lead smoothly into the repeated period.
   */
  public void conceal(short[] buf, int off, int n) {
    if (erased == 0) {
      start(buf, off);
    }
    for (int i = 0; i < n; i++) {
      if (erased > 0 && (erased == frame10 || erased == 2 * frame10)) {
        addPeriod();
      }
      buf[off + i] = erased >= 6 * frame10 ? 0 : clamp(synthesize());
      erased++;
    }
    remember(buf, off, n);
  }

  /** Forgets history and any concealment in progress. */
  public void reset() {
    java.util.Arrays.fill(history, (short) 0);
    erased = 0;
    pitch = 0;
  }

  private void start(short[] buf, int off) {
    if (pitchBuf == null) {
      pitchBuf = new float[historyLen];
      lastQuarter = new float[overlapMax];
      crossfade = new float[overlapMax];
    }
    for (int i = 0; i < historyLen; i++) {
      pitchBuf[i] = history[i];
    }
    pitch = PitchEstimator.find(pitchBuf, historyLen, corrLen, pitchMin, pitchMax, coarseStep);
    overlap = Math.max(1, pitch / 4);
    System.arraycopy(pitchBuf, historyLen - overlap, lastQuarter, 0, overlap);
    loopLen = pitch;
    offset = 0;
    crossfadePos = overlap; // nothing to cross-fade from at the very start
    smoothLoopJoin();
    // The rewritten tail is what will actually be played: put it in the caller's buffer and in history.
    for (int i = 0; i < overlap; i++) {
      short v = clamp(pitchBuf[historyLen - overlap + i]);
      history[historyLen - overlap + i] = v;
      int j = off - overlap + i;
      if (j >= 0) {
        buf[j] = v;
      }
    }
  }

  /** One more period of history joins the loop; the switch is cross-faded over a quarter period. */
  private void addPeriod() {
    int saved = offset;
    for (int i = 0; i < overlap; i++) {
      crossfade[i] = next();
    }
    offset = saved % pitch; // same phase, one period further back
    loopLen += pitch;
    smoothLoopJoin();
    crossfadePos = 0;
  }

  /** Overlap-adds the real last quarter period into what precedes the loop start, so wrapping is seamless. */
  private void smoothLoopJoin() {
    int loopStart = historyLen - loopLen;
    for (int i = 0; i < overlap; i++) {
      float w = (i + 1f) / (overlap + 1f);
      pitchBuf[historyLen - overlap + i] = lastQuarter[i] * (1 - w) + pitchBuf[loopStart - overlap + i] * w;
    }
  }

  private float next() {
    float v = pitchBuf[historyLen - loopLen + offset];
    if (++offset == loopLen) {
      offset = 0;
    }
    return v;
  }

  /** The next synthetic sample at the current erasure time, cross-faded and attenuated. */
  private float synthesize() {
    if (erased >= 6 * frame10) {
      return 0;
    }
    float v = next();
    if (crossfadePos < overlap) {
      float w = (crossfadePos + 1f) / (overlap + 1f);
      v = crossfade[crossfadePos++] * (1 - w) + v * w;
    }
    return v * gain(erased);
  }

  private float gain(int e) {
    if (e < frame10) {
      return 1f;
    }
    return Math.max(0f, 1f - ATTENUATION_PER_10MS * (e - frame10) / frame10);
  }

  private void remember(short[] buf, int off, int n) {
    if (n >= historyLen) {
      System.arraycopy(buf, off + n - historyLen, history, 0, historyLen);
    } else {
      System.arraycopy(history, n, history, 0, historyLen - n);
      System.arraycopy(buf, off, history, historyLen - n, n);
    }
  }

  private static short clamp(float v) {
    int i = Math.round(v);
    return (short) (i > Short.MAX_VALUE ? Short.MAX_VALUE : Math.max(i, Short.MIN_VALUE));
  }
}
