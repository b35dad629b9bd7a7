package io.voicegateway.apps.catalog;

import io.voicegateway.apps.App;
import io.voicegateway.apps.AppCatalog;
import io.voicegateway.apps.EchoApp;
import io.voicegateway.apps.ivr.IvrApp;
import io.voicegateway.apps.conference.ConferenceApp;
import io.voicegateway.apps.conference.Conferences;
import io.voicegateway.apps.prompts.AnnounceApp;
import io.voicegateway.apps.prompts.PromptLibrary;
import io.voicegateway.apps.prompts.Prompts;
import io.voicegateway.apps.voicemail.VoicemailApp;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.Prompt;
import io.voicegateway.config.RouteConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The apps this gateway runs, built once at start-up from the configuration. It lives in its own package because
 * it knows every app, while the apps know only the SPI in {@code apps} (which must not know them back).
 */
public final class GatewayApps {
  private GatewayApps() {}

  /** The gateway's catalog; its prompts are made in the background from now on, ahead of the first call. */
  public static AppCatalog of(GatewayConfig config) {
    PromptLibrary library = PromptLibrary.create(config);
    library.warmUp(prompts(config), PromptLibrary.backgroundThread());
    return of(config, library);
  }

  /** With the prompts every app speaks from (tests may pass a fake). */
  public static AppCatalog of(GatewayConfig config, Prompts prompts) {
    List<App> apps = new ArrayList<>();
    apps.add(new EchoApp());
    apps.add(new AnnounceApp(prompts));
    apps.add(new IvrApp(config.ivr(), prompts, config.devices()));
    apps.addAll(VoicemailApp.of(config, prompts));
    apps.add(new ConferenceApp(new Conferences(config.conferences()), prompts));
    // each app capability adds its app here
    return AppCatalog.of(apps.toArray(App[]::new));
  }

  /**
   * Start-up checks that need the apps' side of the configuration: a text prompt needs a TTS engine that runs
   * (espeak-ng installed, with the configured voice). Blocking (it runs espeak-ng); call it before the gateway starts.
   *
   * @throws io.voicegateway.config.ConfigException naming the key, so the gateway exits 2
   */
  public static void check(GatewayConfig config) {
    if (prompts(config).stream().anyMatch(Prompt::isText)) {
      PromptLibrary.create(config).requireTextEngine();
    }
  }

  /** Every prompt the configuration has: each app section adds its own here. */
  static List<Prompt> prompts(GatewayConfig config) {
    List<Prompt> prompts = new ArrayList<>();
    prompts.addAll(announcements(config));
    prompts.addAll(config.ivr().prompts());
    prompts.addAll(VoicemailApp.prompts(config));
    config.conferences().rooms().stream().filter(r -> r.pin() != null).forEach(r -> prompts.add(r.pinPrompt()));
    // each app section adds its prompts here
    return prompts;
  }

  /** What the {@code app: announce …} routes (and their {@code on_no_answer}) say. */
  static List<Prompt> announcements(GatewayConfig config) {
    List<Prompt> prompts = new ArrayList<>();
    for (RouteConfig route : config.routes()) {
      List<String> apps = new ArrayList<>();
      if (route.app() != null) {
        apps.add(route.app());
      }
      if (route.onNoAnswer() != null && route.onNoAnswer().kind().equals("app")) {
        apps.addAll(route.onNoAnswer().names());
      }
      for (String app : apps) {
        String[] words = app.strip().split("\\s+", 2);
        if (words[0].equals(AnnounceApp.NAME) && words.length > 1) {
          prompts.add(Prompt.parse(words[1]));
        }
      }
    }
    return prompts;
  }
}
