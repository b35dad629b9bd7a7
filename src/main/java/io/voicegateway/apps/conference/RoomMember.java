package io.voicegateway.apps.conference;

import io.voicegateway.apps.prompts.PromptPlayer;
import io.voicegateway.media.MixerLeg;
import java.util.Arrays;

/**
 * One member call's app leg in a conference: what the mixer of the member's own call gives it (the caller's voice)
 * is published to the room, and what it plays to the caller is every other member's voice plus the room's tones.
 *
 * <p>Members' calls may tick on different mixer threads (the mixer is partitioned), so frames cross threads without
 * a lock and without allocation: each member writes its voice into a ring of {@link #RING} frames it owns and then
 * bumps a volatile count ({@link #published}); each reader keeps, per other member, the number of the next frame it
 * will take ({@link #cursor}), starting {@link #LAG} frames behind the writer. Equal 20 ms clocks keep that distance,
 * so the hand-off costs {@code LAG} frames of latency and neither repeats nor skips a frame; a reader finding no new
 * frame (its writer's tick came late) takes none this time and so gains a frame of slack; one left more than
 * {@link #MOST_BEHIND} frames behind (a stalled thread, or slack gathered) jumps forward. A writer would have to run
 * {@code RING - MOST_BEHIND} frames ahead during one reader's 960-sample copy to overwrite a frame being read.
 * Only this member's own mixer thread calls {@link #pull} and {@link #push}; joins and leaves change the room's
 * member array, read once per frame.
 */
final class RoomMember implements MixerLeg {
  static final int RING = 16;
  static final int LAG = 2;
  /**
   * The most frames a reader may fall behind a writer before it skips ahead to {@link #LAG}: late writers and
   * catching-up readers each add a frame of slack, and this keeps the latency they add bounded (120 ms).
   */
  static final int MOST_BEHIND = 6;

  final String callId;
  final String caller;
  final String device;
  final long joinedAtMs;
  /** The member's place in its room (0…room size-1), the index others keep its cursor under. */
  final int slot;
  /** Whether the others hear this member; written by the apps loop, read by the other members' mixer threads. */
  volatile boolean muted;

  private final ConferenceRoom room;
  private final PromptPlayer tones;
  private final float[][] ring = new float[RING][FRAME];
  /** Frames of this member's voice written so far; frame {@code n} is in {@code ring[n % RING]}. */
  private volatile long published;
  // this member's mixer thread only: what it read of each other member, by slot
  private final long[] cursor;
  private final RoomMember[] cursorOf;
  private final float[] out = new float[FRAME];

  RoomMember(ConferenceRoom room, int slot, String callId, String caller, String device, long joinedAtMs,
      PromptPlayer tones) {
    this.room = room;
    this.slot = slot;
    this.callId = callId;
    this.caller = caller;
    this.device = device;
    this.joinedAtMs = joinedAtMs;
    this.tones = tones;
    this.cursor = new long[io.voicegateway.config.ConferencesConfig.MOST_MEMBERS]; // any slot, whatever the limit
    this.cursorOf = new RoomMember[io.voicegateway.config.ConferencesConfig.MOST_MEMBERS];
  }

  /** The caller's voice for this frame: published to the others. */
  @Override
  public void push(float[] mix) {
    long n = published;
    System.arraycopy(mix, 0, ring[(int) (n % RING)], 0, FRAME);
    published = n + 1;
  }

  /** What the caller hears: every other member not muted, plus tones. */
  @Override
  public float[] pull() {
    boolean any = false;
    float[] tone = tones.pull();
    if (tone != null) {
      System.arraycopy(tone, 0, out, 0, FRAME);
      any = true;
    } else {
      Arrays.fill(out, 0f);
    }
    for (RoomMember other : room.members()) {
      if (other != this && take(other)) {
        any = true;
      }
    }
    return any ? out : null;
  }

  /** Adds {@code other}'s next frame to {@link #out}; false when it has none for us (or is muted). */
  private boolean take(RoomMember other) {
    int s = other.slot;
    long available = other.published;
    if (cursorOf[s] != other) { // a member new to us (or a new one in a freed slot)
      cursorOf[s] = other;
      cursor[s] = available - LAG;
    }
    long next = cursor[s];
    if (available - next > MOST_BEHIND) {
      next = available - LAG; // too far behind (a stall, or slack gathered): skip to where the writer is
    }
    if (next < 0) { // it has not spoken LAG frames yet: keep the distance as if silence was taken
      cursor[s] = next + 1;
      return false;
    }
    if (next >= available) {
      return false;
    }
    cursor[s] = next + 1;
    if (other.muted) {
      return false;
    }
    float[] frame = other.ring[(int) (next % RING)];
    for (int k = 0; k < FRAME; k++) {
      out[k] += frame[k];
    }
    return true;
  }

  @Override
  public boolean listening() {
    return true;
  }

  /** Plays a tone to this member (from the apps loop). */
  PromptPlayer tones() {
    return tones;
  }

  @Override
  public String toString() {
    return "RoomMember(" + room.name() + " " + callId + ")";
  }
}
