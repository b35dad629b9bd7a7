package io.voicegateway.media.jitter;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Speech for the receive-path tests: espeak-ng → WAV → 8 kHz 16-bit mono via sox, made once per JVM. When the
 * tools are missing the tests fall back to a synthetic voiced signal (pitch glides, formant-like harmonics,
 * syllables and pauses), except under CI=true, where a missing tool is a failure.
 */
final class TestSpeech {
  private static final String TEXT = "The quick brown fox jumps over the lazy dog. "
      + "Please leave a message after the tone, and we will call you back as soon as we can. "
      + "Voice gateways bridge telephone calls between trunks, phones and browsers.";
  /**
   * A variant without espeak's pitch "flutter": the default voices add random pitch jitter far beyond a human
   * voice's, which makes any pitch-repeating concealment look worse than it does on real speech.
   * Override with {@code -Djitter.voice=...} (passed through surefire's argLine) to compare voices.
   */
  static final String VOICE = System.getProperty("jitter.voice", "en-us+Alex");
  private static short[] cached;
  private static String source;

  private TestSpeech() {}

  static synchronized short[] speech8k() {
    if (cached == null) {
      try {
        cached = espeak();
        source = "espeak-ng + sox";
      } catch (IOException | InterruptedException e) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          fail("espeak-ng and sox are required under CI: " + e.getMessage());
        }
        cached = synthetic(8000, 8.0);
        source = "synthetic voiced signal (" + e.getMessage() + ")";
      }
    }
    return cached;
  }

  static synchronized String source() {
    speech8k();
    return source;
  }

  private static short[] espeak() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("jitter-speech");
    Path wav = dir.resolve("speech.wav");
    Path raw = dir.resolve("speech.raw");
    try {
      run("espeak-ng", "-v", VOICE, "-s", "150", "-w", wav.toString(), TEXT);
      // -D: no dither, so the test signal (and every figure) is the same on every run.
      run("sox", "-D", wav.toString(), "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw",
          raw.toString(), "gain", "-n", "-6");
      byte[] bytes = Files.readAllBytes(raw);
      short[] pcm = new short[bytes.length / 2];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
      if (pcm.length < 8000) {
        throw new IOException("espeak-ng produced only " + pcm.length + " samples");
      }
      return pcm;
    } finally {
      Files.deleteIfExists(wav);
      Files.deleteIfExists(raw);
      Files.deleteIfExists(dir);
    }
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " failed");
    }
  }

  /** Voiced "syllables" of 150–250 ms with gliding pitch, separated by short pauses. */
  static short[] synthetic(int rate, double seconds) {
    int n = (int) (rate * seconds);
    short[] out = new short[n];
    java.util.Random rnd = new java.util.Random(7);
    double phase = 0;
    int i = 0;
    while (i < n) {
      int syll = (int) (rate * (0.15 + 0.1 * rnd.nextDouble()));
      int pause = (int) (rate * (0.03 + 0.12 * rnd.nextDouble()));
      double f0 = 100 + 80 * rnd.nextDouble();
      double glide = (rnd.nextDouble() - 0.5) * 40;
      for (int k = 0; k < syll && i < n; k++, i++) {
        double t = (double) k / syll;
        double f = f0 + glide * t;
        phase += 2 * Math.PI * f / rate;
        double env = Math.sin(Math.PI * t);
        double v = 0;
        for (int h = 1; h <= 12; h++) {
          double fh = f * h;
          double formant = Math.exp(-Math.pow((fh - 700) / 300, 2)) + 0.5 * Math.exp(-Math.pow((fh - 1500) / 400, 2))
              + 0.2;
          v += formant * Math.sin(h * phase) / h;
        }
        out[i] = (short) Math.round(6000 * env * v);
      }
      i += pause;
    }
    return out;
  }
}
