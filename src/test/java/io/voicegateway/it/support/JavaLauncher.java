package io.voicegateway.it.support;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Runs {@code io.voicegateway.Main} in its own JVM, as a user runs the jar, from any working directory. */
public final class JavaLauncher {
  private JavaLauncher() {}

  /** {@code java [jvmOptions] -cp <this test's class path> io.voicegateway.Main [args]}. */
  public static ProcessBuilder main(List<String> jvmOptions, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", absoluteClassPath(), "io.voicegateway.Main"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd);
  }

  /** Absolute entries, so the launched JVM may run in another directory. */
  private static String absoluteClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }
}
