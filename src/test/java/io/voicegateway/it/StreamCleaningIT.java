package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.voicegateway.it.peers.Baresip;
import io.voicegateway.it.peers.TwilioBot;
import io.voicegateway.media.codec.G711;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.stream.SpeechCleaners;
import io.voicegateway.testing.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller in a noisy place (speech with white noise at about 5 dB SNR, sent by baresip as PCMU) reaches a bot on
 * a stream with {@code noise_suppression: high}: the bot's audio of the caller has its noise taken down. Without a
 * clean reference at the bot, the SNR is estimated on each side the same way: the loudest 20 ms windows (speech)
 * against the quietest (noise alone, in the speech's pauses).
 */
class StreamCleaningIT {
  private static final int RATE = 8000;

  @TempDir Path dir;

  @Test
  void theBotHearsTheNoisyCallerCleaned() throws Exception {
    Tools.requireLibrary("WebRTC audio processing (webrtc-java's natives need Debian libpulse0)",
        SpeechCleaners.APM.warmUp() ? null : "its WARN above says why");
    Path speech = SpeechFixture.speech(dir, RATE);
    Path noisy = dir.resolve("noisy.wav");
    Path noise = dir.resolve("noise.wav");
    Tools.run("sox", speech.toString(), noise.toString(), "synth", "whitenoise", "vol", "0.12");
    Tools.run("sox", "-m", speech.toString(), noise.toString(), noisy.toString());
    Path caller = dir.resolve("caller.wav");
    Tools.run("sox", noisy.toString(), caller.toString(), "pad", "0", "2");
    try (TwilioBot bot = new TwilioBot(dir.resolve("bot"), new JsonObject());
        GatewayFixture gw = GatewayFixture.start("", String.join("\n",
            "routes:",
            "  - {direction: inbound, match: bot, stream: bot, from: any}",
            "streaming:",
            "  bot: {url: '" + bot.url() + "', bidirectional: false, noise_suppression: high}"))) {
      Baresip.CallRecording rec = new Baresip(dir.resolve("caller"), "PCMU", caller, RATE)
          .call(gw.uri("bot"), Duration.ofSeconds(40));
      assertNotNull(rec.sent(), "baresip sent nothing: " + rec.log());
      bot.received("stop", 30);
      bot.await(l -> "saved".equals(l.getString("action")), 10);
      short[] sent = AudioMatch.read(rec.sent(), RATE);
      byte[] ulaw = bot.inbound(1);
      short[] heard = new short[ulaw.length];
      for (int i = 0; i < ulaw.length; i++) {
        heard[i] = G711.ulawDecode(ulaw[i]);
      }
      // The noise estimate settles within a second: compare what follows.
      short[] sentSpeech = Arrays.copyOfRange(sent, RATE, Math.max(RATE, sent.length - 2 * RATE));
      short[] heardSpeech = Arrays.copyOfRange(heard, RATE, Math.max(RATE, heard.length - 2 * RATE));
      double before = loudOverQuietDb(sentSpeech);
      double after = loudOverQuietDb(heardSpeech);
      double speechLoss = loudDb(sentSpeech) - loudDb(heardSpeech);
      System.out.printf("stream cleaning: caller's speech over noise %.1f dB, the bot's %.1f dB; speech %.1f dB"
          + " quieter%n", before, after, speechLoss);
      assertTrue(heardSpeech.length >= 5 * RATE, "too little of the caller reached the bot");
      assertTrue(after - before >= 10, "noise suppression gained " + (after - before) + " dB");
      // The noisy side's loud windows hold noise too, so some of this loss is noise taken away.
      assertTrue(Math.abs(speechLoss) <= 5, "the speech itself is kept: " + speechLoss + " dB");
    }
  }

  /** The loudest tenth of 20 ms windows over the quietest tenth, in dB. */
  private static double loudOverQuietDb(short[] pcm) {
    double[] power = windowPowers(pcm);
    int tenth = Math.max(1, power.length / 10);
    double quiet = 0;
    for (int i = 0; i < tenth; i++) {
      quiet += power[i];
    }
    return loudDb(pcm) - 10 * Math.log10(quiet / tenth);
  }

  /** The mean power of the loudest tenth of 20 ms windows, in dB. */
  private static double loudDb(short[] pcm) {
    double[] power = windowPowers(pcm);
    int tenth = Math.max(1, power.length / 10);
    double loud = 0;
    for (int i = 0; i < tenth; i++) {
      loud += power[power.length - 1 - i];
    }
    return 10 * Math.log10(loud / tenth);
  }

  /** The power of each 20 ms window, sorted. */
  private static double[] windowPowers(short[] pcm) {
    int window = RATE / 50;
    double[] power = new double[pcm.length / window];
    for (int w = 0; w < power.length; w++) {
      double sum = 0;
      for (int i = w * window; i < (w + 1) * window; i++) {
        sum += (double) pcm[i] * pcm[i];
      }
      power[w] = sum / window + 1e-3;
    }
    Arrays.sort(power);
    return power;
  }
}
