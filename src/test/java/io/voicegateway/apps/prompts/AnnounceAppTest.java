package io.voicegateway.apps.prompts;

import io.voicegateway.apps.FakeAppCall;
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
    FakeAppCall call = call("Our office is closed.");
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
    }).attach(call("sounds/closed.wav"));
    assertTrue(loaded.get(0).file() != null, loaded.toString());
  }

  @Test
  void aPromptThatCannotBeLoadedEndsTheCall() {
    FakeAppCall call = call("sounds/missing.wav");
    AppSession session = new AnnounceApp(prompt -> {
      throw new IOException("no such file");
    }).attach(call);
    assertEquals(List.of("announcement failed"), call.hangups);
    assertNull(session.leg().pull());
  }

  @Test
  void theCallEndingStopsThePlayback() {
    FakeAppCall call = call("Hello");
    AppSession session = new AnnounceApp(prompt -> speech).attach(call);
    assertNotNull(session.leg().pull());
    session.onEnd("caller hung up");
    assertNull(session.leg().pull());
    assertTrue(call.hangups.isEmpty());
  }

  @Test
  void aCallerWhoHangsUpWhileThePromptIsMadeGetsNothingMore() {
    FakeAppCall call = call("Hello");
    call.deferBlocking = true;
    AppSession session = new AnnounceApp(prompt -> speech).attach(call);
    session.onEnd("caller hung up");
    call.finishBlocking();
    assertNull(session.leg().pull());
    assertTrue(call.hangups.isEmpty());
  }

  @Test
  void withoutWhatToSayTheAttachIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new AnnounceApp(prompt -> speech).attach(call(null)));
  }

  private static float peak(float[] frame) {
    float peak = 0;
    for (float v : frame) {
      peak = Math.max(peak, Math.abs(v));
    }
    return peak;
  }

  private static FakeAppCall call(String argument) {
    FakeAppCall call = new FakeAppCall("call-1", argument);
    call.caller = "sip:alice@example.com";
    call.called = "100";
    return call;
  }
}
