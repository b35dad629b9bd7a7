package io.voicegateway.it.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.support.HeadlessChromium;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.Wav;
import java.nio.file.Path;

/** One call between a JsSIP phone and a baresip phone, as SipWebSocketIT and JsSipIncomingIT check it. */
public final class JsSipCalls {
  /** The rate both sides are compared at (the baresip end is G.711). */
  public static final int COMPARE_RATE = 8000;
  /**
   * Chromium's adaptive jitter buffer (NetEq) shifts the browser's playout by up to a few hundred ms while it adapts,
   * and stretches or squeezes speech to do so: the lag searched per window is wider than between two baresips.
   */
  private static final int BROWSER_MAX_LAG_MS = 1500;

  private JsSipCalls() {}

  /** The call is confirmed in the page, then ends there (baresip hangs up when its file ends), not failed. */
  public static void awaitAnsweredThenEnded(JsSipPhone phone, BaresipDevice other) throws Exception {
    String outcome;
    try {
      HeadlessChromium.eventually(20, "the call answered", () -> phone.fieldIs("callState", "confirmed"));
      outcome = HeadlessChromium.eventually(40, "the call ended", () -> {
        String state = phone.field("callState");
        return "ended".equals(state) || "failed".equals(state) ? state : null;
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; page: " + phone.state() + "\nbaresip:\n" + other.logText(), e);
    }
    assertEquals("ended", outcome, phone.state().toString());
  }

  /**
   * Once the call ended: what the page heard correlates with what baresip sent (≥ 0.8, Opus at the browser), and
   * what baresip heard with the page's speech (≥ {@code atBaresip}); baresip is closed to complete its dumps.
   */
  public static void assertAudioBothWays(JsSipPhone phone, BaresipDevice bob, Path browserSpeech, double atBaresip)
      throws Exception {
    short[] browserPcm = phone.heard(COMPARE_RATE);
    System.out.println("browser RTP stats: " + phone.state().path("stats"));
    bob.close();
    new Wav(COMPARE_RATE, 1, browserPcm).write(Path.of("target", "jssip-heard.wav")); // for a look when it fails

    AudioMatch.Result toBob = AudioMatch.align(
        AudioMatch.fromOnset(AudioMatch.read(browserSpeech, COMPARE_RATE), COMPARE_RATE, 20),
        AudioMatch.fromOnset(AudioMatch.read(bob.heard(), COMPARE_RATE), COMPARE_RATE, 300),
        COMPARE_RATE, 500, 600);
    System.out.println("JsSIP Opus/DTLS-SRTP -> baresip PCMU: " + toBob);
    assertTrue(toBob.windows().size() >= 6, "too little speech reached baresip: " + toBob);
    assertTrue(toBob.medianCorrelation() >= atBaresip, "the browser's speech at baresip: " + toBob);

    AudioMatch.Result toBrowser = AudioMatch.align(
        AudioMatch.fromOnset(AudioMatch.read(bob.sent(), COMPARE_RATE), COMPARE_RATE, 20),
        AudioMatch.fromOnset(browserPcm, COMPARE_RATE, 300), COMPARE_RATE, 500, BROWSER_MAX_LAG_MS);
    System.out.println("baresip PCMU -> JsSIP Opus/DTLS-SRTP: " + toBrowser);
    assertTrue(toBrowser.windows().size() >= 6, "too little speech reached the browser: " + toBrowser);
    assertTrue(toBrowser.medianCorrelation() >= 0.8, "baresip's speech in the browser: " + toBrowser);
  }
}
