package io.voicegateway.apps.voicemail;

import io.voicegateway.apps.FakeAppCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.apps.audio.WavWriter;
import io.voicegateway.apps.prompts.Prompts;
import io.voicegateway.apps.prompts.Tones;
import io.voicegateway.bus.VoicemailMessages.Message;
import io.voicegateway.config.Prompt;
import io.voicegateway.config.VoicemailBox;
import io.voicegateway.config.VoicemailConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner's menu on the access number: who gets which box, the PIN, and the keys. */
class OwnerMenuTest {
  @TempDir
  Path dir;
  private final List<Prompt> spoken = new ArrayList<>();
  private Voicemail voicemail;
  private OwnerMenu menu;
  private FakeAppCall call;

  @BeforeEach
  void boxes() throws Exception {
    Prompts prompts = prompt -> {
      spoken.add(prompt);
      return Tones.tone(440, 100, 0.3f);
    };
    VoicemailBox sales = new VoicemailBox("sales", VoicemailBox.DEFAULT_GREETING, List.of("alice"),
        Duration.ofSeconds(60), "1234", Duration.ofSeconds(5));
    VoicemailBox bob = new VoicemailBox("bob", VoicemailBox.DEFAULT_GREETING, List.of("bob"), Duration.ofSeconds(60),
        null, Duration.ofSeconds(5));
    voicemail = new Voicemail(new VoicemailConfig("*97", Map.of("sales", sales, "bob", bob)), dir, prompts);
    for (String id : List.of("old", "new1", "new2")) {
      try (WavWriter w = WavWriter.create(voicemail.file("bob", id), 16_000, 1)) {
        w.write(new short[16_000], 16_000);
      }
    }
    voicemail.store().add(new Message("old", "bob", null, null, 1_000, 1_000, true));
    voicemail.store().add(new Message("new1", "bob", null, null, 2_000, 1_000, false));
    voicemail.store().add(new Message("new2", "bob", null, null, 3_000, 1_000, false));
  }

  @AfterEach
  void close() {
    voicemail.close();
  }

  private void start(String device) {
    call = new FakeAppCall("call-1", null).at(1_800_000_000_000L);
    call.callerDevice = device;
    menu = new OwnerMenu(call, voicemail, Runnable::run).start();
  }

  /** Pulls frames until the current playlist ends (the mixer's part). */
  private int playOut() {
    int frames = 0;
    while (menu.leg().pull() != null) {
      frames++;
    }
    return frames;
  }

  @Test
  void aCallerThatOwnsNoBoxHearsSoAndIsHungUpOn() {
    start(null);
    assertNull(menu.box());
    playOut();
    assertEquals(List.of(OwnerMenu.NO_BOX), spoken);
    assertEquals(List.of("voicemail: no box for this phone"), call.hangups);
  }

  @Test
  void thePinIsAskedAndThreeWrongOnesHangUp() {
    start("alice");
    assertEquals("sales", menu.box().name());
    assertEquals(OwnerMenu.State.PIN, menu.state());
    for (int i = 0; i < 3; i++) {
      "999#".chars().forEach(c -> menu.onDtmf((char) c, 100));
      playOut();
    }
    assertEquals(List.of("voicemail: wrong PIN"), call.hangups);
  }

  @Test
  void theRightPinOpensTheBoxAndATimeoutCountsAsATry() {
    start("alice");
    call.advance(OwnerMenu.PIN_TIMEOUT_MS);
    playOut();
    assertEquals(OwnerMenu.State.PIN, menu.state(), "asked again");
    "1234#".chars().forEach(c -> menu.onDtmf((char) c, 100));
    playOut();
    assertTrue(spoken.contains(Prompt.text("You have no new messages.")), spoken.toString());
    assertEquals(List.of("voicemail: all messages played"), call.hangups);
  }

  private void pull(int frames) {
    for (int i = 0; i < frames; i++) {
      menu.leg().pull();
    }
  }

  @Test
  void newMessagesFirstOldestFirstWithTheKeys() throws Exception {
    start("bob");
    assertTrue(spoken.contains(Prompt.text("You have 2 new messages and 1 saved.")), spoken.toString());
    pull(10); // the 100 ms count, then new1 starts
    assertEquals(OwnerMenu.State.LISTENING, menu.state());
    playOut(); // new1 to its end, then the key help
    assertTrue(spoken.contains(OwnerMenu.HELP));
    assertTrue(voicemail.store().find("bob", "new1").orElseThrow().heard(), "played to its end: heard");
    menu.onDtmf('7', 100); // delete new1
    pull(10); // "message deleted", then new2 starts
    assertTrue(voicemail.store().find("bob", "new1").isEmpty());
    assertTrue(!voicemail.file("bob", "new1").toFile().exists());
    assertTrue(!voicemail.store().find("bob", "new2").orElseThrow().heard());
    menu.onDtmf('9', 100); // save new2 while it plays, and on to old
    assertTrue(voicemail.store().find("bob", "new2").orElseThrow().heard());
    menu.onDtmf('#', 100); // skip old
    playOut();
    assertEquals(List.of("voicemail: all messages played"), call.hangups);
  }

  @Test
  void oneRepeatsAndSilenceMovesOn() {
    start("bob");
    int first = playOut(); // the count, new1, the key help
    menu.onDtmf('1', 100);
    assertEquals(first - 5, playOut(), "new1 and the help again, without the 100 ms count");
    call.advance(OwnerMenu.NEXT_AFTER_MS);
    assertTrue(playOut() > 50, "the next message started by itself");
  }
}
