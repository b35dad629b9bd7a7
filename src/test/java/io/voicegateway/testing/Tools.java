package io.voicegateway.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * External programs the interop tests drive (sipp, baresip, sox, espeak-ng, chromium). A missing tool
 * skips the test on a developer machine but fails it under CI ({@code CI=true}), so CI can never pass
 * by skipping.
 */
public final class Tools {
  private Tools() {}

  /** Returns the tool's path, or aborts/fails the test when it is not installed. */
  public static Path require(String name) {
    Optional<Path> found = find(name);
    if (found.isEmpty()) {
      String msg = name + " is not installed (see .ci/run for the packages the tests need)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(msg);
      }
      Assumptions.abort(msg);
    }
    return found.get();
  }

  public static Optional<Path> find(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
