package io.voicegateway.config;

/**
 * The {@code ivr:} section: IVR menus by name.
 * (Placeholder shape: the engineer building this capability gives it its components and its reader.)
 */
public record IvrConfig() {
  /** The section left out: no menus. */
  public static IvrConfig defaults() {
    return new IvrConfig();
  }
}
