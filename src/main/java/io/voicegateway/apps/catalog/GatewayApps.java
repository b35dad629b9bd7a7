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
 * The apps this gateway runs, built at start-up from the configuration and again on each reload ({@link #reload}).
 * It lives in its own package because it knows every app, while the apps know only the SPI in {@code apps} (which
 * must not know them back).
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
    return build(config, prompts, VoicemailApp.of(config, prompts),
        new ConferenceApp(new Conferences(config.conferences()), prompts));
  }

  /**
   * The catalog of a reloaded configuration, made on the apps loop from the {@code running} one: stateless apps
   * anew (the sessions running keep the old ones, with the menus they started with); voicemail and conferences
   * keep their state (files and index, rooms and members) and bus consumers under the new settings.
   *
   * @throws IllegalStateException when {@code running} is not a gateway's catalog (no voicemail or conference app)
   */
  public static AppCatalog reload(AppCatalog running, GatewayConfig config, Prompts prompts) {
    VoicemailApp voicemail = running.find("voicemail").filter(VoicemailApp.class::isInstance)
        .map(VoicemailApp.class::cast).orElseThrow(() -> new IllegalStateException("no voicemail app running"));
    ConferenceApp conference = running.find("conference").filter(ConferenceApp.class::isInstance)
        .map(ConferenceApp.class::cast).orElseThrow(() -> new IllegalStateException("no conference app running"));
    return build(config, prompts, voicemail.reload(config, prompts), conference.reload(config.conferences(), prompts));
  }

  private static AppCatalog build(GatewayConfig config, Prompts prompts, List<App> voicemail, App conference) {
    List<App> apps = new ArrayList<>();
    apps.add(new EchoApp());
    apps.add(new AnnounceApp(prompts));
    apps.add(new IvrApp(config.ivr(), prompts, config.devices()));
    apps.addAll(voicemail);
    apps.add(conference);
    // each app capability adds its app here (and, with state to keep across a reload, to reload)
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
    return List.copyOf(keyedPrompts(config).keySet());
  }

  /**
   * Every prompt the configuration has, each with the first key that names it (what a reload reports when it does
   * not render), in file order by section.
   */
  static java.util.Map<Prompt, String> keyedPrompts(GatewayConfig config) {
    java.util.Map<Prompt, String> keyed = new java.util.LinkedHashMap<>();
    List<Prompt> announced = announcements(config);
    announced.forEach(p -> keyed.putIfAbsent(p, "routes"));
    config.ivr().menus().values().stream().sorted(java.util.Comparator.comparing(m -> m.name())).forEach(menu -> {
      put(keyed, menu.greeting(), "ivr." + menu.name() + ".greeting");
      put(keyed, menu.invalid(), "ivr." + menu.name() + ".invalid");
      put(keyed, menu.timeoutPrompt(), "ivr." + menu.name() + ".timeout_prompt");
      put(keyed, menu.unavailable(), "ivr." + menu.name() + ".unavailable");
    });
    config.voicemail().boxes().values().forEach(b -> put(keyed, b.greeting(), "voicemail.boxes." + b.name() + ".greeting"));
    VoicemailApp.prompts(config).forEach(p -> keyed.putIfAbsent(p, "voicemail"));
    List<io.voicegateway.config.ConferencesConfig.Room> rooms = config.conferences().rooms();
    for (int i = 0; i < rooms.size(); i++) {
      if (rooms.get(i).pin() != null) {
        put(keyed, rooms.get(i).pinPrompt(), "conferences.rooms[" + i + "].pin_prompt");
      }
    }
    // each app section adds its prompts here
    return keyed;
  }

  private static void put(java.util.Map<Prompt, String> keyed, Prompt prompt, String key) {
    if (prompt != null) {
      keyed.putIfAbsent(prompt, key);
    }
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
