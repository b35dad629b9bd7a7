package io.voicegateway;

import java.util.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP reloads the configuration ({@code systemctl reload voice-gateway}: the unit's {@code ExecReload} sends it).
 * Without this handler the JVM treats SIGHUP like SIGTERM and shuts down. {@code sun.misc.Signal} is the JDK's
 * only way to catch a signal (module {@code jdk.unsupported}, exported on purpose for this); no library adds more.
 */
final class ReloadSignal {
  private static final Logger LOG = Logger.getLogger(ReloadSignal.class.getName());
  static final String NAME = "HUP";

  private ReloadSignal() {}

  /**
   * Runs {@code reload} on every SIGHUP, on the JVM's signal thread (it only asks over the bus, so it returns at
   * once). Returns the handler it replaced, so tests can put it back.
   */
  static SignalHandler install(Runnable reload) {
    return Signal.handle(new Signal(NAME), signal -> {
      try {
        reload.run();
      } catch (RuntimeException e) {
        LOG.warning("SIGHUP: reload could not be asked for: " + e);
      }
    });
  }
}
