package io.voicegateway.apps;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A telephony app: what a call can be routed to instead of a phone ({@code app: echo} in a route, {@code from:
 * app:echo} in an originate). The {@link AppCatalog} holds the apps by name; for each call routed to one, the app
 * gets an {@link AppCall} and answers with an {@link AppSession}, whose {@link AppSession#leg() leg} is the
 * call's app leg in the mixer: it hears the call (everyone else's audio) and plays into it.
 *
 * <p>How the next apps fit without changing this shape:
 * <ul>
 *   <li>prompts and TTS: the session's leg plays the prompt's frames; synthesis and file reads go through
 *       {@link AppCall#blocking}; a DTMF key ({@link AppSession#onDtmf}) can cut it short (barge-in)</li>
 *   <li>IVR: prompts plus digit collection in {@code onDtmf} with {@link AppCall#setTimer} for timeouts; its
 *       actions end the call ({@link AppCall#hangup}), send it elsewhere ({@link AppCall#transfer}) or hand it
 *       to another app ({@link AppCall#replaceWith}, e.g. a voicemail box)</li>
 *   <li>voicemail and recording: the leg's {@code push} is the caller's audio, written by a worker through
 *       {@code blocking}; {@link AppSession#onEnd} closes the file</li>
 *   <li>conferences: each member call's session leg exchanges frames with a shared room, which mixes the
 *       members minus each one's own voice</li>
 * </ul>
 * Apps and sessions are implemented by apps, so new callbacks arrive as default methods; {@link AppCall} is
 * implemented by the gateway, so it may grow methods without breaking an app.
 */
public interface App {
  /** The name routes and the API use ({@code echo}); lower case, no spaces. */
  String name();

  /**
   * Starts the app on a call, on the apps verticle's event loop: must not block. Throwing refuses the call's
   * attach (the caller of {@code vg.apps.attach} gets a 500).
   */
  AppSession attach(AppCall call);

  /**
   * Called once as the apps verticle starts, on its event loop (where the sessions run too): an app that serves
   * requests of its own over the bus (voicemail's REST questions, a conference's participant list) registers them
   * here, and start-up work goes to a worker. A failed future fails the start-up.
   */
  default Future<?> start(Vertx vertx) {
    return Future.succeededFuture();
  }

  /** Called once as the apps verticle stops: release what {@link #start} took (an open database). */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}
