package io.voicegateway.apps.ivr;

import io.voicegateway.apps.FakeAppCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.apps.AppSession;
import io.voicegateway.apps.prompts.PromptAudio;
import io.voicegateway.apps.prompts.Prompts;
import io.voicegateway.bus.CallCommands.HandOff;
import io.voicegateway.bus.CallCommands.HandOffKind;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.media.MixerLeg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The IVR's state machine on a fake call, fake timers and prompts of known samples: no SIP, no sleep. */
class IvrSessionTest {
  private static final GatewayConfig CONFIG = ConfigLoader.parse("""
      providers: [{id: carrier1, host: 203.0.113.5}]
      devices: [{id: alice, password: a, extension: "101"}, {id: bob, password: b, extension: "102"}]
      ivr:
        main:
          greeting: main-greeting
          invalid: invalid
          timeout_prompt: timeout
          unavailable: unavailable
          max_retries: 2
          timeout: 5s
          inter_digit_timeout: 3s
          max_digits: 3
          ring_timeout: 20s
          default: {ring: bob}
          options:
            "1": {menu: sales}
            "2": {ring: [alice, bob]}
            "3": {call: {number: "+4930123", provider: carrier1}}
            "4": {voicemail: box1}
            "5": {app: echo}
            "6": extension
            "7": dial
            "8": repeat
            "0": hangup
        sales:
          greeting: sales-greeting
          options:
            "1": {menu: support}
            "*": back
        support:
          greeting: support-greeting
          options:
            "*": back
            "9": {app: echo}
      """, Map.of());

  /** Every prompt is 40 ms of one constant sample, so the frames say which prompt plays. */
  private final List<String> names = new ArrayList<>();
  private final Prompts prompts = prompt -> {
    String name = prompt.text();
    if (!names.contains(name)) {
      names.add(name);
    }
    float[] samples = new float[2 * MixerLeg.FRAME];
    java.util.Arrays.fill(samples, (names.indexOf(name) + 1) / 100f);
    return new PromptAudio(samples);
  };
  private final FakeAppCall call = new FakeAppCall("call-1", "main");
  private final AppSession session = new IvrApp(CONFIG.ivr(), prompts, CONFIG.devices()).attach(call);

