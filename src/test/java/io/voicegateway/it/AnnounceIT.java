package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.apps.prompts.EspeakTts;
import io.voicegateway.apps.prompts.PromptAudio;
import io.voicegateway.it.peers.RtpCapture;
import io.voicegateway.it.support.JavaLauncher;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.media.Pcm;
import io.voicegateway.media.codec.G711;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code app: announce TEXT} as a caller hears it: SIPp calls the route and listens; what the gateway sends is
 * captured on the wire, decoded and compared with the same text rendered by espeak-ng directly; the gateway hangs
 * up once the whole sentence has played.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnounceIT {
  private static final String TEXT = "Thank you for calling. All our lines are busy. Please call again later.";
  private static final int RATE = 8000;

  @TempDir Path dir;
  private GatewayFixture gw;

  @BeforeAll
  void start() throws Exception {
    Tools.require(EspeakTts.BINARY);
    gw = GatewayFixture.start("", String.join("\n",
        "routes:",
        "  - {direction: inbound, match: closed, app: announce " + TEXT + ", from: any}"));
  }

  @AfterAll
  void stop() throws Exception {
    if (gw != null) {
      gw.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"PCMU, 0", "PCMA, 8"})
  void theCallerHearsTheAnnouncementAndThenTheGatewayHangsUp(String codec, int payloadType, @TempDir Path run)
      throws Exception {
    int media = FreePorts.block(4);
    List<byte[]> payloads;
    try (RtpCapture capture = RtpCapture.start(run, gw.rtpPortMin(), gw.rtpPortMin() + GatewayFixture.RTP_PORTS - 1)) {
      SippRunner.Result sipp = SippRunner.scenario("uac_announce_until_bye.xml")
          .args("-s", "closed", "-mp", Integer.toString(media), "-key", "codec", codec, "-key", "pt",
              Integer.toString(payloadType))
          .timeoutSeconds(40)
          .run(gw.target(), 1, 1, 1);
      assertEquals(1, sipp.successful(), "the call was answered and the gateway sent BYE: " + sipp);
      capture.stop();
      payloads = capture.payloadsTo(media);
    }

    short[] heard = decode(payloads, codec);
    short[] said = reference();
    // both start where the speech does; the heard side 50 ms earlier than the reference, so its lag is positive
    short[] heardSpeech = fromOnset(heard, 100);
    short[] saidSpeech = fromOnset(said, 50);
    AudioMatch.Result match = AudioMatch.align(saidSpeech, heardSpeech, RATE, 500, 300);
    System.out.printf("announce %s: %s, lowest window %.4f, median %.4f (heard %.1f s, the sentence %.1f s)%n",
        codec, match, match.windows().stream().mapToDouble(AudioMatch.Window::correlation).min().orElse(-1),
        match.medianCorrelation(), heard.length / (double) RATE, said.length / (double) RATE);

    assertTrue(match.windows().size() >= saidSpeech.length / (RATE / 2) * 3 / 4, "too little speech: " + match);
    assertTrue(match.medianCorrelation() >= 0.9, codec + ": " + match);
    AudioMatch.Window last = match.windows().get(match.windows().size() - 1);
    assertTrue(last.correlation() >= 0.8, "the end of the sentence was heard before the BYE: " + match.windows());
  }

  @Test
  void textPromptsWithoutEspeakNgStopTheStartWithExit2() throws Exception {
    Path conf = dir.resolve("announce.yaml");
    Files.writeString(conf, String.join("\n",
        "media: {sip_port: " + FreePorts.udpAndTcp() + ", bind_address: 127.0.0.1}",
        "http: {host: 127.0.0.1, port: " + FreePorts.udpAndTcp() + ", api_token: secret}",
        "history: {enabled: false}",
        "routes: [{direction: inbound, match: closed, app: announce We are closed., from: any}]", ""));
    Path emptyPath = Files.createDirectories(dir.resolve("no-tools"));
    ProcessBuilder builder = JavaLauncher.main(List.of(), "--conf", conf.toString()).redirectErrorStream(true);
    builder.environment().putAll(Map.of("PATH", emptyPath.toString()));
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains("prompts.engine") && out.contains("espeak-ng"), out);
  }

  private static short[] reference() throws Exception {
    PromptAudio audio = new EspeakTts("en-us", 175).render(TEXT).audio();
    float[] f = new float[audio.length()];
    for (int i = 0; i < f.length; i++) {
      f[i] = audio.sample(i);
    }
    short[] s48 = new short[f.length];
    Pcm.toShort(f, 0, s48, 0, f.length);
    return AudioMatch.resample(s48, PromptAudio.SAMPLE_RATE, RATE);
  }

  private static short[] decode(List<byte[]> payloads, String codec) {
    int n = payloads.stream().mapToInt(p -> p.length).sum();
    short[] out = new short[n];
    int i = 0;
    for (byte[] payload : payloads) {
      for (byte b : payload) {
        out[i++] = codec.equals("PCMU") ? G711.ulawDecode(b) : G711.alawDecode(b);
      }
    }
    return out;
  }

  /** From {@code leadMs} before the first loud sample on. */
  private static short[] fromOnset(short[] s, int leadMs) {
    int onset = 0;
    while (onset < s.length && Math.abs(s[onset]) < 1000) {
      onset++;
    }
    assertTrue(onset < s.length, "no speech at all in " + s.length + " samples");
    int from = Math.max(0, onset - RATE * leadMs / 1000);
    return java.util.Arrays.copyOfRange(s, from, s.length);
  }
}
