package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code conferences:} section and {@code app: conference ROOM} in routes; every error names its key. */
class ConferencesSectionReaderTest {
  private static GatewayConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, Map.of());
  }

  private static ConfigException error(String yaml) {
    return assertThrows(ConfigException.class, () -> parse(yaml));
  }

  @Test
  void roomsWithPinLimitTonesAndPrompt() {
    ConferencesConfig c = parse("""
        conferences:
          rooms:
            - {name: board, pin: "4711", max_participants: 5, leave_tone: false, pin_prompt: board-pin.wav}
            - {name: sales}
        """).conferences();
    ConferencesConfig.Room board = c.room("board").orElseThrow();
    assertEquals("4711", board.pin());
    assertEquals(5, board.maxParticipants());
    assertTrue(board.joinTone());
    assertFalse(board.leaveTone());
    assertEquals(Prompt.file(Path.of("board-pin.wav")), board.pinPrompt());
    ConferencesConfig.Room sales = c.room("sales").orElseThrow();
    assertEquals(null, sales.pin());
    assertEquals(0, sales.maxParticipants());
    assertEquals(ConferencesConfig.DEFAULT_PIN_PROMPT, sales.pinPrompt());
    assertEquals(List.of(), ConfigLoader.defaults().conferences().rooms());
  }

  @Test
  void badValuesNameTheirKey() {
    assertEquals("conferences.rooms[0].pin", error("conferences: {rooms: [{name: a, pin: 12ab}]}").keyPath());
    assertEquals("conferences.rooms[0].max_participants",
        error("conferences: {rooms: [{name: a, max_participants: 33}]}").keyPath());
    assertEquals("conferences.rooms[0].name", error("conferences: {rooms: [{pin: \"1\"}]}").keyPath());
    assertEquals("conferences.rooms[1].name", error("conferences: {rooms: [{name: a}, {name: a}]}").keyPath());
    assertTrue(error("conferences: {rooms: [{name: a, colour: red}]}").getMessage()
        .contains("conferences.rooms[0].colour"));
    assertTrue(error("conferences: {room: []}").getMessage().contains("conferences.room"));
  }

  @Test
  void routesTakeConferenceWithARoom() {
    GatewayConfig config = parse("""
        devices:
          - {id: alice, password: a}
        routes:
          - {direction: inbound, match: "800", app: conference sales, from: any}
          - {direction: inbound, match: "801", ring: [alice], on_no_answer: {app: conference lobby}}
        """);
    assertEquals("conference sales", config.routes().get(0).app());
    assertEquals(List.of("conference lobby"), config.routes().get(1).onNoAnswer().names());
    ConfigException noRoom = error("routes: [{direction: inbound, match: '8', app: conference, from: any}]");
    assertEquals("routes[0].app", noRoom.keyPath());
    assertTrue(noRoom.getMessage().contains("conference NAME"), noRoom.getMessage());
    ConfigException unknown = error("routes: [{direction: inbound, match: '8', app: karaoke, from: any}]");
    assertTrue(unknown.getMessage().contains("allowed: echo, announce, conference"), unknown.getMessage());
  }
}
