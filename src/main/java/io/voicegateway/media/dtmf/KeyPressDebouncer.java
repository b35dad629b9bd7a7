package io.voicegateway.media.dtmf;

/**
 * Turns per-block digit decisions into key presses. A press starts after {@code startBlocks}
 * consecutive strict blocks of the same digit and lasts while blocks show that digit (strict or
 * not); {@code endBlocks} consecutive blocks without it end the press, which is then reported once.
 * Fewer odd blocks inside a tone (a drop-out, a burst of noise) neither end nor split it.
 *
 * <p>The press length is the span from its first to its last block plus one hop, in hops: blocks
 * that only partly overlap the tone's ends do not count, which costs about one hop (measured for
 * 40 ms to 1 s tones at 8 kHz, every alignment: within -8 … +7 ms of the true length).
 */
final class KeyPressDebouncer {

  private final double hopMs;
  private final int startBlocks;
  private final int endBlocks;
  private final DtmfListener listener;

  private long block;          // index of the block being handled
  private char candidate;      // the digit of the current run of strict blocks, 0 for none
  private int run;             // length of that run
  private char current;        // the digit being pressed, 0 when idle
  private long firstBlock;
  private long lastBlock;      // last block that showed the current digit

  KeyPressDebouncer(double hopMs, int startBlocks, int endBlocks, DtmfListener listener) {
    this.hopMs = hopMs;
    this.startBlocks = startBlocks;
    this.endBlocks = endBlocks;
    this.listener = listener;
  }

  void onBlock(char digit, boolean strict) {
    if (current != 0) {
      if (digit == current) {
        lastBlock = block;
      } else if (block - lastBlock >= endBlocks) {
        long hops = lastBlock - firstBlock + 2;
        listener.onDigit(current, (int) Math.round(hops * hopMs), DtmfSource.INBAND);
        current = 0;
      }
    }
    if (digit != 0 && strict && digit == candidate) {
      run++;
    } else {
      candidate = strict ? digit : 0;
      run = candidate == 0 ? 0 : 1;
    }
    if (current == 0 && run >= startBlocks) {
      current = candidate;
      firstBlock = block - run + 1;
      lastBlock = block;
      run = 0;
      candidate = 0;
    }
    block++;
  }

  void reset() {
    block = 0;
    candidate = 0;
    run = 0;
    current = 0;
  }
}
