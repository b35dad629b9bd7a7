package io.voicegateway.media.dtmf;

/** The 16 DTMF digits and their RFC 4733 event codes: 0-9 are 0-9, * is 10, # is 11, A-D are 12-15. */
public final class DtmfDigits {

  /** Digits indexed by event code. */
  private static final String BY_CODE = "0123456789*#ABCD";

  private DtmfDigits() {}

  /** @return the digit for an event code 0-15, or {@code 0} for any other event (flash, tones…) */
  public static char fromEvent(int code) {
    return code >= 0 && code < BY_CODE.length() ? BY_CODE.charAt(code) : 0;
  }

  /** @return the event code 0-15 for a digit (a-d accepted as A-D), or -1 when it is not a DTMF digit */
  public static int toEvent(char digit) {
    return BY_CODE.indexOf(Character.toUpperCase(digit));
  }

  /** @return whether every character of {@code digits} is a DTMF digit */
  public static boolean isValid(CharSequence digits) {
    for (int i = 0; i < digits.length(); i++) {
      if (toEvent(digits.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }
}
