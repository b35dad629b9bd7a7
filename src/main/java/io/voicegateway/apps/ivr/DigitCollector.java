package io.voicegateway.apps.ivr;

/**
 * The digits of one "enter the number, then #" entry: ends on the terminator, at the menu's most digits, or (the
 * session's timer) when the caller stops typing. Pure; the session owns the timers.
 */
final class DigitCollector {
  private final StringBuilder digits = new StringBuilder();
  private final int maxDigits;
  private final char terminator;

  DigitCollector(int maxDigits, char terminator) {
    this.maxDigits = maxDigits;
    this.terminator = terminator;
  }

  /** Takes one key; true when the entry is complete (the terminator, which is not kept, or the last digit). */
  boolean add(char key) {
    if (key == terminator) {
      return true;
    }
    digits.append(key);
    return digits.length() >= maxDigits;
  }

  String digits() {
    return digits.toString();
  }
}
