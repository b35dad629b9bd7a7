package io.voicegateway.apps.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.apps.audio.WavWriter;
import io.voicegateway.config.ConfigException;
import io.voicegateway.config.Prompt;
import io.voicegateway.testing.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caching by the library: memory, disk across instances, files, fallback renderings. A fake engine counts work. */
class PromptLibraryTest {
  @TempDir Path dir;
  private final FakeClock clock = new FakeClock();

  private PromptLibrary library(TtsEngine engine) {
    return new PromptLibrary(engine, dir.resolve("cache"), dir, clock);
  }

  @Test
  void aTextIsRenderedOnceAndSharedFromMemory() throws IOException {
    FakeTts tts = new FakeTts("fake/v1");
    PromptLibrary library = library(tts);
    PromptAudio first = library.load(Prompt.text("Welcome"));
    PromptAudio second = library.load(Prompt.text("Welcome"));
    assertSame(first, second);
    assertEquals(1, tts.renders.get());
    library.load(Prompt.text("Goodbye"));
    assertEquals(2, tts.renders.get());
  }

  @Test
  void theDiskCacheSurvivesANewLibrary() throws IOException {
    FakeTts tts = new FakeTts("fake/v1");
    PromptAudio made = library(tts).load(Prompt.text("Welcome"));
    PromptAudio again = library(tts).load(Prompt.text("Welcome"));
    assertEquals(1, tts.renders.get(), "a restart must not render again");
    assertEquals(made.length(), again.length());
    for (int i = 0; i < made.length(); i += 97) {
      assertEquals(made.sample(i), again.sample(i), 1.0 / 16_000, "sample " + i);
    }
    try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertEquals(List.of(PromptLibrary.hash("fake/v1", "Welcome") + ".wav"), names, "no temporary file left");
    }
  }

  @Test
  void anotherVoiceIsAnotherRendering() throws IOException {
    FakeTts one = new FakeTts("fake/v1");
    FakeTts other = new FakeTts("fake/v2");
    library(one).load(Prompt.text("Welcome"));
    library(other).load(Prompt.text("Welcome"));
    assertEquals(1, other.renders.get());
  }

  @Test
  void anUnreadableCacheFileIsRenderedAgain() throws IOException {
    FakeTts tts = new FakeTts("fake/v1");
    Files.createDirectories(dir.resolve("cache"));
    Files.writeString(dir.resolve("cache").resolve(PromptLibrary.hash("fake/v1", "Welcome") + ".wav"), "junk");
    PromptAudio audio = library(tts).load(Prompt.text("Welcome"));
    assertEquals(1, tts.renders.get());
    assertEquals(PromptAudio.SAMPLE_RATE * 300 / 1000, audio.length());
  }

  @Test
  void aFileIsReadRelativeToTheWorkingDirectoryAndResampled() throws IOException {
    try (WavWriter w = WavWriter.create(dir.resolve("sounds/hello.wav"), 8000, 1)) {
      w.write(new short[8000], 8000);
    }
    PromptLibrary library = library(new FakeTts("fake/v1"));
    PromptAudio audio = library.load(Prompt.file(Path.of("sounds/hello.wav")));
    assertEquals(PromptAudio.SAMPLE_RATE, audio.length());
    assertSame(audio, library.load(Prompt.file(Path.of("sounds/hello.wav"))));
  }

  @Test
  void aMissingFileNamesItself() {
    IOException e = assertThrows(IOException.class,
        () -> library(new FakeTts("fake/v1")).load(Prompt.file(Path.of("sounds/none.wav"))));
    assertTrue(e.getMessage().contains("none.wav"), e.getMessage());
  }

  @Test
  void aFallbackRenderingStaysInMemoryForAMinuteAndNeverOnDisk() throws IOException {
    FakeTts neural = new FakeTts("http/neural");
    FakeTts espeak = new FakeTts("espeak-ng/en-us/175");
    neural.failure = new IOException("connection refused");
    PromptLibrary library = library(new FallbackTts(neural, espeak, clock, Duration.ofSeconds(30)));

    library.load(Prompt.text("Welcome"));
    library.load(Prompt.text("Welcome"));
    assertEquals(1, espeak.renders.get(), "the fallback rendering is reused while it is fresh");
    assertTrue(Files.notExists(dir.resolve("cache")) || isEmpty(dir.resolve("cache")), "no fallback on disk");

    neural.failure = null;
    clock.advance(PromptLibrary.FALLBACK_KEEP);
    library.load(Prompt.text("Welcome"));
    assertEquals(2, neural.renders.get(), "once stale, the neural voice is asked again");
    assertEquals(1, espeak.renders.get());
    library(new FallbackTts(neural, espeak, clock, Duration.ofSeconds(30))).load(Prompt.text("Welcome"));
    assertEquals(2, neural.renders.get(), "the neural rendering went to disk");
  }

  @Test
  void aMissingEngineIsAConfigurationErrorNamingTheEngineKey() {
    FakeTts tts = new FakeTts("espeak-ng/en-us/175");
    tts.failure = new IOException("cannot run espeak-ng");
    ConfigException e = assertThrows(ConfigException.class, () -> library(tts).requireTextEngine());
    assertEquals("prompts.engine", e.keyPath());
    assertTrue(e.getMessage().contains("cannot run espeak-ng"), e.getMessage());
  }

  @Test
  void aVoiceTheEngineLacksIsAConfigurationErrorNamingTheVoiceKey() {
    FakeTts tts = new FakeTts("espeak-ng/xx/175");
    tts.failure = new EspeakTts.UnknownVoiceException("espeak-ng cannot speak with voice 'xx'", null);
    ConfigException e = assertThrows(ConfigException.class, () -> library(tts).requireTextEngine());
    assertEquals("prompts.voice", e.keyPath());
  }

  @Test
  void warmingUpMakesEachPromptOnceAndSurvivesAFailure() throws IOException {
    FakeTts tts = new FakeTts("fake/v1");
    PromptLibrary library = library(tts);
    library.warmUp(List.of(Prompt.text("Welcome"), Prompt.file(Path.of("missing.wav")), Prompt.text("Welcome"),
        Prompt.text("Goodbye")), Runnable::run);
    assertEquals(2, tts.renders.get());
    library.load(Prompt.text("Goodbye"));
    assertEquals(2, tts.renders.get(), "the call finds it made");
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.findAny().isEmpty();
    }
  }
}
