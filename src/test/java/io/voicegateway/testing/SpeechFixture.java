package io.voicegateway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Speech test audio made with espeak-ng and converted with sox, cached per directory and rate. */
public final class SpeechFixture {
  public static final String TEXT = "Hello, this is the voice gateway echo test. "
      + "The quick brown fox jumps over the lazy dog. One, two, three, four, five, six.";

  private SpeechFixture() {}

  /** A mono PCM16 WAV of {@link #TEXT} at {@code rate}, with half a second of silence in front. */
  public static Path speech(Path dir, int rate) throws IOException, InterruptedException {
    Path out = dir.resolve("speech-" + rate + ".wav");
    if (Files.exists(out)) {
      return out;
    }
    Tools.require("espeak-ng");
    Tools.require("sox");
    Path raw = dir.resolve("speech-raw.wav");
    if (!Files.exists(raw)) {
      Tools.run("espeak-ng", "-v", "en", "-s", "150", "-w", raw.toString(), TEXT);
    }
    Tools.run("sox", raw.toString(), "-r", Integer.toString(rate), "-c", "1", "-b", "16", out.toString(),
        "pad", "0.5", "0", "gain", "-n", "-3");
    return out;
  }

  /**
   * Bob's voice for a second party: speech unlike {@link #TEXT}, so that neither side of a call can pass a
   * correlation by hearing itself, at 8 kHz with {@code leadSeconds} of silence before it and 6 s after it (a
   * baresip playing it hangs up when the file ends: the other side's longer speech must have reached it by then).
   */
  public static Path otherSpeech(Path dir, String leadSeconds) throws IOException, InterruptedException {
    Path raw = dir.resolve("bob-raw.wav");
    Path out = dir.resolve("bob-8000.wav");
    Tools.run("espeak-ng", "-v", "en", "-s", "150", "-w", raw.toString(),
        "This is Bob on his desk phone. Seven, eight, nine, ten. The weather is sunny and warm today.");
    Tools.run("sox", raw.toString(), "-r", "8000", "-c", "1", "-b", "16", out.toString(), "pad", leadSeconds, "6",
        "gain", "-n", "-3");
    return out;
  }
}
