package io.voicegateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

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

  /** Every prompt of every menu, for the start-up check that text prompts have a TTS engine. */
  public List<Prompt> prompts() {
    List<Prompt> prompts = new ArrayList<>();
    for (IvrMenu menu : menus.values()) {
      Stream.of(menu.greeting(), menu.invalid(), menu.timeoutPrompt(), menu.unavailable())
          .filter(Objects::nonNull).forEach(prompts::add);
    }
    return prompts;
  }

  public Optional<IvrMenu> menu(String name) {
    return Optional.ofNullable(name == null ? null : menus.get(name));
  }
}
