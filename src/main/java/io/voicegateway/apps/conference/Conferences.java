package io.voicegateway.apps.conference;

import io.vertx.core.Future;
import io.voicegateway.bus.ConferenceCommands;
import io.voicegateway.config.ConferencesConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The gateway's conference rooms by name, and who is in them: the configured rooms always, a room a route names but
 * the configuration does not while it has members. What the REST API asks (list, one room, mute, kick) is answered
 * here. Touched only on the apps verticle's event loop.
 */
public final class Conferences {
  private final Map<String, ConferenceRoom> rooms = new TreeMap<>();
  private final Map<String, ConferenceSession> inRoom = new HashMap<>();

  public Conferences(ConferencesConfig config) {
    config.rooms().forEach(r -> rooms.put(r.name(), new ConferenceRoom(r, true)));
  }

  /**
   * A reload's rooms: a new room opens, a changed one keeps its members under the new settings (for those who join
   * later), a removed one closes now when empty, else with its last member (nobody in a call is turned out).
   */
  void reconfigure(ConferencesConfig next) {
    for (ConferencesConfig.Room r : next.rooms()) {
      ConferenceRoom room = rooms.get(r.name());
      if (room == null) {
        rooms.put(r.name(), new ConferenceRoom(r, true));
      } else {
        room.reconfigure(r, true);
      }
    }
    for (ConferenceRoom room : List.copyOf(rooms.values())) {
      if (room.configured() && next.room(room.name()).isEmpty()) {
        room.reconfigure(room.config(), false);
        if (room.empty()) {
          rooms.remove(room.name(), room);
        }
      }
    }
  }

  /** The room called {@code name}, opened now when it is not configured. */
  ConferenceRoom room(String name) {
    return rooms.computeIfAbsent(name, n -> new ConferenceRoom(ConferencesConfig.Room.open(n), false));
  }

  void entered(ConferenceSession session) {
    inRoom.put(session.callId(), session);
  }

  /** A session left its room: an unconfigured room closes with its last member. */
  void left(ConferenceSession session, ConferenceRoom room) {
    inRoom.remove(session.callId(), session);
    if (!room.configured() && room.empty()) {
      rooms.remove(room.name(), room);
    }
  }

  public ConferenceCommands.Rooms list() {
    return new ConferenceCommands.Rooms(rooms.values().stream().map(ConferenceRoom::snapshot).toList());
  }

  public Optional<ConferenceCommands.Room> find(String name) {
    return Optional.ofNullable(rooms.get(name)).map(ConferenceRoom::snapshot);
  }

  /** Mutes or unmutes a member; empty when the room or the member is unknown. */
  public Optional<ConferenceCommands.Room> mute(String room, String callId, boolean muted) {
    return member(room, callId).map(m -> {
      m.muted = muted;
      return rooms.get(room).snapshot();
    });
  }

  /** Hangs a member's call up; empty when the room or the member is unknown. */
  public Optional<Future<Void>> kick(String room, String callId) {
    return member(room, callId).map(m -> inRoom.get(m.callId).kick());
  }

  private Optional<RoomMember> member(String room, String callId) {
    ConferenceRoom r = rooms.get(room);
    return r == null ? Optional.empty() : r.member(callId);
  }
}
