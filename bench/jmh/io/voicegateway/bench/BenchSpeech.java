package io.voicegateway.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Speech for the benchmarks, at 48 kHz on the mixer's float scale: espeak-ng renders a few sentences and sox
 * resamples them (both Debian packages the test suite already needs). A codec such as Opus works harder on speech
 * than on a steady tone (more bits, more analysis), so per-frame figures on a tone alone flatter it.
 */
final class BenchSpeech {
  private static final String TEXT = "The quick brown fox jumps over the lazy dog. "
      + "Please leave a message after the tone, and we will call you back as soon as we can. "
      + "Voice gateways bridge telephone calls between trunks, phones and browsers.";

  private BenchSpeech() {}

  /** About ten seconds of speech, 48 kHz, samples in [-1, 1]; fails loudly when the tools are missing. */
  static float[] at48k() {
    try {
      Path dir = Files.createTempDirectory("bench-speech");
      Path wav = dir.resolve("speech.wav");
      Path raw = dir.resolve("speech.raw");
      run("espeak-ng", "-v", "en-us", "-s", "150", "-w", wav.toString(), TEXT);
      run("sox", "-D", wav.toString(), "-r", "48000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw",
          raw.toString());
      ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
      float[] samples = new float[bytes.remaining() / 2];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = bytes.getShort() / 32768f;
      }
      Files.deleteIfExists(wav);
      Files.deleteIfExists(raw);
      Files.deleteIfExists(dir);
      return samples;
    } catch (IOException e) {
      throw new IllegalStateException("speech for the benchmark needs espeak-ng and sox: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering speech", e);
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed");
    }
  }
}
