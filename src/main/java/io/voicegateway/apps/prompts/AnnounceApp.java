package io.voicegateway.apps.prompts;

import io.voicegateway.apps.App;
import io.voicegateway.apps.AppCall;
import io.voicegateway.apps.AppSession;
import io.voicegateway.config.Prompt;
import io.voicegateway.media.MixerLeg;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * {@code app: announce TEXT} (or {@code announce FILE.wav}): plays a recorded announcement and hangs up. A short
 * silence leads, so the caller's jitter buffer has settled before the first word, and one trails, so the last
 * word has left before the BYE.
 */
public final class AnnounceApp implements App {
  public static final String NAME = "announce";
  static final int LEAD_MS = 300;
  static final int TRAIL_MS = 400;

  private static final Logger LOG = Logger.getLogger(AnnounceApp.class.getName());

  private final Prompts prompts;

  public AnnounceApp(Prompts prompts) {
    this.prompts = prompts;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public AppSession attach(AppCall call) {
    Prompt prompt = Prompt.parse(call.argument());
    if (prompt == null) {
      throw new IllegalArgumentException("announce needs what to say: announce TEXT or announce FILE.wav");
    }
    PromptPlayer player = new PromptPlayer(onThisContext());
    boolean[] ended = {false}; // on the event loop only, like every callback here
    call.blocking(() -> prompts.load(prompt)).onComplete(loaded -> {
      if (ended[0]) {
        return; // the caller hung up while the prompt was being made
      }
      if (loaded.failed()) {
        LOG.warning("announce on call " + call.callId() + ": cannot play " + prompt + ": " + loaded.cause().getMessage());
        call.hangup("announcement failed");
        return;
      }
      player.play(List.of(Tones.silence(LEAD_MS), loaded.result(), Tones.silence(TRAIL_MS)),
          () -> call.hangup("announcement played"));
    });
    return new AppSession() {
      @Override
      public MixerLeg leg() {
        return player;
      }

      @Override
      public void onEnd(String reason) {
        ended[0] = true;
        player.stop();
      }
    };
  }

  /** The apps verticle's event loop, where {@code attach} runs and the call's methods belong. */
  private static Executor onThisContext() {
    Context context = Vertx.currentContext();
    return context == null ? Runnable::run : task -> context.runOnContext(v -> task.run());
  }
}
