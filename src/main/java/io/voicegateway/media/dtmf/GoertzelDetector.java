package io.voicegateway.media.dtmf;

/**
 * In-band DTMF detector for one leg's decoded audio: cuts it into overlapping blocks, finds dual
 * tones with the Goertzel algorithm ({@link DualToneClassifier}) and reports each key press once with
 * its length ({@link KeyPressDebouncer}).
 *
 * <p>Blocks are 102 samples at 8 kHz (12.75 ms; 204 at 16 kHz), analysed every half block (6.4 ms).
 * That length makes the 78.4 Hz resolution match the 73–89 Hz spacing of the low-group tones, so
 * each low tone falls near the first spectral null of its neighbours' filters (leakage 18 dB down or
 * more), where 80 samples would leave neighbours only 10 dB apart and the classic 205 would be longer
 * than the 20 ms tones to reject. The half-block hop gives the timing resolution that 40 ms tones
 * and pauses need: a press needs {@link #START_BLOCKS} blocks in a row mostly filled with the tone,
 * which a 40 ms tone always gives and a 20 ms tone never can (measured over every alignment: tones
 * up to 26 ms never detected, from 36 ms always; pauses up to 20 ms never split a press, from 36 ms
 * always do).
 *
 * <p>{@code sensitivity} runs from 0 (strict) to 1 (lenient); see {@link DetectorThresholds} and
 * docs/dtmf.md. Not thread-safe: one detector per leg, fed from the mixer tick. Allocation-free after
 * construction.
 */
public final class GoertzelDetector {

  /** Block length at 8 kHz; scaled with the sample rate so blocks last 12.75 ms. */
  public static final int BLOCK_SAMPLES_8K = 102;
  /** Consecutive clean blocks (half a block apart) of one digit that start a press: 31.9 ms. */
  public static final int START_BLOCKS = 4;
  /**
   * Consecutive blocks without the digit that end a press (38 ms): every block touching a gap fails,
   * so a 20 ms drop-out (at most 5 blocks) never splits a press and a 40 ms pause (at least 6) ends it.
   */
  public static final int END_BLOCKS = 6;

  private final int sampleRate;
  private final DetectorThresholds thresholds;
  private final float[] block;
  private final int hop;
  private final DualToneClassifier classifier;
  private final KeyPressDebouncer debouncer;
  private int filled;

  /**
   * @param sampleRate  8000 or 16000 (any multiple of 8000 up to 48000 works)
   * @param sensitivity 0 strict … 1 lenient
   * @param listener    called once per key press, from {@link #process}
   */
  public GoertzelDetector(int sampleRate, double sensitivity, DtmfListener listener) {
    if (sampleRate % 8000 != 0 || sampleRate < 8000 || sampleRate > 48000) {
      throw new IllegalArgumentException("sample rate must be a multiple of 8000 up to 48000: " + sampleRate);
    }
    this.sampleRate = sampleRate;
    this.block = new float[BLOCK_SAMPLES_8K * (sampleRate / 8000)];
    this.hop = block.length / 2;
    this.thresholds = new DetectorThresholds(sensitivity);
    this.classifier = new DualToneClassifier(sampleRate, block.length, thresholds);
    this.debouncer = new KeyPressDebouncer(hop * 1000.0 / sampleRate, START_BLOCKS, END_BLOCKS, listener);
  }

  /** Feeds {@code len} samples; any length, blocks carry over between calls. */
  public void process(short[] pcm, int off, int len) {
    int at = off;
    int end = off + len;
    while (at < end) {
      int take = Math.min(end - at, block.length - filled);
      for (int i = 0; i < take; i++) { // a plain copy loop, which the JIT vectorises
        block[filled + i] = pcm[at + i];
      }
      at += take;
      filled += take;
      if (filled == block.length) {
        char digit = classifier.classifyNext(block);
        debouncer.onBlock(digit, classifier.strict());
        System.arraycopy(block, hop, block, 0, block.length - hop); // keep the second half
        filled = block.length - hop;
      }
    }
  }

  /** Forgets any partial block and press in progress (new stream, codec change). */
  public void reset() {
    filled = 0;
    classifier.reset();
    debouncer.reset();
  }

  /** @return samples per block at this sample rate */
  public int blockSamples() {
    return block.length;
  }

  @Override
  public String toString() {
    return "GoertzelDetector(" + sampleRate + " Hz, " + block.length + "-sample blocks, " + thresholds + ")";
  }
}
