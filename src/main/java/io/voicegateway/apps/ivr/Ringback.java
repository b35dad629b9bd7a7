package io.voicegateway.apps.ivr;

import io.voicegateway.apps.prompts.PromptAudio;
import io.voicegateway.apps.prompts.Tones;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a caller hears while the IVR's hand-off rings the target: 425 Hz, one second on and four off (the ETSI
 * ringing tone), instead of dead air. One cadence is made once and shared; a playlist repeats it by reference.
 */
final class Ringback {
  private static final PromptAudio ON = Tones.tone(425, 1000, 0.25f);
  private static final PromptAudio OFF = Tones.silence(4000);
  private static final long CADENCE_MS = 5000;

  private Ringback() {}

  /** Enough cadences to cover {@code ms} (and one more, so the tone does not stop just before the timeout). */
  static List<PromptAudio> forMs(long ms) {
    int cadences = (int) Math.min(1000, ms / CADENCE_MS + 1);
    List<PromptAudio> list = new ArrayList<>(2 * cadences);
    for (int i = 0; i < cadences; i++) {
      Collections.addAll(list, ON, OFF);
    }
    return list;
  }
}
