package io.voicegateway.apps.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.apps.prompts.PromptPlayer;
import io.voicegateway.config.ConferencesConfig;
import io.voicegateway.media.Allocations;
import io.voicegateway.media.MixerLeg;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The room's frame exchange, driven as member calls' mixers would drive it (each member pulls, then is pushed its
 * caller's voice, once per frame, in whatever order their threads take): each hears every other member minus
 * itself, {@link RoomMember#LAG} frames late, never a frame twice; muted members are not heard; a member leaving
 * leaves the others hearing each other.
 */
class RoomMemberTest {
  private final ConferenceRoom room = new ConferenceRoom(
      new ConferencesConfig.Room("r", null, ConferencesConfig.DEFAULT_PIN_PROMPT, 0, false, false), true);
  private final RoomMember a = join("a");
  private final RoomMember b = join("b");
  private final RoomMember c = join("c");

  private RoomMember join(String id) {
    return room.join(id, "sip:" + id + "@x", id, 0, new PromptPlayer(Runnable::run));
  }

  /** A frame whose every sample tells who spoke it and when: speaker code + frame number / 1000. */
  private static float[] voice(int speaker, int frame) {
    float[] f = new float[MixerLeg.FRAME];
    Arrays.fill(f, speaker + frame / 1000f);
    return f;
  }

  /** Member {@code who} speaks only in sample {@code who}, and says its frame number + 1 there. */
  private static float[] marked(int who, int frame) {
    float[] f = new float[MixerLeg.FRAME];
    f[who] = frame + 1;
    return f;
  }

  @Test
  void everyMemberHearsEachOtherFrameOnceInOrderAtMostLagFramesLateAndNeverItself() {
    RoomMember[] all = {a, b, c};
    int[][] lastHeard = new int[3][3];
    for (int frame = 0; frame < 20; frame++) {
      // a different order each frame: the members' calls tick on their own threads, in no fixed order
      RoomMember[] order = frame % 3 == 0 ? new RoomMember[] {a, b, c}
          : frame % 3 == 1 ? new RoomMember[] {c, a, b} : new RoomMember[] {b, c, a};
      for (RoomMember m : order) {
        int me = Arrays.asList(all).indexOf(m);
        float[] got = m.pull();
        for (int other = 0; other < 3; other++) {
          float said = got == null ? 0 : got[other];
          if (other == me) {
            assertEquals(0f, said, "nobody hears itself");
          } else if (said > 0) {
            int heardFrame = Math.round(said) - 1;
            assertEquals(lastHeard[me][other], heardFrame, me + " hears " + other + "'s frames once, in order");
            assertTrue(frame - heardFrame <= RoomMember.LAG + 1, "at most LAG frames late (+ this tick's order)");
            lastHeard[me][other] = heardFrame + 1;
          }
        }
        m.push(marked(me, frame));
      }
    }
    for (int me = 0; me < 3; me++) {
      for (int other = 0; other < 3; other++) {
        assertTrue(me == other || lastHeard[me][other] >= 20 - RoomMember.LAG - 1, "kept up: " + me + "<-" + other);
      }
    }
  }

  @Test
  void aWriterLateForOneFrameIsHeardLaterNeitherRepeatedNorSkipped() {
    int lastFrame = -1;
    int written = 0;
    for (int tick = 0; tick < 12; tick++) {
      float[] heard = a.pull();
      if (heard != null) {
        int frame = Math.round((heard[0] - 10) * 1000);
        assertEquals(lastFrame + 1, frame, "frames in order, none twice, none skipped");
        lastFrame = frame;
      }
      int due = tick == 5 ? 0 : tick == 6 ? 2 : 1; // b's tick 5 comes late: it catches up with two frames at 6
      for (int i = 0; i < due; i++) {
        b.push(voice(10, written++));
      }
    }
    assertTrue(lastFrame >= 12 - RoomMember.LAG - 2, "heard up to frame " + lastFrame);
  }

  @Test
  void aMutedMemberIsNotHeardAndOneLeavingLeavesTheOthersTalking() {
    for (int frame = 0; frame < 4; frame++) {
      for (RoomMember m : new RoomMember[] {a, b, c}) {
        m.pull();
        m.push(voice(m == a ? 1 : m == b ? 10 : 100, 0));
      }
    }
    b.muted = true;
    assertEquals(100f, a.pull()[0], 1e-4, "a hears c only");
    b.muted = false;
    room.leave(c);
    a.push(voice(1, 0));
    b.push(voice(10, 0));
    assertEquals(10f, a.pull()[0], 1e-4, "a still hears b");
    assertEquals(1f, b.pull()[0], 1e-4, "b still hears a");
  }

  @Test
  void aMemberAloneHearsNothing() {
    room.leave(b);
    room.leave(c);
    a.push(voice(1, 0));
    assertNull(a.pull());
  }

  @Test
  void aFrameExchangedAllocatesNothing() {
    float[] voice = voice(1, 0);
    RoomMember[] members = {a, b, c};
    long bytes = Allocations.measure(() -> {
      for (RoomMember m : members) {
        m.pull();
        m.push(voice);
      }
    }, 20_000, 10_000);
    assertEquals(0, bytes, "bytes allocated by 10 000 frames of three members");
  }

  @Test
  void aReaderFarBehindSkipsAheadSoLatencyStaysBounded() {
    a.pull(); // a knows b from here on
    for (int frame = 0; frame < 20; frame++) { // a pulls only once b has written 20 frames (a stalled thread)
      b.push(voice(10, frame));
    }
    int heard = Math.round((a.pull()[0] - 10) * 1000);

    assertEquals(20 - RoomMember.LAG, heard, "a skipped ahead to LAG frames behind b");
  }
}
