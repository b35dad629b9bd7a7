package io.voicegateway.apps.catalog;

import io.voicegateway.apps.App;
import io.voicegateway.apps.AppCatalog;
import io.voicegateway.apps.EchoApp;
import io.voicegateway.apps.conference.ConferenceApp;
import io.voicegateway.apps.conference.Conferences;
import io.voicegateway.config.GatewayConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The apps this gateway runs, built once at start-up from the configuration. It lives in its own package because
 * it knows every app, while the apps know only the SPI in {@code apps} (which must not know them back).
 */
public final class GatewayApps {
  private GatewayApps() {}

  public static AppCatalog of(GatewayConfig config) {
    List<App> apps = new ArrayList<>();
    apps.add(new EchoApp());
    apps.add(new ConferenceApp(new Conferences(config.conferences()), null)); // PIN prompts: beeps until p10's library
    // each app capability adds its app here (ivr, voicemail, conference, …)
    return AppCatalog.of(apps.toArray(App[]::new));
  }
}
