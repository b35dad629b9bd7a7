package io.voicegateway.apps.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.apps.AppSession;
import io.voicegateway.apps.FakeAppCall;
import io.voicegateway.apps.prompts.Prompts;
import io.voicegateway.apps.prompts.Tones;
import io.voicegateway.bus.ConferenceCommands;
import io.voicegateway.config.ConferencesConfig;
import io.voicegateway.config.ConferencesConfig.Room;
import io.voicegateway.config.Prompt;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Conference rooms across a reload, on fake calls: members stay whatever the file says, a changed PIN is asked of
 * those who come later (a caller keying the PIN as the file changed is checked against the one it was asked for),
 * a removed room closes with its last member, a new room opens, and a raised limit with members in takes callers
 * into slots beyond the old one.
 */
class ConferenceReloadTest {
  private final Prompts prompts = prompt -> Tones.tone(500, 100, 0.2f);
  private final Conferences conferences = new Conferences(new ConferencesConfig(List.of(
      new Room("board", "4711", Prompt.text("Board PIN please"), 0, true, true),
      new Room("small", null, ConferencesConfig.DEFAULT_PIN_PROMPT, 2, true, true),
      new Room("old", null, ConferencesConfig.DEFAULT_PIN_PROMPT, 0, true, true))));
  private ConferenceApp app = new ConferenceApp(conferences, prompts);

  private AppSession join(String callId, String room) {
    FakeAppCall call = new FakeAppCall(callId, room);
    call.callerDevice = callId;
    return app.attach(call);
  }

  private static void keys(AppSession session, String keys) {
    keys.chars().forEach(k -> session.onDtmf((char) k, 100));
  }

  private List<String> members(String room) {
    return conferences.find(room).map(r -> r.participants().stream().map(ConferenceCommands.Participant::id)
        .toList()).orElse(List.of());
  }

  private void reload(Room... rooms) {
    app = app.reload(new ConferencesConfig(List.of(rooms)), prompts);
  }

  @Test
  void aChangedPinIsAskedOfLaterCallersOnly() {
    AppSession keying = join("a", "board"); // asked for 4711
    reload(new Room("board", "1234", Prompt.text("Board PIN please"), 0, true, true));

    keys(keying, "4711#");
    assertEquals(List.of("a"), members("board"), "checked against the PIN it was asked for");
    AppSession later = join("b", "board");
    keys(later, "4711#");
    assertEquals(List.of("a"), members("board"), "the old PIN no longer opens the room");
    keys(later, "1234#");
    assertEquals(List.of("a", "b"), members("board"));
  }

  @Test
  void aRemovedRoomKeepsItsMembersUntilTheLastLeavesAndANewRoomOpens() {
    AppSession a = join("a", "old");
    AppSession b = join("b", "old");
    reload(new Room("new", null, ConferencesConfig.DEFAULT_PIN_PROMPT, 0, true, true));

    assertEquals(List.of("a", "b"), members("old"), "nobody in the room is turned out");
    assertFalse(conferences.find("old").orElseThrow().configured());
    assertTrue(conferences.find("new").orElseThrow().configured(), "the new room is listed before anyone joins");
    assertTrue(conferences.find("board").isEmpty(), "an empty removed room goes at once");
    a.onEnd("remote BYE");
    assertEquals(List.of("b"), members("old"));
    b.onEnd("remote BYE");
    assertTrue(conferences.find("old").isEmpty(), "closed with its last member");
  }

  @Test
  void aRaisedLimitTakesCallersBeyondTheOldOneWhileMembersTalk() {
    AppSession a = join("a", "small");
    AppSession b = join("b", "small");
    reload(new Room("small", null, ConferencesConfig.DEFAULT_PIN_PROMPT, 4, true, true));
    join("c", "small");
    join("d", "small");

    assertEquals(List.of("a", "b", "c", "d"), members("small"));
    for (AppSession member : List.of(a, b)) { // the old members mix the newcomers' slots without a fault
      for (int i = 0; i < 20; i++) {
        member.leg().push(new float[960]);
        member.leg().pull();
      }
    }
    reload(new Room("small", null, ConferencesConfig.DEFAULT_PIN_PROMPT, 2, true, true));
    assertEquals(List.of("a", "b", "c", "d"), members("small"), "a lower limit turns nobody out");
    FakeAppCall e = new FakeAppCall("e", "small");
    app.attach(e);
    assertEquals(List.of("a", "b", "c", "d"), members("small"), "but lets nobody else in");
  }
}
