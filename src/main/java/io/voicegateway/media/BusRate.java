package io.voicegateway.media;

/**
 * Chooses a call's bus rate (issue 13): the highest rate a listening leg needs, so a call of 8 kHz phones
 * mixes at 8 kHz and a leg is resampled only when its own rate differs. Legs that take any rate (0) do not
 * count. With no listener that declares a rate, the highest rate of any leg (its audio is not lost to a
 * listener that joins later at that rate), and 8 kHz for a call of rate-less legs only.
 */
final class BusRate {
  static final int LOWEST = 8000;

  private BusRate() {}

  static int choose(MixerPort[] ports, int n) {
    int listening = 0;
    int any = 0;
    for (int i = 0; i < n; i++) {
      MixerPort p = ports[i];
      int rate = supported(p.declared);
      any = Math.max(any, rate);
      if (p.listening) {
        listening = Math.max(listening, rate);
      }
    }
    if (listening > 0) {
      return listening;
    }
    return any > 0 ? any : LOWEST;
  }

  /** A declared rate rounded up to a bus rate (8, 16 or 48 kHz); 0 stays 0. */
  static int supported(int rate) {
    if (rate <= 0) {
      return 0;
    }
    for (int r : MixerLeg.RATES) {
      if (rate <= r) {
        return r;
      }
    }
    return 48000;
  }
}
