package io.voicegateway.apps;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.MediaCommands.AppAttach;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.MixerLeg;

/**
 * Attaches telephony apps to calls as mixer legs without a socket. Today: {@code echo}. IVR, voicemail and
 * prompts will join here; their file and TTS work goes through {@code executeBlocking}.
 */
public final class AppsVerticle extends VerticleBase {
  private final MediaEngine engine;

  public AppsVerticle(MediaEngine engine) {
    this.engine = engine;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<AppAttach>consumer(Addresses.APPS_ATTACH, msg -> {
      AppAttach attach = msg.body();
      MixerLeg app = create(attach.app());
      if (app == null) {
        msg.fail(404, "unknown app " + attach.app());
        return;
      }
      engine.attach(attach.callId(), app);
      msg.reply(attach);
    }).completion();
  }

  private static MixerLeg create(String name) {
    return switch (name == null ? "" : name) {
      case "echo" -> new EchoApp();
      default -> null;
    };
  }
}
