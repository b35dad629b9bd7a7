package io.voicegateway.config;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code ivr:} section: IVR menus by name, each reference in them (menus, devices, providers, apps) checked
 * when the configuration was read.
 */
public record IvrConfig(Map<String, IvrMenu> menus) {
  public IvrConfig {
    menus = Map.copyOf(menus);
  }

  /** The section left out: no menus. */
  public static IvrConfig defaults() {
    return new IvrConfig(Map.of());
  }

  public Optional<IvrMenu> menu(String name) {
    return Optional.ofNullable(name == null ? null : menus.get(name));
  }
}
