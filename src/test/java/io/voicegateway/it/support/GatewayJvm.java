package io.voicegateway.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A gateway running in its own JVM, as users run it ({@link JavaLauncher}), on a configuration file (usually from
 * {@link GatewayYaml}), its output in a log file. {@link #start} returns once the gateway logged its dashboard
 * address (the last line of a start-up), and fails the test with the log when it died or never got there.
 */
public final class GatewayJvm implements AutoCloseable {
  /** A start-up on a loaded 2-core machine (JIT, Hazelcast joining, PostgreSQL migrations) stays well inside. */
  private static final int START_SECONDS = 180;

  private final Process process;
  private final Path log;

  private GatewayJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** {@code java … io.voicegateway.Main --conf <conf>}, output to {@code log}; awaits its start-up. */
  public static GatewayJvm start(Path conf, Path log) throws IOException {
    ProcessBuilder pb = JavaLauncher.main(List.of(), "--conf", conf.toString()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("VG_TEST_PG_USER", PostgresServer.USER);
    GatewayJvm gw = new GatewayJvm(pb.start(), log);
    boolean up = GatewayUnderTest.eventually(START_SECONDS, () -> !gw.process.isAlive() || gw.log().lines()
        .anyMatch(l -> l.startsWith("dashboard ")));
    if (!(up && gw.process.isAlive())) {
      gw.process.destroyForcibly();
    }
    assertTrue(up && gw.process.isAlive(), () -> conf.getFileName() + " started: " + gw.log());
    return gw;
  }

  /** Everything the gateway wrote so far. */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, as a crash: no BYE, no shutdown hook, no cluster leave; returns once the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the gateway died of SIGKILL");
  }

  /** SIGTERM, the gateway's orderly stop (BYE to its calls); true when it exited within 30 s. */
  public boolean stop() throws InterruptedException {
    process.destroy();
    return process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Stops it (SIGTERM, then SIGKILL after 30 s); nothing when it is gone already. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive() && !stop()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
