package io.voicegateway;

import io.voicegateway.apps.catalog.GatewayApps;
import io.voicegateway.media.codec.OpusLibrary;
import io.voicegateway.config.ConfigException;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.LoggingConfig;
import io.voicegateway.logging.HeldLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar voice-gateway.jar [--conf PATH] [--start-check]}: loads the configuration (exit 2 when invalid),
 * starts the gateway (exit 1 when it cannot, naming the socket when a port is taken), prints one line per
 * listening socket, and on SIGTERM/SIGINT ends calls with BYE, closes every socket and exits 0. With
 * {@code --start-check} it stops and exits 0 as soon as it is up: a check that the configuration starts on this
 * machine, and the training start of an AppCDS archive ({@code -XX:ArchiveClassesAtExit}, deploy/, issue 13).
 */
public final class Main {
  static final int EXIT_CONFIG = 2;
  static final int EXIT_START = 1;
  static final Path DEFAULT_CONF = Path.of("conf", "voice-gateway.yaml");
  static final String START_CHECK = "--start-check";

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    // Vert.x and the metrics need no configuration: built beside the reading of it (issue 13). What is logged
    // meanwhile waits until the configuration says in which format (so every line of a run is JSON, or none is).
    HeldLogs logs = HeldLogs.hold();
    CompletableFuture<GatewayRuntime> runtime = GatewayRuntime.buildBeside();
    GatewayConfig config;
    try {
      config = load(confPath(args), System.getenv());
      GatewayApps.check(config); // e.g. text prompts without espeak-ng: a configuration the machine cannot serve
      OpusLibrary.checkProperty(); // a bad -Dvoicegateway.opus is refused here, with the configuration
    } catch (ConfigException e) {
      logs.release(false);
      System.err.println("voice-gateway: invalid configuration: " + e.getMessage());
      System.exit(EXIT_CONFIG);
      return;
    } catch (IllegalArgumentException e) {
      logs.release(false);
      System.err.println("voice-gateway: " + e.getMessage());
      System.err.println("usage: java -jar voice-gateway.jar [--conf PATH] [--start-check]");
      System.exit(EXIT_CONFIG);
      return;
    } catch (RuntimeException e) { // Vert.x's threads, built meanwhile, would keep the JVM up
      logs.release(false);
      e.printStackTrace();
      System.exit(EXIT_START);
      return;
    }
    logs.release(config.logging().format() == LoggingConfig.Format.JSON);

    Gateway gateway;
    try {
      gateway = Gateway.start(config, runtime.join()).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("voice-gateway: start-up failed: " + e.getMessage());
      System.exit(EXIT_START);
      return;
    }
    System.out.println("Voice Gateway " + Gateway.version() + " started");
    gateway.listening().forEach(line -> System.out.println("listening " + line));
    String host = "0.0.0.0".equals(config.http().host()) ? "127.0.0.1" : config.http().host();
    String login = (config.http().tls() ? "https" : "http") + "://" + host + ":" + gateway.httpPort() + "/";
    if (config.http().apiTokenGenerated()) {
      System.out.println("dashboard " + login + "?token=" + config.http().apiToken());
    } else {
      System.out.println("dashboard " + login);
    }

    if (startCheck(args)) {
      stop(gateway); // exits 0 once stopped; the JVM writes an -XX:ArchiveClassesAtExit archive on the way out
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(gateway), "shutdown"));
    // reloads (SIGHUP, POST /api/v1/config/reload) re-read the file we started with, with the same environment
    confPath(args).ifPresent(path -> gateway.reloadFrom(() -> ConfigLoader.load(path, System.getenv())));
    ReloadSignal.install(() -> gateway.reload("SIGHUP").onFailure(err ->
        System.err.println("voice-gateway: SIGHUP: reload refused: " + err.getMessage())));
    DrainSignal.install(() -> gateway.drain(true));
    new CountDownLatch(1).await(); // Vert.x's threads serve; the shutdown hook ends the process
  }

  /**
   * Runs on SIGTERM/SIGINT (and any other JVM exit): calls get their BYE, sockets close. A JVM ended by a
   * signal reports 128+signal (143) however cleanly its hooks finish, so the hook halts with the outcome
   * itself: 0 after a clean stop, as service managers expect of an orderly shutdown.
   */
  private static void stop(Gateway gateway) {
    System.out.println("voice-gateway: shutting down");
    int status = 0;
    try {
      gateway.stop().await(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("voice-gateway: unclean shutdown: " + e);
      status = EXIT_START;
    }
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(status);
  }

  /**
   * The configuration {@code conf} names; without one (no {@code --conf} and no {@code conf/voice-gateway.yaml}
   * here), the built-in defaults, said in one line so nobody wonders where 5060 and 8080 came from.
   */
  static GatewayConfig load(Optional<Path> conf, Map<String, String> env) {
    if (conf.isPresent()) {
      return ConfigLoader.load(conf.get(), env);
    }
    System.err.println("voice-gateway: no --conf given and no " + DEFAULT_CONF + " in "
        + Path.of("").toAbsolutePath() + ": starting on the built-in defaults (see docs/configuration.md)");
    return ConfigLoader.parse("", env);
  }

  /** Whether {@code --start-check} was given: start, report, stop, exit 0. */
  static boolean startCheck(String[] args) {
    return java.util.Arrays.asList(args).contains(START_CHECK);
  }

  /** The file {@code --conf} names (missing or not); else {@code conf/voice-gateway.yaml} if it exists. */
  static Optional<Path> confPath(String[] args) {
    Path path = null;
    for (int i = 0; i < args.length; i++) {
      if ("--conf".equals(args[i]) && i + 1 < args.length) {
        path = Path.of(args[++i]);
      } else if (args[i].startsWith("--conf=")) {
        path = Path.of(args[i].substring("--conf=".length()));
      } else if (!START_CHECK.equals(args[i])) {
        throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
    }
    if (path != null) {
      return Optional.of(path);
    }
    return Files.exists(DEFAULT_CONF) ? Optional.of(DEFAULT_CONF) : Optional.empty();
  }
}
