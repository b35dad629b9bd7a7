package io.voicegateway.apps.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.apps.AppCall;
import io.voicegateway.apps.AppSession;
import io.voicegateway.config.Prompt;
import io.voicegateway.media.MixerLeg;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** {@code app: announce …} with a fake call and fake prompts: it plays what it was given, then hangs up. */
class AnnounceAppTest {
  private final List<Prompt> loaded = new ArrayList<>();
  private final PromptAudio speech = Tones.tone(440, 1000, 0.5f);

  @Test
  void playsThePromptThenHangsUp() {
    FakeCall call = new FakeCall("Our office is closed.");
    AppSession session = new AnnounceApp(prompt -> {
      loaded.add(prompt);
      return speech;
    }).attach(call);

    assertEquals(List.of(Prompt.text("Our office is closed.")), loaded);
    MixerLeg leg = session.leg();
    int frames = 0;
    int spoken = 0;
    while (call.hangups.isEmpty() && frames < 200) {
      float[] frame = leg.pull();
      frames++;
      if (frame != null && peak(frame) > 0.1) {
        spoken++;
      }
    }
    int expected = (AnnounceApp.LEAD_MS + 1000 + AnnounceApp.TRAIL_MS) / 20;
    assertEquals(expected, frames, "lead silence, the prompt, trail silence, then the hang-up");
    assertTrue(spoken >= 45, spoken + " frames of speech");
    assertEquals(List.of("announcement played"), call.hangups);
  }

  @Test
  void aWavArgumentIsAFilePrompt() {
    new AnnounceApp(prompt -> {
      loaded.add(prompt);
      return speech;
    }).attach(new FakeCall("sounds/closed.wav"));
    assertTrue(loaded.get(0).file() != null, loaded.toString());
  }

  @Test
  void aPromptThatCannotBeLoadedEndsTheCall() {
    FakeCall call = new FakeCall("sounds/missing.wav");
    AppSession session = new AnnounceApp(prompt -> {
      throw new IOException("no such file");
    }).attach(call);
    assertEquals(List.of("announcement failed"), call.hangups);
    assertNull(session.leg().pull());
  }

  @Test
  void theCallEndingStopsThePlayback() {
    FakeCall call = new FakeCall("Hello");
    AppSession session = new AnnounceApp(prompt -> speech).attach(call);
    assertNotNull(session.leg().pull());
    session.onEnd("caller hung up");
    assertNull(session.leg().pull());
    assertTrue(call.hangups.isEmpty());
  }

  @Test
  void aCallerWhoHangsUpWhileThePromptIsMadeGetsNothingMore() {
    FakeCall call = new FakeCall("Hello");
    call.deferBlocking = true;
    AppSession session = new AnnounceApp(prompt -> speech).attach(call);
    session.onEnd("caller hung up");
    call.finishBlocking();
    assertNull(session.leg().pull());
    assertTrue(call.hangups.isEmpty());
  }

  @Test
  void withoutWhatToSayTheAttachIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new AnnounceApp(prompt -> speech).attach(new FakeCall(null)));
  }

  private static float peak(float[] frame) {
    float peak = 0;
    for (float v : frame) {
      peak = Math.max(peak, Math.abs(v));
    }
    return peak;
  }

  /** Runs blocking work inline (the test is the event loop and the worker) and records hang-ups. */
  private static final class FakeCall implements AppCall {
    final List<String> hangups = new ArrayList<>();
    private final String argument;
    boolean deferBlocking;
    private Runnable deferred;

    void finishBlocking() {
      deferred.run();
    }

    FakeCall(String argument) {
      this.argument = argument;
    }

    @Override
    public String callId() {
      return "call-1";
    }

    @Override
    public String argument() {
      return argument;
    }

    @Override
    public String caller() {
      return "sip:alice@example.com";
    }

    @Override
    public String callerDevice() {
      return null;
    }

    @Override
    public String called() {
      return "100";
    }

    @Override
    public long nowMs() {
      return 0;
    }

    @Override
    public Future<Void> hangup(String reason) {
      hangups.add(reason);
      return Future.succeededFuture();
    }

    @Override
    public Future<Integer> transfer(String target) {
      return Future.failedFuture("not in this test");
    }

    @Override
    public Future<Void> replaceWith(String app, String argument) {
      return Future.failedFuture("not in this test");
    }

    @Override
    public <T> Future<T> blocking(Callable<T> work) {
      if (deferBlocking) {
        Promise<T> promise = Promise.promise();
        deferred = () -> {
          try {
            promise.complete(work.call());
          } catch (Exception e) {
            promise.fail(e);
          }
        };
        return promise.future();
      }
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }

    @Override
    public long setTimer(long delayMs, Runnable action) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void cancelTimer(long timerId) {}
  }
}