  /** Pulls frames as the mixer would until nothing plays; the prompts heard, in order (any tone is "ringback"). */
  private List<String> heard() {
    List<String> heard = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      float[] frame = session.leg().pull();
      if (frame == null) {
        return heard;
      }
      boolean prompt = frame[0] > 0 && frame[0] == frame[frame.length - 1];
      String name = prompt ? names.get(Math.round(frame[0] * 100) - 1) : "ringback";
      if (heard.isEmpty() || !heard.get(heard.size() - 1).equals(name)) {
        heard.add(name);
      }
    }
    throw new AssertionError("still playing");
  }

  private static float peak(float[] frame) {
    float peak = 0;
    for (float f : frame) {
      peak = Math.max(peak, Math.abs(f));
    }
    return peak;
  }

  private void press(String keys) {
    for (char key : keys.toCharArray()) {
      session.onDtmf(key, 100);
    }
  }

  @Test
  void theGreetingPlaysThenAValidKeyRunsItsAction() {
    assertEquals(List.of("main-greeting"), heard());
    assertEquals(List.of("menu main"), call.steps);

    press("2");

    assertEquals(List.of(HandOff.ring("call-1", List.of("alice", "bob"), 20_000)), call.handOffs);
    assertEquals(List.of("menu main", "key 2", "ring alice,bob"), call.steps);
    float[] ringback = session.leg().pull();
    assertTrue(ringback != null && peak(ringback) > 0.2f, "a ringback while the phones ring");
  }

  @Test
  void aPhoneAnsweringEndsTheMenuAndNobodyAnsweringBringsTheCallerBack() {
    heard();
    press("2");
    call.handOffAnswers(486);
    assertEquals(List.of("unavailable", "main-greeting"), heard());
    assertTrue(call.steps.contains("ring alice,bob 486"), call.steps.toString());

    press("3");
    assertEquals(new HandOff(call.callId(), HandOffKind.NUMBER, List.of(), "+4930123", "carrier1", null, 20_000),
        call.handOffs.get(1));
    call.handOffAnswers(200);
    session.onEnd("connected");
    assertEquals("connected", call.steps.get(call.steps.size() - 1));
    press("1");
    assertNull(session.leg().pull());
    assertEquals(2, call.handOffs.size(), "keys after the hand-off do nothing");
  }

  @Test
  void anInvalidKeyPlaysInvalidAndTheMenuAgain() {
    heard();
    press("9");
    assertEquals(List.of("invalid", "main-greeting"), heard());
    assertEquals(List.of("menu main", "invalid key 9"), call.steps);
  }

  @Test
  void silenceRetriesThenRunsTheDefault() {
    heard();
    call.advance(4_999);
    assertEquals(List.of(), heard(), "not yet");
    call.advance(1);
    assertEquals(List.of("timeout", "main-greeting"), heard());
    call.advance(5_000);
    assertEquals(List.of("timeout", "main-greeting"), heard());
    assertTrue(call.handOffs.isEmpty(), "two retries first");
    call.advance(5_000);
    assertEquals(List.of("timeout", "ringback"), heard(), "the default rings bob");
    assertEquals(List.of(HandOff.ring("call-1", List.of("bob"), 20_000)), call.handOffs);
    assertEquals(List.of("menu main", "timeout", "timeout", "timeout", "default", "ring bob"), call.steps);
  }

  @Test
  void aKeyDuringTheGreetingStopsIt() {
    float[] first = session.leg().pull();
    assertEquals(0.01f, first[0], "the greeting started");
    press("8");
    assertEquals(List.of("main-greeting"), heard(), "cut short and played again from the start by repeat");
    assertEquals(List.of("menu main", "key 8"), call.steps);
  }

  @Test
  void aKeyDuringTheGreetingCancelsNoTimerLaterMisfires() {
    session.leg().pull();
    press("9"); // invalid while the greeting plays
    heard();
    call.advance(4_999);
    assertEquals(List.of("menu main", "invalid key 9"), call.steps, "the timeout counts from the greeting's end");
  }

  @Test
  void menuToMenuToActionAndBack() {
    heard();
    press("1");
    assertEquals(List.of("sales-greeting"), heard());
    press("1");
    assertEquals(List.of("support-greeting"), heard());
    press("*");
    assertEquals(List.of("sales-greeting"), heard());
    press("1");
    heard();
    press("9");
    assertEquals(List.of("echo"), call.replacedBy);
    assertEquals(List.of("menu main", "key 1", "menu sales", "key 1", "menu support", "key *", "menu sales",
        "key 1", "menu support", "key 9", "echo"), call.steps);
  }

  @Test
  void backAtTheTopStaysInTheTopMenu() {
    heard();
    press("1");
    heard();
    press("*");
    assertEquals(List.of("main-greeting"), heard());
  }

  @Test
  void anExtensionEndsWithTheTerminator() {
    heard();
    press("6101#");
    assertEquals(List.of(HandOff.ring("call-1", List.of("alice"), 20_000)), call.handOffs);
    assertEquals(List.of("menu main", "key 6", "digits 101", "ring alice"), call.steps);
  }

  @Test
  void anExtensionEndsAtTheMostDigitsOrWhenTheCallerStopsTyping() {
    heard();
    press("6102");
    assertEquals(List.of("bob"), call.handOffs.get(0).devices(), "three digits are the most");
    call.handOffAnswers(408);
    heard();
    press("610");
    call.advance(2_999);
    assertEquals(1, call.handOffs.size());
    call.advance(1);
    assertTrue(call.steps.contains("digits 10"), call.steps.toString());
    assertTrue(call.steps.contains("unknown extension 10"), call.steps.toString());
    assertEquals(List.of("invalid", "main-greeting"), heard());
  }

  @Test
  void noDigitAtAllIsATimeout() {
    heard();
    press("6");
    call.advance(5_000);
    assertEquals(List.of("timeout", "main-greeting"), heard());
  }

  @Test
  void typedDigitsAreDialledThroughTheRoutesAsTheCaller() {
    heard();
    press("7030#");
    assertEquals(List.of(HandOff.route("call-1", "030", 20_000)), call.handOffs);
    call.handOffAnswers(403);
    assertEquals(List.of("unavailable", "main-greeting"), heard());
  }

  @Test
  void voicemailAndAppsTakeTheCallOver() {
    heard();
    press("4");
    assertEquals(List.of("voicemail box1"), call.replacedBy);
  }

  @Test
  void hangupEndsTheCall() {
    heard();
    press("0");
    assertEquals(List.of("ivr hangup"), call.hangups);
    assertEquals(0, call.pendingTimers());
  }

  @Test
  void theCallsEndStopsEverything() {
    heard();
    session.onEnd("remote BYE");
    assertEquals(0, call.pendingTimers());
    press("1");
    assertNull(session.leg().pull());
  }

  @Test
  void anUnknownMenuRefusesTheAttach() {
    assertThrows(IllegalArgumentException.class,
        () -> new IvrApp(CONFIG.ivr(), prompts, CONFIG.devices()).attach(new FakeAppCall("call-1", "nope")));
  }

  @Test
  void aPromptThatCannotLoadLeavesTheMenuWorking() {
    Prompts broken = p -> {
      throw new java.io.IOException("no TTS");
    };
    FakeAppCall other = new FakeAppCall("call-1", "main");
    AppSession s = new IvrApp(CONFIG.ivr(), broken, CONFIG.devices()).attach(other);
    s.onDtmf('2', 100);
    assertEquals(1, other.handOffs.size());
  }
}
