package io.voicegateway.apps.voicemail;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.voicegateway.apps.App;
import io.voicegateway.apps.AppCall;
import io.voicegateway.apps.AppSession;
import io.voicegateway.apps.prompts.Prompts;
import io.voicegateway.apps.prompts.Tones;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.VoicemailBox;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * {@code voicemail BOX}: a caller leaves a message in a box ({@code voicemail: BOX} routes and {@code on_no_answer}
 * targets). When the apps verticle starts it also mends what a killed gateway left and serves the REST API's
 * voicemail requests ({@link VoicemailService}).
 */
public final class VoicemailApp implements App {
  private static final Logger LOG = Logger.getLogger(VoicemailApp.class.getName());

  private final Voicemail voicemail;

  VoicemailApp(Voicemail voicemail) {
    this.voicemail = voicemail;
  }

  /** Both voicemail apps of a gateway, sharing boxes, files and index: leaving messages, and owners listening. */
  public static List<App> of(GatewayConfig config, Prompts prompts) {
    Voicemail voicemail = new Voicemail(config.voicemail(), config.history(), prompts);
    return List.of(new VoicemailApp(voicemail), new VoicemailAccessApp(voicemail));
  }

  /**
   * Both voicemail apps for a reloaded configuration, sharing this one's files, index and REST consumers, with
   * {@code config}'s boxes and access number for calls from now on. Runs on the apps loop.
   */
  public List<App> reload(GatewayConfig config, Prompts prompts) {
    voicemail.reconfigure(config.voicemail(), prompts);
    return List.of(new VoicemailApp(voicemail), new VoicemailAccessApp(voicemail));
  }

  /**
   * Every prompt voicemail may speak, for the start-up check of the TTS engine: the boxes' greetings and, with any
   * box, the owner's menu.
   */
  public static List<io.voicegateway.config.Prompt> prompts(GatewayConfig config) {
    if (config.voicemail().boxes().isEmpty()) {
      return List.of();
    }
    List<io.voicegateway.config.Prompt> prompts = new java.util.ArrayList<>(OwnerMenu.PROMPTS);
    config.voicemail().boxes().values().forEach(box -> prompts.add(box.greeting()));
    return prompts;
  }

  @Override
  public String name() {
    return "voicemail";
  }

  @Override
  public Future<Void> start(Vertx vertx) {
    return VoicemailService.start(vertx, voicemail);
  }

  @Override
  public Future<Void> stop() {
    voicemail.close();
    return Future.succeededFuture();
  }

  @Override
  public AppSession attach(AppCall call) {
    VoicemailBox box = voicemail.config().box(call.argument()).orElse(null);
    if (box == null) {
      // a route to a box the configuration lacks (only possible without a voicemail section): no mailbox
      LOG.warning("call " + call.callId() + " routed to unknown voicemail box " + call.argument());
      EndWithTone ending = new EndWithTone(call, loop());
      return ending;
    }
    return new LeaveMessage(call, box, voicemail, loop()).start();
  }

  /** Runs a prompt player's end-of-playlist on the apps verticle's event loop (the caller of attach). */
  static Executor loop() {
    Context context = Vertx.currentContext();
    return context == null ? Runnable::run : r -> context.runOnContext(v -> r.run());
  }

  /** Three short tones, then hang-up: what a caller of a missing box hears. */
  private static final class EndWithTone implements AppSession {
    private final RecordingLeg leg;

    EndWithTone(AppCall call, Executor loop) {
      leg = new RecordingLeg(loop, new FrameRing(1));
      leg.play(List.of(Tones.tone(950, 330, 0.3f), Tones.tone(1400, 330, 0.3f), Tones.tone(1800, 330, 0.3f)),
          () -> call.hangup("voicemail box " + call.argument() + " not configured"));
    }

    @Override
    public io.voicegateway.media.MixerLeg leg() {
      return leg;
    }
  }
}
