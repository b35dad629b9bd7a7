package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs command-line tools (sox, espeak-ng) from tests: missing tools fail under CI=true, else skip. */
public final class ExternalTools {
  private ExternalTools() {}

  public static void require(String tool) {
    boolean found = false;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, tool).canExecute()) {
        found = true;
        break;
      }
    }
    if (!found) {
      if ("true".equals(System.getenv("CI"))) {
        fail(tool + " is required under CI=true but is not on PATH");
      }
      assumeTrue(false, tool + " not installed: skipping");
    }
  }

  /** Runs a command to completion and fails the test on a non-zero exit. */
  public static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      fail(command + " failed: " + new String(output, java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
