package io.voicegateway.apps.voicemail;

import io.voicegateway.apps.FakeAppCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.apps.audio.WavReader;
import io.voicegateway.apps.prompts.Prompts;
import io.voicegateway.apps.prompts.Tones;
import io.voicegateway.bus.VoicemailMessages.Message;
import io.voicegateway.config.Prompt;
import io.voicegateway.config.VoicemailBox;
import io.voicegateway.config.VoicemailConfig;
import io.voicegateway.media.MixerLeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leaving a message, frame by frame on a fake clock: greeting, beep, recording and each way it ends. */
class LeaveMessageTest {
  private static final Prompts TONE_PROMPTS = prompt -> Tones.tone(440, 500, 0.3f);
  private static final VoicemailBox BOX = new VoicemailBox("sales", Prompt.text("hello"), List.of("alice"),
      Duration.ofSeconds(10), null, Duration.ofSeconds(2));

  @TempDir
  Path dir;
  private Voicemail voicemail;
  private final List<Message> announced = new ArrayList<>();
  private final FakeAppCall call = new FakeAppCall("call-1", "sales").at(1_800_000_000_000L);
  private LeaveMessage session;
  private int pulledFrames;

  private void start(Prompts prompts) {
    voicemail = new Voicemail(new VoicemailConfig("*97", Map.of("sales", BOX)), dir, prompts);
    voicemail.onStored(announced::add);
    session = new LeaveMessage(call, BOX, voicemail, Runnable::run).start();
  }

  @AfterEach
  void close() {
    voicemail.close();
  }

  /** Plays the greeting and beep out, frame by frame, as the mixer would. */
  private void playPrompts() {
    MixerLeg leg = session.leg();
    assertFalse(leg.listening(), "nothing is recorded during the greeting");
    while (session.state() == LeaveMessage.State.GREETING && pulledFrames < 10_000) {
      leg.pull();
      pulledFrames++;
    }
    assertEquals(LeaveMessage.State.RECORDING, session.state());
    assertTrue(leg.listening());
  }

  /** {@code ms} of the caller: a tone, or silence; the worker drains every 250 ms of fake time. */
  private void caller(long ms, boolean speaking) {
    float[] frame = new float[MixerLeg.FRAME];
    for (long t = 0; t < ms; t += 20) {
      for (int i = 0; i < frame.length; i++) {
        frame[i] = speaking ? (float) (0.3 * Math.sin(2 * Math.PI * 300 * i / 48_000.0)) : 0f;
      }
      if (session.leg().listening()) {
        session.leg().push(frame);
      }
      call.advance(20);
    }
  }

  @Test
  void greetingThenBeepThenTheMessageEndedByTheKey() throws Exception {
    start(TONE_PROMPTS);
    playPrompts();
    // 500 ms greeting + 300 ms pause + 400 ms beep = 1.2 s of 20 ms frames
    assertEquals(60, pulledFrames, 1);
    caller(3000, true);
    session.onDtmf('#', 100);
    assertEquals(LeaveMessage.End.KEY, session.end());
    assertEquals(LeaveMessage.State.DONE, session.state());
    assertEquals(1, announced.size());
    Message m = announced.get(0);
    assertEquals(3000, m.durationMs(), 40);
    assertEquals("sip:+4930123@carrier.example", m.caller());
    assertEquals("call-1", m.callId());
    assertEquals(List.of(m), voicemail.store().messages("sales"));
    Path file = voicemail.file("sales", m.id());
    assertEquals(dir.resolve("voicemail/sales/" + m.id() + ".wav"), file);
    float[] audio = WavReader.readMono(file, 16_000);
    assertEquals(48_000, audio.length, 700, "3 s at 16 kHz");
    assertEquals(List.of("voicemail message stored"), call.hangups);
  }

  @Test
  void aMessageUnderASecondIsDropped() throws Exception {
    start(TONE_PROMPTS);
    playPrompts();
    caller(600, true);
    session.onDtmf('#', 100);
    assertTrue(announced.isEmpty());
    assertTrue(voicemail.store().messages("sales").isEmpty());
    try (var files = Files.list(dir.resolve("voicemail/sales"))) {
      assertEquals(0, files.count(), "the short file is removed");
    }
    assertEquals(List.of("voicemail no message"), call.hangups);
  }

  @Test
  void silenceEndsTheMessageAndIsCutFromIt() throws Exception {
    start(TONE_PROMPTS);
    playPrompts();
    caller(2000, true);
    caller(3000, false);
    assertEquals(LeaveMessage.End.SILENCE, session.end());
    Message m = announced.get(0);
    assertTrue(m.durationMs() >= 2000 && m.durationMs() <= 2500, "speech plus a quarter second: " + m);
    assertEquals(m.durationMs(), WavReader.readMono(voicemail.file("sales", m.id()), 16_000).length / 16, 5);
    assertEquals(0, call.pendingTimers());
  }

  @Test
  void silenceFromTheStartLeavesNoMessage() throws Exception {
    start(TONE_PROMPTS);
    playPrompts();
    caller(3000, false);
    assertEquals(LeaveMessage.End.SILENCE, session.end());
    assertTrue(announced.isEmpty());
  }

  @Test
  void theMaximumLengthCutsTheMessage() throws Exception {
    start(TONE_PROMPTS);
    playPrompts();
    caller(12_000, true);
    assertEquals(LeaveMessage.End.MAX_LENGTH, session.end());
    assertEquals(10_000, announced.get(0).durationMs(), "exactly max_length");
  }

  @Test
  void aHangUpKeepsWhatWasSaidAndSendsNoBye() throws Exception {
    start(TONE_PROMPTS);
    playPrompts();
    caller(1500, true);
    session.onEnd("remote BYE");
    assertEquals(LeaveMessage.End.HANGUP, session.end());
    assertEquals(1500, announced.get(0).durationMs(), 40);
    assertTrue(call.hangups.isEmpty());
  }

  @Test
  void aHangUpDuringTheGreetingStoresNothing() {
    start(TONE_PROMPTS);
    session.onEnd("remote BYE");
    assertEquals(LeaveMessage.State.DONE, session.state());
    assertNull(session.leg().pull());
    assertTrue(announced.isEmpty());
  }

  @Test
  void aGreetingThatCannotBeLoadedLeavesTheBeep() {
    start(prompt -> {
      throw new java.io.IOException("no TTS");
    });
    playPrompts();
    assertEquals(20, pulledFrames, "the 400 ms beep alone");
  }

  @Test
  void framesArePushedWithoutAllocating() {
    start(TONE_PROMPTS);
    playPrompts();
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    float[] frame = new float[MixerLeg.FRAME];
    for (int i = 0; i < 100; i++) {
      session.leg().push(frame); // warm up
      call.advance(20);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 100; i++) {
      session.leg().push(frame);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertNotNull(session.leg());
    assertTrue(allocated < 1024, "push allocated " + allocated + " bytes for 100 frames");
  }
}
