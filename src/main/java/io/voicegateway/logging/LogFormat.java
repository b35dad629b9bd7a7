package io.voicegateway.logging;

import java.util.logging.Handler;
import java.util.logging.Logger;

/** Switches the root logger's handlers (the console's, by default) to JSON lines, for {@code logging.format: json}. */
public final class LogFormat {
  private LogFormat() {}

  /** From now on every handler of the root logger writes one JSON object per line. */
  public static void json() {
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      handler.setFormatter(new JsonLogFormatter());
    }
  }
}
