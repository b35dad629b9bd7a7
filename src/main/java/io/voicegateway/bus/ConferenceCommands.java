package io.voicegateway.bus;

import java.util.List;

/**
 * The conference rooms as the edges see them (REST, dashboard), answered by the conference app on the apps
 * verticle (see {@link Addresses#CONFERENCES_LIST}). A participant is named by its call's id: each member keeps its
 * own call, whose app leg is in the room. Failures carry an HTTP status: 404 unknown room or participant.
 */
public final class ConferenceCommands {
  private ConferenceCommands() {}

  /** Every room that is configured or has members. */
  public record RoomsQuery() {}

  /** One room by name. */
  public record RoomQuery(String room) {}

  /** Mutes ({@code muted} true) or unmutes one participant: the others stop (or start again) hearing it. */
  public record Mute(String room, String participant, boolean muted) {}

  /** Takes a participant out: its call is hung up. */
  public record Kick(String room, String participant) {}

  /**
   * @param configured whether the room is in the {@code conferences:} section (else it was opened on first use)
   * @param pinned     whether joining asks for a PIN (the PIN itself never leaves the gateway)
   * @param maxParticipants the most members at once
   */
  public record Room(String name, boolean configured, boolean pinned, int maxParticipants,
      List<Participant> participants) {
    public Room {
      participants = List.copyOf(participants);
    }
  }

  /**
   * @param id       the member's call id (as in the call events and {@code /api/v1/calls})
   * @param caller   the caller's From URI (display only)
   * @param device   the device the caller authenticated as, or null
   * @param joinedAtMs wall-clock milliseconds when it entered the room
   */
  public record Participant(String id, String caller, String device, long joinedAtMs, boolean muted) {}

  /** The reply to {@link RoomsQuery}, sorted by name. */
  public record Rooms(List<Room> rooms) {
    public Rooms {
      rooms = List.copyOf(rooms);
    }
  }
}
