package io.voicegateway.apps.conference;

import io.voicegateway.apps.prompts.PromptAudio;
import io.voicegateway.apps.prompts.PromptPlayer;
import io.voicegateway.apps.prompts.Tones;
import io.voicegateway.bus.ConferenceCommands;
import io.voicegateway.config.ConferencesConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One named room: its members, each a member call's {@link RoomMember}. Joins, leaves, mute and the tones are the
 * apps loop's; the members' mixer threads only read {@link #members()}, a copy-on-write array.
 *
 * <p>A reload may change the settings ({@link #reconfigure}): the members stay, whoever joins later meets the new
 * PIN and limit (a smaller limit turns nobody out). Slots run to {@link ConferencesConfig#MOST_MEMBERS} whatever the
 * limit, so a limit raised while members talk never outgrows their per-slot arrays.
 */
final class ConferenceRoom {
  /** Someone joined: a rising pair of tones. */
  static final List<PromptAudio> JOIN_TONE = List.of(Tones.tone(660, 120, 0.25f), Tones.tone(880, 120, 0.25f));
  /** Someone left: a falling pair. */
  static final List<PromptAudio> LEAVE_TONE = List.of(Tones.tone(880, 120, 0.25f), Tones.tone(660, 120, 0.25f));
  private static final RoomMember[] NONE = new RoomMember[0];

  private ConferencesConfig.Room config;
  private boolean configured;
  private int capacity;
  private volatile RoomMember[] members = NONE;

  ConferenceRoom(ConferencesConfig.Room config, boolean configured) {
    reconfigure(config, configured);
  }

  /**
   * New settings for those who join from now on, or ({@code configured} false) a room the configuration no longer
   * has: it keeps its settings and members and closes with its last member, as any room a route names alone.
   */
  void reconfigure(ConferencesConfig.Room config, boolean configured) {
    this.config = config;
    this.configured = configured;
    this.capacity = config.maxParticipants() == 0 ? ConferencesConfig.MOST_MEMBERS
        : Math.min(config.maxParticipants(), ConferencesConfig.MOST_MEMBERS);
  }

  String name() {
    return config.name();
  }

  ConferencesConfig.Room config() {
    return config;
  }

  boolean configured() {
    return configured;
  }

  int capacity() {
    return capacity;
  }

  /** The members now; read once per frame by each member's mixer thread. */
  RoomMember[] members() {
    return members;
  }

  boolean full() {
    return members.length >= capacity;
  }

  /**
   * Puts a member call into the room, in the lowest free slot; everyone (the newcomer too) hears the join tone.
   * Null when the room is full.
   */
  RoomMember join(String callId, String caller, String device, long nowMs, PromptPlayer tones) {
    if (full()) {
      return null;
    }
    RoomMember member = new RoomMember(this, freeSlot(), callId, caller, device, nowMs, tones);
    RoomMember[] next = Arrays.copyOf(members, members.length + 1);
    next[members.length] = member;
    members = next;
    if (config.joinTone()) {
      for (RoomMember m : next) {
        m.tones().play(JOIN_TONE, null);
      }
    }
    return member;
  }

  /** Takes a member out; the others hear the leave tone. */
  void leave(RoomMember member) {
    RoomMember[] next = Arrays.stream(members).filter(m -> m != member).toArray(RoomMember[]::new);
    if (next.length == members.length) {
      return;
    }
    members = next;
    if (config.leaveTone()) {
      for (RoomMember m : next) {
        m.tones().play(LEAVE_TONE, null);
      }
    }
  }

  Optional<RoomMember> member(String callId) {
    return Arrays.stream(members).filter(m -> m.callId.equals(callId)).findFirst();
  }

  boolean empty() {
    return members.length == 0;
  }

  /** The room as the API shows it (never the PIN itself). */
  ConferenceCommands.Room snapshot() {
    return new ConferenceCommands.Room(name(), configured, config.pin() != null, capacity,
        Arrays.stream(members).map(m -> new ConferenceCommands.Participant(m.callId, m.caller, m.device,
            m.joinedAtMs, m.muted)).toList());
  }

  private int freeSlot() {
    boolean[] taken = new boolean[ConferencesConfig.MOST_MEMBERS];
    for (RoomMember m : members) {
      taken[m.slot] = true;
    }
    for (int i = 0; i < taken.length; i++) {
      if (!taken[i]) {
        return i;
      }
    }
    throw new IllegalStateException("room " + name() + " is full");
  }
}
