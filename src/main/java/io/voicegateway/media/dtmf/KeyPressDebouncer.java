package io.voicegateway.media.dtmf;

/**
 * Turns per-block digit decisions into key presses. A press starts on two consecutive strict blocks
 * of the same digit and lasts while blocks show that digit (strict or not); two consecutive blocks
 * without it end the press, which is then reported once with its length from first to last block.
 * A single odd block inside a tone (a drop-out, a burst of noise) neither ends nor splits the press.
 *
 * <p>With blocks of 12.75 ms this gives: a tone of 40 ms or more always spans two whole blocks, so it
 * is detected; a 20 ms tone spans at most one whole block plus 57 % of another, below the 65 %
 * minimum share a strict block needs, so it is not; a pause of 40 ms or more always spans two whole
 * blocks, so it separates two presses of the same digit.
 */
final class KeyPressDebouncer {

  private final double blockMs;
  private final DtmfListener listener;

  private long block;          // index of the block being handled
  private char previous;       // the previous block's digit, 0 for none
  private boolean previousStrict;
  private char current;        // the digit being pressed, 0 when idle
  private long firstBlock;
  private long lastBlock;      // last block that showed the current digit

  KeyPressDebouncer(double blockMs, DtmfListener listener) {
    this.blockMs = blockMs;
    this.listener = listener;
  }

  void onBlock(char digit, boolean strict) {
    if (current != 0) {
      if (digit == current) {
        lastBlock = block;
      } else if (block - lastBlock >= 2) {
        listener.onDigit(current, (int) Math.round((lastBlock - firstBlock + 1) * blockMs), DtmfSource.INBAND);
        current = 0;
      }
    }
    if (current == 0 && digit != 0 && strict && previousStrict && previous == digit) {
      current = digit;
      firstBlock = block - 1;
      lastBlock = block;
    }
    previous = digit;
    previousStrict = strict;
    block++;
  }

  void reset() {
    block = 0;
    previous = 0;
    previousStrict = false;
    current = 0;
  }
}
