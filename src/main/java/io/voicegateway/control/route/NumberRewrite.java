package io.voicegateway.control.route;

/** A route's number rewrite: drop {@code strip} leading characters, then put {@code prepend} in front. */
final class NumberRewrite {
  private NumberRewrite() {}

  /** @param number the called number; null is taken as empty. Stripping more than there is leaves "". */
  static String apply(String number, int strip, String prepend) {
    String n = number == null ? "" : number;
    return prepend + n.substring(Math.min(strip, n.length()));
  }
}
