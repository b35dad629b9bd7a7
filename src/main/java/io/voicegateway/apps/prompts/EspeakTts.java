package io.voicegateway.apps.prompts;

import io.voicegateway.apps.audio.WavReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * espeak-ng run as a separate process per prompt, which keeps its GPL code out of the gateway's JVM: the text goes
 * in on stdin (so no text is ever mistaken for an option), a WAV comes back on stdout. Output and errors go through
 * temporary files, so a chatty process can never block on a full pipe while we wait for it with a timeout.
 */
public final class EspeakTts implements TtsEngine {
  public static final String BINARY = "espeak-ng";

  private final String binary;
  private final String voice;
  private final int speed;
  private final Duration timeout;

  /** @param binary the program (a name looked up on PATH, or a path) */
  public EspeakTts(String binary, String voice, int speed, Duration timeout) {
    this.binary = binary;
    this.voice = voice;
    this.speed = speed;
    this.timeout = timeout;
  }

  public EspeakTts(String voice, int speed) {
    this(BINARY, voice, speed, Duration.ofSeconds(30));
  }

  @Override
  public String key() {
    return "espeak-ng/" + voice + "/" + speed;
  }

  @Override
  public Speech render(String text) throws IOException {
    byte[] wav = run(List.of(binary, "-v", voice, "-s", Integer.toString(speed), "--stdout", "--stdin"), text);
    float[] samples = WavReader.readMono(wav, PromptAudio.SAMPLE_RATE, "espeak-ng's output for \"" + text + "\"");
    if (samples.length == 0) {
      throw new IOException("espeak-ng rendered no audio for \"" + text + "\" with voice " + voice);
    }
    return new Speech(new PromptAudio(samples), key());
  }

  /** The program runs, and knows the voice: a typo in {@code prompts.voice} shows at start-up, not on a call. */
  @Override
  public void check() throws IOException {
    run(List.of(binary, "--version"), "");
    try {
      run(List.of(binary, "-v", voice, "-q", "--stdin"), "ok");
    } catch (IOException e) {
      throw new UnknownVoiceException("espeak-ng cannot speak with voice '" + voice + "' (espeak-ng --voices lists"
          + " them): " + e.getMessage(), e);
    }
  }

  /** The engine runs but not with the configured voice. */
  public static final class UnknownVoiceException extends IOException {
    UnknownVoiceException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Runs {@code command} with {@code stdin}; its stdout, or an IOException carrying its stderr. */
  private byte[] run(List<String> command, String stdin) throws IOException {
    Path out = Files.createTempFile("vg-espeak", ".out");
    Path err = Files.createTempFile("vg-espeak", ".err");
    try {
      Process process;
      try {
        process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      } catch (IOException e) {
        throw new IOException("cannot run " + binary + " (is espeak-ng installed and on the PATH?): "
            + e.getMessage(), e);
      }
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // it exited before reading its input: its status and stderr below say why
      }
      if (!waitFor(process)) {
        process.destroyForcibly();
        throw new IOException(binary + " did not finish within " + timeout.toMillis() + " ms" + stderr(err));
      }
      if (process.exitValue() != 0) {
        throw new IOException(binary + " failed with status " + process.exitValue() + stderr(err));
      }
      return Files.readAllBytes(out);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private boolean waitFor(Process process) throws IOException {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + binary + " was speaking", e);
    }
  }

  private static String stderr(Path err) throws IOException {
    String text = Files.readString(err, StandardCharsets.UTF_8).strip();
    if (text.length() > 500) {
      text = text.substring(0, 500) + "…";
    }
    return text.isEmpty() ? "" : ": " + text;
  }

  @Override
  public String toString() {
    return key();
  }
}
