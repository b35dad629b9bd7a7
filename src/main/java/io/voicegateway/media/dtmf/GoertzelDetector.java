package io.voicegateway.media.dtmf;

/**
 * In-band DTMF detector for one leg's decoded audio: cuts it into blocks, finds dual tones with the
 * Goertzel algorithm ({@link DualToneClassifier}) and reports each key press once with its length
 * ({@link KeyPressDebouncer}).
 *
 * <p>Blocks are 102 samples at 8 kHz (12.75 ms; 204 at 16 kHz). That length makes the 78.4 Hz
 * resolution match the 73–89 Hz spacing of the low-group tones, so each low tone falls near the first
 * spectral null of its neighbours' filters (leakage 19 dB down or less) while blocks stay short
 * enough for 40 ms tones and pauses to span two whole blocks. (80 samples would leave neighbours only
 * 10 dB apart; the classic 205 would be longer than a 20 ms tone and blur 40 ms timing.)
 *
 * <p>{@code sensitivity} runs from 0 (strict) to 1 (lenient); see {@link DetectorThresholds} and
 * docs/dtmf.md. Not thread-safe: one detector per leg, fed from the mixer tick. Allocation-free after
 * construction.
 */
public final class GoertzelDetector {

  /** Block length at 8 kHz; scaled with the sample rate so blocks last 12.75 ms. */
  public static final int BLOCK_SAMPLES_8K = 102;

  private final int sampleRate;
  private final float[] block;
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
    DetectorThresholds thresholds = new DetectorThresholds(sensitivity);
    this.classifier = new DualToneClassifier(sampleRate, block.length, thresholds);
    this.debouncer = new KeyPressDebouncer(block.length * 1000.0 / sampleRate, listener);
  }

  /** Feeds {@code len} samples; any length, blocks carry over between calls. */
  public void process(short[] pcm, int off, int len) {
    for (int i = off; i < off + len; i++) {
      block[filled++] = pcm[i];
      if (filled == block.length) {
        filled = 0;
        char digit = classifier.classify(block);
        debouncer.onBlock(digit, classifier.strict());
      }
    }
  }

  /** Forgets any partial block and press in progress (new stream, codec change). */
  public void reset() {
    filled = 0;
    debouncer.reset();
  }

  /** @return samples per block at this sample rate */
  public int blockSamples() {
    return block.length;
  }

  @Override
  public String toString() {
    return "GoertzelDetector(" + sampleRate + " Hz, " + block.length + "-sample blocks)";
  }
}
