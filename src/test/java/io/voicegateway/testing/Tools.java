package io.voicegateway.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * External programs and files the tests need (sipp, baresip, sox, espeak-ng, tshark, SIPp's pcaps). A
 * missing one skips the test on a developer machine but fails it under CI ({@code CI=true}), so CI can
 * never pass by skipping.
 */
public final class Tools {
  private Tools() {}

  /** Returns the tool's path, or aborts/fails the test when it is not installed. */
  public static Path require(String name) {
    Optional<Path> found = find(name);
    if (found.isEmpty()) {
      missing(name + " is not installed (see .ci/run for the packages the tests need)");
    }
    return found.get();
  }

  /** Each of the tools, as {@link #require(String)}. */
  public static void require(String... names) {
    for (String name : names) {
      require(name);
    }
  }

  /** A data file a package installs (e.g. SIPp's pcaps), as {@link #require(String)}. */
  public static Path requireFile(Path file) {
    if (!Files.isReadable(file)) {
      missing(file + " is missing (see .ci/run for the packages the tests need)");
    }
    return file;
  }

  /**
   * A native library the code loads itself (libopus, WebRTC's audio processing), as {@link #require(String)}.
   *
   * @param failure why it did not load, or null when it did
   */
  public static void requireLibrary(String name, String failure) {
    if (failure != null) {
      missing(name + " cannot be loaded: " + failure + " (see .ci/run for the packages the tests need)");
    }
  }

  public static Optional<Path> find(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Runs a command to completion and fails the test, with its output, on a non-zero exit or a hang. */
  public static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      Assertions.fail(String.join(" ", command) + " did not finish:\n" + output);
    }
    Assertions.assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + output);
  }

  public static void run(List<String> command) throws IOException, InterruptedException {
    run(command.toArray(String[]::new));
  }

  private static void missing(String msg) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(msg);
    }
    Assumptions.abort(msg);
  }
}
