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

}
