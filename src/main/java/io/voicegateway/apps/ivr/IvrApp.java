package io.voicegateway.apps.ivr;

import io.voicegateway.apps.App;
import io.voicegateway.apps.AppCall;
import io.voicegateway.apps.AppSession;
import io.voicegateway.apps.prompts.Prompts;
import io.voicegateway.config.DeviceConfig;
import io.voicegateway.config.IvrConfig;
import io.voicegateway.config.IvrMenu;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code ivr}: the IVR menus of the {@code ivr:} section, started on a call with the menu's name as argument (a
 * route's {@code ivr: NAME}). Each call runs its own {@link IvrSession}; the menus and prompts are shared.
 */
public final class IvrApp implements App {
  public static final String NAME = "ivr";

  private final IvrConfig config;
  private final Prompts prompts;
  private final Map<String, String> extensions;

  /** @param devices the configured devices: the {@code extension} action rings the one whose extension was typed */
  public IvrApp(IvrConfig config, Prompts prompts, List<DeviceConfig> devices) {
    this.config = config;
    this.prompts = prompts;
    this.extensions = devices.stream().filter(d -> d.extension() != null)
        .collect(Collectors.toUnmodifiableMap(DeviceConfig::extension, DeviceConfig::id));
  }

  @Override
  public String name() {
    return NAME;
  }

  /** @throws IllegalArgumentException for a menu the configuration lacks (start-up checks the routes' menus) */
  @Override
  public AppSession attach(AppCall call) {
    IvrMenu menu = config.menu(call.argument()).orElseThrow(() -> new IllegalArgumentException(
        "no IVR menu '" + call.argument() + "'; known: " + String.join(", ", config.menus().keySet())));
    IvrSession session = new IvrSession(call, config, prompts, extensions);
    session.start(menu);
    return session;
  }
}
