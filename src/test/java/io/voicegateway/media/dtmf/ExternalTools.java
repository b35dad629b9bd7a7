package io.voicegateway.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Runs command-line tools for tests: skips when one is missing, except under CI=true where that fails. */
final class ExternalTools {

  private ExternalTools() {}

  static void require(String... tools) {
    for (String tool : tools) {
      if (!onPath(tool)) {
        if ("true".equals(System.getenv("CI"))) {
          fail(tool + " is not installed; CI=true requires it");
        }
        Assumptions.abort(tool + " is not installed");
      }
    }
  }

  static void requireFile(Path file) {
    if (!Files.isReadable(file)) {
      if ("true".equals(System.getenv("CI"))) {
        fail(file + " is missing; CI=true requires it");
      }
      Assumptions.abort(file + " is missing");
    }
  }

  /** Runs {@code command} to completion and fails the test, with its output, when it exits non-zero. */
  static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), String.join(" ", command) + "\n" + output);
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
