package io.voicegateway.apps.conference;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.voicegateway.apps.App;
import io.voicegateway.apps.AppCall;
import io.voicegateway.apps.AppSession;
import io.voicegateway.apps.prompts.Prompts;
import io.voicegateway.config.ConferencesConfig;
import io.voicegateway.media.MixerLeg;

/**
 * {@code conference ROOM}: the caller joins a named room ({@code app: conference sales} in a route or an IVR
 * action). Each member keeps its own call (its events, history and hang-up stay its own); the call's app leg
 * exchanges frames with the shared {@link ConferenceRoom}, which gives each member everyone else's voice.
 */
public final class ConferenceApp implements App {
  private final Conferences conferences;
  private final Prompts prompts;

  /** @param prompts speaks the PIN prompts (null, or a prompt it cannot render: a beep cue asks instead) */
  public ConferenceApp(Conferences conferences, Prompts prompts) {
    this.conferences = conferences;
    this.prompts = prompts;
  }

  @Override
  public String name() {
    return "conference";
  }

  /**
   * The app for a reloaded configuration: the same rooms (members, bus API) under {@code next}'s settings, speaking
   * from {@code prompts}. Runs on the apps loop, where the rooms live.
   */
  public ConferenceApp reload(ConferencesConfig next, Prompts prompts) {
    conferences.reconfigure(next);
    return new ConferenceApp(conferences, prompts);
  }

  public Conferences conferences() {
    return conferences;
  }

  /** The rooms answer the REST API over the bus, on the apps loop where they live. */
  @Override
  public Future<?> start(Vertx vertx) {
    return ConferenceBusApi.register(vertx, conferences);
  }

  @Override
  public AppSession attach(AppCall call) {
    String room = call.argument();
    if (room == null || room.isBlank()) {
      call.hangup("conference: no room named");
      return () -> (MixerLeg) null;
    }
    ConferenceSession session = new ConferenceSession(call, conferences, conferences.room(room.strip()), prompts);
    session.start();
    return session;
  }
}
