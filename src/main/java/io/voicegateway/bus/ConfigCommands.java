package io.voicegateway.bus;

import java.util.List;

/** Reloading the configuration file (issue 14, the operator's day): {@link Addresses#CONFIG_RELOAD}. */
public final class ConfigCommands {
  private ConfigCommands() {}

  /** Re-read the file; {@code by} says who asked ({@code api}, {@code SIGHUP}), for the log and the event. */
  public record Reload(String by) {}

  /** One problem of a file that does not validate: its key path ({@code ""}: the file itself) and what is wrong. */
  public record Problem(String key, String message) {}

  /**
   * The reply to {@link Reload}, and the event {@code CONFIG_RELOADED} published on
   * {@link Addresses#CONFIG_EVENTS} for every reload, applied or not.
   *
   * @param status       APPLIED (something changed and is in force), UNCHANGED (nothing reloadable changed)
   *                     or INVALID (the file does not validate; nothing changed)
   * @param applied      one line per reloadable section that changed, e.g. {@code devices: +carol -bob}
   * @param needsRestart the keys that differ from the running gateway but are left until a restart
   */
  public record Reloaded(String type, String status, String by, List<Problem> errors, List<String> applied,
      List<String> needsRestart, long timestampMs) {
    /** The event's type name on the bus. */
    public static final String TYPE = "CONFIG_RELOADED";
  }
}
