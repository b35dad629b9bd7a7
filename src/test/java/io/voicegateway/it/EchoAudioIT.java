package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.peers.Baresip;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.SpeechFixture;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The echo test as a caller hears it: baresip dials {@code sip:echo@…} with one codec, plays speech made
 * by espeak-ng and records what comes back. The returned audio must match what was sent (normalized
 * cross-correlation after alignment) and arrive within 120 ms of round-trip delay.
 *
 * <p>baresip's dump of what it heard starts with the first packet it decodes. The gateway sends RTP
 * from the moment the call is answered (silence until the echo has something), so the lag of the speech
 * inside that dump is the delay the gateway adds: its jitter buffer, the mixer tick and the codecs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EchoAudioIT {
  /** Compare at 8 kHz: the band every codec carries, and a fast correlation search. */
  private static final int COMPARE_RATE = 8000;

  @TempDir Path dir;
  private GatewayFixture gw;

  @BeforeAll
  void start() throws Exception {
    gw = GatewayFixture.start("  jitter_buffer_ms: 40");
  }

  @AfterAll
  void stop() throws Exception {
    gw.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "PCMU,          8000,  0.9",
      "PCMA,          8000,  0.9",
      "G722,          16000, 0.9",
      "opus/48000/2,  48000, 0.8",
  })
  void echoReturnsTheCallersSpeech(String codec, int rate, double minCorrelation) throws Exception {
    Path speech = SpeechFixture.speech(dir, rate);
    Baresip phone = new Baresip(dir.resolve("baresip-" + codec.replace('/', '_')), codec, speech, rate);
    Baresip.CallRecording rec = phone.call(gw.uri("echo"), Duration.ofSeconds(25));
    assertNotNull(rec.heard(), "baresip heard nothing: " + rec.log());

    short[] sent = AudioMatch.read(rec.sent(), COMPARE_RATE);
    short[] heard = AudioMatch.read(rec.heard(), COMPARE_RATE);
    AudioMatch.Result match = AudioMatch.align(sent, heard, COMPARE_RATE, 500, 400);
    System.out.printf("echo %s: %s%n", codec, match);
    assertTrue(match.windows().size() >= 8, codec + ": too little speech came back: " + match);
    assertTrue(match.medianCorrelation() >= minCorrelation, codec + ": " + match);
    assertTrue(match.maxLagMs() <= 120, codec + " round trip adds too much delay: " + match);
  }
}
