package io.voicegateway;

import io.voicegateway.config.ConfigException;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * {@code java -jar voice-gateway.jar [--conf PATH]}: loads the configuration (exit 2 when invalid),
 * starts the gateway, prints one line per listening socket, and on SIGTERM/SIGINT ends calls with BYE,
 * closes every socket and exits 0.
 */
public final class Main {
  static final int EXIT_CONFIG = 2;
  static final int EXIT_START = 1;
  private static final Path DEFAULT_CONF = Path.of("conf", "voice-gateway.yaml");

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    GatewayConfig config;
    try {
      config = ConfigLoader.load(confPath(args), System.getenv());
    } catch (ConfigException e) {
      System.err.println("voice-gateway: invalid configuration: " + e.getMessage());
      System.exit(EXIT_CONFIG);
      return;
    } catch (IllegalArgumentException e) {
      System.err.println("voice-gateway: " + e.getMessage());
      System.err.println("usage: java -jar voice-gateway.jar [--conf PATH]");
      System.exit(EXIT_CONFIG);
      return;
    }

    Gateway gateway;
    try {
      gateway = Gateway.start(config).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("voice-gateway: start-up failed: " + e.getMessage());
      System.exit(EXIT_START);
      return;
    }
    System.out.println("Voice Gateway " + Gateway.version() + " started");
    gateway.listening().forEach(line -> System.out.println("listening " + line));
    String host = "0.0.0.0".equals(config.http().host()) ? "127.0.0.1" : config.http().host();
    String login = "http://" + host + ":" + gateway.httpPort() + "/";
    if (config.http().apiTokenGenerated()) {
      System.out.println("dashboard " + login + "?token=" + config.http().apiToken());
    } else {
      System.out.println("dashboard " + login);
    }

    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    Runnable shutdown = () -> {
      if (!stopping.compareAndSet(false, true)) {
        return; // a second signal while stopping changes nothing
      }
      System.out.println("voice-gateway: shutting down");
      try {
        gateway.stop().await(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("voice-gateway: unclean shutdown: " + e.getMessage());
      }
      stopped.countDown();
    };
    // A plain shutdown hook would exit 143 on SIGTERM; handling the signal lets a clean stop exit 0.
    Signal.handle(new Signal("TERM"), sig -> new Thread(shutdown, "shutdown").start());
    Signal.handle(new Signal("INT"), sig -> new Thread(shutdown, "shutdown").start());
    stopped.await();
    System.exit(0);
  }

  static Path confPath(String[] args) {
    Path path = DEFAULT_CONF;
    for (int i = 0; i < args.length; i++) {
      if ("--conf".equals(args[i]) && i + 1 < args.length) {
        path = Path.of(args[++i]);
      } else if (args[i].startsWith("--conf=")) {
        path = Path.of(args[i].substring("--conf=".length()));
      } else {
        throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
    }
    return path;
  }
}
