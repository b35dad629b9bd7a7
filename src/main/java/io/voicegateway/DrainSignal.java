package io.voicegateway;

import java.util.logging.Logger;
import sun.misc.Signal;

/**
 * SIGUSR1 drains the node, as {@code POST /api/v1/node/drain} does: its OPTIONS are answered 503, so the dispatcher
 * in front (Kamailio) sends new calls to the other nodes while this one's calls finish. SIGUSR2 is HotSpot's own on
 * some platforms; SIGUSR1 is free. A JVM that refuses the signal only loses this shortcut (logged), not the API.
 */
final class DrainSignal {
  private static final Logger LOG = Logger.getLogger(DrainSignal.class.getName());
  static final String NAME = "USR1";

  private DrainSignal() {}

  static void install(Runnable drain) {
    try {
      Signal.handle(new Signal(NAME), signal -> {
        try {
          drain.run();
        } catch (RuntimeException e) {
          LOG.warning("SIGUSR1: drain could not be asked for: " + e);
        }
      });
    } catch (IllegalArgumentException e) {
      LOG.warning("SIGUSR1 is not available in this JVM (" + e.getMessage() + "): drain with POST /api/v1/node/drain");
    }
  }
}
