package io.voicegateway.apps.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.Prompt;
import io.voicegateway.config.PromptsConfig;
import io.voicegateway.testing.FakeClock;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP engine against a stand-in speech server: the request it sends, the answers it takes, the fallback. */
class HttpSpeechTtsTest {
  @TempDir Path dir;
  private final FakeClock clock = new FakeClock();
  private SpeechServerStandIn server;

  @BeforeEach
  void start() throws IOException {
    server = new SpeechServerStandIn();
    server.body = wav(tone(440, 24_000, 24_000), 24_000);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpSpeechTts tts(String url, String format, Duration timeout) {
    return new HttpSpeechTts(new PromptsConfig.Http(url, "kokoro", "af_heart", format, timeout));
  }

  @Test
  void sendsTheOpenAiSpeechRequestAndReadsTheWav() throws IOException {
    TtsEngine.Speech speech = tts(server.url(), "wav", Duration.ofSeconds(10)).render("Welcome to the gateway");

    JsonObject request = server.requests.get(0);
    assertEquals("POST", request.getString("_method"));
    assertEquals("application/json", request.getString("_contentType"));
    assertEquals("kokoro", request.getString("model"));
    assertEquals("Welcome to the gateway", request.getString("input"));
    assertEquals("af_heart", request.getString("voice"));
    assertEquals("wav", request.getString("response_format"));
    assertEquals(PromptAudio.SAMPLE_RATE, speech.audio().length(), "one second, resampled 24 → 48 kHz");
    assertEquals(440, ZeroCrossings.hz(speech.audio()), 3);
    assertEquals("http/" + server.url() + "/kokoro/af_heart/wav", speech.renderedBy());
  }

  @Test
  void readsRawPcmAt24kHz() throws IOException {
    short[] samples = tone(300, 12_000, 24_000);
    ByteBuffer pcm = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (short s : samples) {
      pcm.putShort(s);
    }
    server.body = pcm.array();
    server.contentType = "audio/pcm";

    PromptAudio audio = tts(server.url(), "pcm", Duration.ofSeconds(10)).render("Hello").audio();

    assertEquals("pcm", server.requests.get(0).getString("response_format"));
    assertEquals(PromptAudio.SAMPLE_RATE / 2, audio.length());
    assertEquals(300, ZeroCrossings.hz(audio), 3);
  }

  @Test
  void anErrorStatusSaysTheStatusAndTheStartOfTheBody() {
    server.status = 500;
    server.body = "{\"detail\":\"voice af_nobody not found\"}".getBytes(StandardCharsets.UTF_8);
    IOException e = assertThrows(IOException.class, () -> tts(server.url(), "wav", Duration.ofSeconds(10)).render("x"));
    assertTrue(e.getMessage().contains("answered 500") && e.getMessage().contains("af_nobody not found"),
        e.getMessage());
  }

  @Test
  void aHungServerTimesOut() {
    server.hang = true;
    IOException e = assertThrows(IOException.class, () -> tts(server.url(), "wav", Duration.ofMillis(300)).render("x"));
    assertTrue(e.getMessage().contains("did not answer within 300 ms"), e.getMessage());
  }

  @Test
  void aTimeoutFallsBackToTheBuiltInEngine() throws IOException {
    server.hang = true;
    FakeTts espeak = new FakeTts("espeak-ng/en-us/175");
    FallbackTts engine = new FallbackTts(tts(server.url(), "wav", Duration.ofMillis(300)), espeak, clock,
        Duration.ofSeconds(30));
    assertEquals("espeak-ng/en-us/175", engine.render("Welcome").renderedBy());
  }

  @Test
  void anErrorStatusFallsBackAndTheServerRestsAWhile() throws IOException {
    server.status = 500;
    FakeTts espeak = new FakeTts("espeak-ng/en-us/175");
    FallbackTts engine = new FallbackTts(tts(server.url(), "wav", Duration.ofSeconds(10)), espeak, clock,
        Duration.ofSeconds(30));

    assertEquals("espeak-ng/en-us/175", engine.render("one").renderedBy());
    assertEquals("espeak-ng/en-us/175", engine.render("two").renderedBy());
    assertEquals(1, server.count.get(), "a failed server is not asked again for every prompt");

    server.status = 200;
    clock.advance(Duration.ofSeconds(30));
    assertEquals(engine.key(), engine.render("three").renderedBy());
    assertEquals(2, server.count.get());
  }

  @Test
  void anUnreachableServerFallsBack() throws IOException {
    String closed;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = "http://127.0.0.1:" + socket.getLocalPort();
    }
    FakeTts espeak = new FakeTts("espeak-ng/en-us/175");
    FallbackTts engine = new FallbackTts(tts(closed, "wav", Duration.ofSeconds(5)), espeak, clock,
        Duration.ofSeconds(30));
    assertEquals("espeak-ng/en-us/175", engine.render("Welcome").renderedBy());
  }

  @Test
  void theLibraryAsksTheServerOncePerText() throws IOException {
    PromptLibrary library = new PromptLibrary(tts(server.url(), "wav", Duration.ofSeconds(10)), dir, dir, clock);
    PromptAudio first = library.load(Prompt.text("Welcome"));
    assertSame(first, library.load(Prompt.text("Welcome")));
    assertEquals(1, server.count.get());

    new PromptLibrary(tts(server.url(), "wav", Duration.ofSeconds(10)), dir, dir, clock).load(Prompt.text("Welcome"));
    assertEquals(1, server.count.get(), "the disk cache answers a new library");
  }

  static short[] tone(double hz, int samples, int rate) {
    short[] s = new short[samples];
    for (int i = 0; i < samples; i++) {
      s[i] = (short) (12_000 * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return s;
  }

  static byte[] wav(short[] samples, int rate) {
    ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples.length * 2);
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples.length * 2);
    for (short s : samples) {
      b.putShort(s);
    }
    return b.array();
  }
}
