package io.voicegateway.apps.conference;

import io.voicegateway.apps.FakeAppCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.apps.AppSession;
import io.voicegateway.apps.prompts.Prompts;
import io.voicegateway.apps.prompts.Tones;
import io.voicegateway.bus.ConferenceCommands;
import io.voicegateway.config.ConferencesConfig;
import io.voicegateway.config.Prompt;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The conference app on fake calls and a hand-stepped clock: open rooms and configured ones, the PIN asked with
 * the room's prompt (barge-in, three wrong tries or silences hang up), a full room refused, the participant list,
 * mute and kick, and an unconfigured room closing with its last member. No Vert.x, no mixer thread: the test
 * pulls the legs as the mixer would.
 */
class ConferenceAppTest {
  private final List<Prompt> spoken = new ArrayList<>();
  private final Prompts prompts = prompt -> {
    spoken.add(prompt);
    return Tones.tone(500, 100, 0.2f);
  };
  private final Conferences conferences = new Conferences(new ConferencesConfig(List.of(
      new ConferencesConfig.Room("board", "4711", Prompt.text("Board PIN please"), 0, true, true),
      new ConferencesConfig.Room("small", null, ConferencesConfig.DEFAULT_PIN_PROMPT, 2, true, true))));
  private final ConferenceApp app = new ConferenceApp(conferences, prompts);

  private record Joined(FakeAppCall call, AppSession session) {}

  private Joined join(String callId, String room) {
    FakeAppCall call = new FakeAppCall(callId, room);
    call.callerDevice = callId;
    call.caller = "sip:" + callId + "@x";
    return new Joined(call, app.attach(call));
  }

  /** Lets the session's leg play out what it plays now, as the mixer would, and runs what follows on the clock. */
  private static void playOut(Joined j) {
    for (int i = 0; i < 200 && j.session().leg().pull() != null; i++) {
      j.session().leg().push(new float[960]);
    }
    j.call().advance(1);
  }

  private void keys(Joined j, String keys) {
    keys.chars().forEach(k -> j.session().onDtmf((char) k, 100));
  }

  private List<String> members(String room) {
    return conferences.find(room).orElseThrow().participants().stream()
        .map(ConferenceCommands.Participant::id).toList();
  }

  @Test
  void anUnconfiguredRoomOpensOnFirstUseWithoutPinAndClosesWithItsLastMember() {
    Joined a = join("a", "sales");
    Joined b = join("b", "sales");

    assertEquals(List.of("a", "b"), members("sales"));
    ConferenceCommands.Room room = conferences.find("sales").orElseThrow();
    assertFalse(room.configured());
    assertFalse(room.pinned());
    assertTrue(a.session().leg().pull() != null, "a hears the join tone of b");

    a.session().onEnd("remote BYE");
    assertEquals(List.of("b"), members("sales"));
    b.session().onEnd("remote BYE");
    assertTrue(conferences.find("sales").isEmpty(), "an unconfigured room closes with its last member");
    assertTrue(conferences.find("board").isPresent(), "a configured room stays listed");
  }

  @Test
  void theRightPinLetsTheCallerIn() {
    Joined a = join("a", "board");

    assertEquals(List.of(Prompt.text("Board PIN please")), spoken);
    assertEquals(List.of(), members("board"));
    keys(a, "4711#");

    assertEquals(List.of("a"), members("board"));
    assertTrue(conferences.find("board").orElseThrow().pinned());
  }

  @Test
  void threeWrongPinsOrSilencesHangUp() {
    Joined a = join("a", "board");
    keys(a, "1#");
    playOut(a); // the buzz, then the prompt again
    playOut(a);
    a.call().advance(ConferenceSession.PIN_TIMEOUT_MS); // silence: the second try
    playOut(a);
    playOut(a);
    keys(a, "9999#");
    playOut(a);

    assertEquals(1, a.call().hangups.size(), a.call().hangups.toString());
    assertTrue(a.call().hangups.get(0).contains("3 times"), a.call().hangups.get(0));
    assertEquals(List.of(), members("board"));
  }

  @Test
  void aFullRoomRefusesTheNextCaller() {
    join("a", "small");
    join("b", "small");
    Joined c = join("c", "small");

    playOut(c);

    assertEquals(List.of("conference small is full"), c.call().hangups);
    assertEquals(List.of("a", "b"), members("small"));
  }

  @Test
  void muteAndKickThroughTheRooms() {
    join("a", "sales");
    Joined b = join("b", "sales");

    ConferenceCommands.Room muted = conferences.mute("sales", "b", true).orElseThrow();
    assertTrue(muted.participants().get(1).muted());
    assertTrue(conferences.mute("sales", "nobody", true).isEmpty());
    assertTrue(conferences.mute("nowhere", "b", true).isEmpty());

    conferences.kick("sales", "b").orElseThrow();
    assertEquals(List.of("kicked from conference sales"), b.call().hangups);
    assertTrue(conferences.kick("sales", "nobody").isEmpty());
  }

  @Test
  void noRoomNamedHangsUp() {
    Joined a = join("a", null);

    assertEquals(List.of("conference: no room named"), a.call().hangups);
  }
}
