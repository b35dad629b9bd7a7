package io.voicegateway.apps.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real espeak-ng (missing: skipped on a laptop, failed under CI) and how its failures are reported. */
class EspeakTtsTest {
  @TempDir Path dir;

  @Test
  void rendersSpeechAt48kHz() throws IOException {
    Tools.require(EspeakTts.BINARY);
    EspeakTts tts = new EspeakTts("en-us", 175);
    tts.check();

    TtsEngine.Speech speech = tts.render("Welcome to the voice gateway.");

    assertEquals("espeak-ng/en-us/175", speech.renderedBy());
    PromptAudio audio = speech.audio();
    assertTrue(audio.durationMs() > 800 && audio.durationMs() < 5000, audio.durationMs() + " ms");
    assertTrue(rms(audio) > 0.02, "speech energy: rms " + rms(audio));
  }

  @Test
  void textThatLooksLikeAnOptionIsSpokenNotParsed() throws IOException {
    Tools.require(EspeakTts.BINARY);
    PromptAudio audio = new EspeakTts("en-us", 175).render("--version is not an option here").audio();
    assertTrue(audio.durationMs() > 800, audio.durationMs() + " ms");
  }

  @Test
  void anUnknownVoiceFailsTheCheck() {
    Tools.require(EspeakTts.BINARY);
    EspeakTts.UnknownVoiceException e = assertThrows(EspeakTts.UnknownVoiceException.class,
        () -> new EspeakTts("xx-nonesuch", 175).check());
    assertTrue(e.getMessage().contains("voice 'xx-nonesuch'") && e.getMessage().contains("does not exist"),
        e.getMessage());
  }

  @Test
  void aMissingProgramSaysSo() {
    EspeakTts tts = new EspeakTts(dir.resolve("no-espeak-ng").toString(), "en-us", 175, Duration.ofSeconds(5));
    IOException e = assertThrows(IOException.class, tts::check);
    assertTrue(e.getMessage().contains("is espeak-ng installed"), e.getMessage());
  }

  @Test
  void aFailureCarriesTheProgramsStatusAndStderr() throws IOException {
    Path fake = script("echo 'unknown voice xx' >&2\nexit 3\n");
    EspeakTts tts = new EspeakTts(fake.toString(), "xx", 175, Duration.ofSeconds(30));
    IOException e = assertThrows(IOException.class, () -> tts.render("hello"));
    assertTrue(e.getMessage().contains("status 3") && e.getMessage().contains("unknown voice xx"), e.getMessage());
  }

  @Test
  void aHungProgramIsKilledAtTheTimeout() throws IOException {
    Path fake = script("echo 'still thinking' >&2\nexec sleep 600\n");
    EspeakTts tts = new EspeakTts(fake.toString(), "en-us", 175, Duration.ofMillis(200));
    IOException e = assertThrows(IOException.class, () -> tts.render("hello"));
    assertTrue(e.getMessage().contains("did not finish within 200 ms"), e.getMessage());
  }

  @Test
  void silenceIsNotSpeech() throws IOException {
    // a WAV header and no samples: a voice that renders nothing must not become a silent prompt
    Path fake = script("printf 'RIFF\\044\\000\\000\\000WAVEfmt \\020\\000\\000\\000\\001\\000\\001\\000"
        + "\\042\\126\\000\\000\\104\\254\\000\\000\\002\\000\\020\\000data\\000\\000\\000\\000'\n");
    EspeakTts tts = new EspeakTts(fake.toString(), "en-us", 175, Duration.ofSeconds(30));
    IOException e = assertThrows(IOException.class, () -> tts.render("hello"));
    assertTrue(e.getMessage().contains("rendered no audio"), e.getMessage());
  }

  private Path script(String body) throws IOException {
    Path file = dir.resolve("fake-espeak.sh");
    Files.writeString(file, "#!/bin/sh\ncat > /dev/null\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  static double rms(PromptAudio audio) {
    double sum = 0;
    for (int i = 0; i < audio.length(); i++) {
      sum += audio.sample(i) * audio.sample(i);
    }
    return Math.sqrt(sum / Math.max(1, audio.length()));
  }
}
