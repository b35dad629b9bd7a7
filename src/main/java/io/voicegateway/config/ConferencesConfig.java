package io.voicegateway.config;

import java.util.List;
import java.util.Optional;

/**
 * The {@code conferences:} section: named conference rooms with an optional PIN, a size limit and join/leave tones.
 * A room a route or IVR names but this section does not is opened on first use with {@link Room#open} settings (no
 * PIN, no limit, tones on): the caller cannot choose a room, only the configuration names one, so this admits no one
 * the operator did not route there.
 *
 * @param rooms the configured rooms, names unique
 */
public record ConferencesConfig(List<Room> rooms) {
  /** The prompt asking for a room's PIN when the room names none. */
  public static final Prompt DEFAULT_PIN_PROMPT = Prompt.text("Please enter the conference PIN, then press hash.");

  /** The most members one room takes (every member's leg mixes all the others each 20 ms). */
  public static final int MOST_MEMBERS = 32;

  public ConferencesConfig {
    rooms = List.copyOf(rooms);
  }

  /** The section left out: rooms are made on first use, without a PIN. */
  public static ConferencesConfig defaults() {
    return new ConferencesConfig(List.of());
  }

  /** The configured room called {@code name}. */
  public Optional<Room> room(String name) {
    return rooms.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /**
   * One room.
   *
   * @param pin             digits a caller must key in (then {@code #}) to join, or null for none
   * @param pinPrompt       what asks for the PIN
   * @param maxParticipants the most members at once; 0 for the gateway's limit ({@link #MOST_MEMBERS})
   * @param joinTone        whether the members hear a tone when someone joins
   * @param leaveTone       whether the members hear a tone when someone leaves
   */
  public record Room(String name, String pin, Prompt pinPrompt, int maxParticipants, boolean joinTone,
      boolean leaveTone) {
    /** A room not in the configuration, opened on first use. */
    public static Room open(String name) {
      return new Room(name, null, DEFAULT_PIN_PROMPT, 0, true, true);
    }
  }
}
