package io.voicegateway.it.peers;

import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.Tools;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real baresip user agent as a test peer. It plays a WAV file into the call ({@code aufile}) and the
 * {@code sndfile} filter dumps what it sent ({@code *-enc.wav}) and what it heard ({@code *-dec.wav}).
 * The call ends when the WAV file ends.
 */
public final class Baresip {
  /** What one call left behind. */
  public record CallRecording(Path sent, Path heard, String log, int exitCode) {}

  private final Path dir;
  private final int sipPort;

  /**
   * @param codec an SDP codec spec baresip understands: {@code PCMU}, {@code PCMA}, {@code G722},
   *              {@code opus/48000/2}
   * @param sampleRate the rate baresip's source and player run at (8000, 16000 or 48000)
   */
  public Baresip(Path dir, String codec, Path source, int sampleRate) throws IOException {
    Tools.require("baresip");
    this.dir = Files.createDirectories(dir);
    // baresip binds SIP on the port and TLS on port + 1.
    this.sipPort = FreePorts.block(2);
    BaresipConfig.write(dir, sipPort, source, sampleRate);
    Files.writeString(dir.resolve("accounts"),
        "<sip:tester@127.0.0.1:" + sipPort + ">;audio_codecs=" + codec + ";regint=0\n");
  }

  public int sipPort() {
    return sipPort;
  }

  /** Dials {@code uri}, plays the source file, hangs up at its end (or after {@code max}). */
  public CallRecording call(String uri, Duration max) throws IOException, InterruptedException {
    Path log = dir.resolve("baresip.log");
    Process p = new ProcessBuilder("baresip", "-f", dir.toString(), "-e", "/dial " + uri,
        "-t", Long.toString(max.toSeconds()))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
    if (!p.waitFor(max.toSeconds() + 10, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
    }
    return new CallRecording(dump("enc"), dump("dec"), Files.readString(log), p.exitValue());
  }

  private Path dump(String kind) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "dump-*-" + kind + ".wav")) {
      files.forEach(found::add);
    }
    return found.isEmpty() ? null : found.get(found.size() - 1);
  }
}
