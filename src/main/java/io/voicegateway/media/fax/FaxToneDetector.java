package io.voicegateway.media.fax;

import io.voicegateway.media.codec.G711;

/**
 * Finds CNG (1100 Hz bursts of ~0.5 s) and CED/ANS/ANSam (2100 Hz, ≥ 0.5 s) in decoded telephone audio.
 *
 * <p>Each 10 ms block runs two streaming Goertzel filters and sums the block's energy; a block "hears" a tone when
 * the filter holds most of the block's energy (a pure tone gives a ratio near 1, each tone of a DTMF pair at most
 * ½, speech far less) and the tone is louder than about −44 dBm0. 10 ms blocks give a main lobe of ±100 Hz: wide
 * enough for T.30's ±38 Hz CNG tolerance and ANSam's ±15 Hz side-bands, narrow enough that DTMF's 1209 Hz does
 * not leak into 1100 Hz. Phase reversals (ANS/ANSam every 450 ms) spoil a block or two, so a CED run survives
 * {@link #MAX_MISSES} missed blocks. A CNG burst counts when it ends after 0.35–0.8 s: a continuous 1100 Hz tone
 * is not CNG. Each tone is reported once. Allocation-free; one thread (the leg's RTP thread).
 */
public final class FaxToneDetector {
  static final int BLOCK_MS = 10;
  /** Tone energy share of the block above which the block holds the tone. */
  static final double PURITY = 0.55;
  /** Minimum tone RMS in 16-bit linear PCM: ≈ −44 dBm0 (0 dBm0 is RMS ≈ 15 800 for G.711). */
  static final double MIN_RMS = 100;
  static final int CED_BLOCKS = 50;
  static final int CNG_MIN_BLOCKS = 35;
  static final int CNG_MAX_BLOCKS = 80;
  static final int MAX_MISSES = 2;

  private final int block;
  private final double cCng;
  private final double cCed;
  private final double minEnergy;
  // streaming Goertzel and block state
  private double cng1;
  private double cng2;
  private double ced1;
  private double ced2;
  private double energy;
  private int filled;
  // tone runs, in blocks
  private int cedRun;
  private int cedMisses;
  private int cngRun;
  private int cngMisses;
  private boolean cngSeen;
  private boolean cedSeen;
  private FaxTone found;
  private int speechBlocks;

  public FaxToneDetector(int sampleRate) {
    this.block = sampleRate * BLOCK_MS / 1000;
    this.cCng = 2 * Math.cos(2 * Math.PI * 1100 / sampleRate);
    this.cCed = 2 * Math.cos(2 * Math.PI * 2100 / sampleRate);
    this.minEnergy = MIN_RMS * MIN_RMS * block;
  }

  /** Feeds linear PCM; returns the tone first recognised in it, else null. */
  public FaxTone process(short[] pcm, int off, int n) {
    found = null;
    for (int i = 0; i < n; i++) {
      sample(pcm[off + i]);
    }
    return found;
  }

  /** Feeds a G.711 payload (μ-law, or A-law with {@code alaw}); returns the tone first recognised in it, else null. */
  public FaxTone processG711(byte[] buf, int off, int len, boolean alaw) {
    found = null;
    for (int i = 0; i < len; i++) {
      byte b = buf[off + i];
      sample(alaw ? G711.alawDecode(b) : G711.ulawDecode(b));
    }
    return found;
  }

  /**
   * Blocks heard so far that were loud and held neither tone: speech, music, a modem's data signals. Silence and
   * the tones themselves do not count. What {@link FaxWatch} stops on.
   */
  public int speechBlocks() {
    return speechBlocks;
  }

  /** The first tone recognised so far, CED before CNG when both were, or null. */
  public FaxTone detected() {
    return cedSeen ? FaxTone.CED : cngSeen ? FaxTone.CNG : null;
  }

  private void sample(short s) {
    double x = s;
    double c0 = x + cCng * cng1 - cng2;
    cng2 = cng1;
    cng1 = c0;
    double d0 = x + cCed * ced1 - ced2;
    ced2 = ced1;
    ced1 = d0;
    energy += x * x;
    if (++filled == block) {
      endBlock();
    }
  }

  private void endBlock() {
    double pCng = cng1 * cng1 + cng2 * cng2 - cCng * cng1 * cng2;
    double pCed = ced1 * ced1 + ced2 * ced2 - cCed * ced1 * ced2;
    // A full-block sine of amplitude A: Goertzel power (A·n/2)², energy A²·n/2, so 2·P/(n·E) = 1.
    boolean loud = energy >= minEnergy;
    boolean cng = loud && 2 * pCng / (block * energy) >= PURITY;
    boolean ced = loud && 2 * pCed / (block * energy) >= PURITY;
    cng1 = cng2 = ced1 = ced2 = energy = 0;
    filled = 0;
    if (loud && !cng && !ced && speechBlocks < Integer.MAX_VALUE) {
      speechBlocks++;
    }
    cedBlock(ced);
    cngBlock(cng);
  }

  private void cedBlock(boolean hit) {
    if (hit) {
      cedRun++;
      cedMisses = 0;
      if (cedRun == CED_BLOCKS && !cedSeen) {
        cedSeen = true;
        found = FaxTone.CED;
      }
    } else if (cedRun > 0 && ++cedMisses > MAX_MISSES) {
      cedRun = 0;
      cedMisses = 0;
    }
  }

  private void cngBlock(boolean hit) {
    if (hit) {
      cngRun++;
      cngMisses = 0;
    } else if (cngRun > 0 && ++cngMisses > MAX_MISSES) {
      if (cngRun >= CNG_MIN_BLOCKS && cngRun <= CNG_MAX_BLOCKS && !cngSeen) {
        cngSeen = true;
        if (found == null) {
          found = FaxTone.CNG;
        }
      }
      cngRun = 0;
      cngMisses = 0;
    }
  }
}
