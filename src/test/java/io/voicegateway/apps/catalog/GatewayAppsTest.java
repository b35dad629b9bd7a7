package io.voicegateway.apps.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.Prompt;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayAppsTest {
  @Test
  void theCatalogHasTheAnnouncer() {
    assertEquals(List.of("announce", "conference", "echo", "ivr", "voicemail", "voicemail-access"),
        GatewayApps.of(ConfigLoader.defaults()).names());
  }

  @Test
  void collectsTheAnnouncementsOfRoutesAndTheirFallbacks() {
    GatewayConfig config = ConfigLoader.parse("""
        devices: [{id: alice, username: alice, password: secret123, extension: '101'}]
        routes:
          - {direction: inbound, match: '100', app: announce We are closed., from: any}
          - {direction: inbound, match: '101', ring: [alice], on_no_answer: {app: announce sounds/busy.wav}}
          - {direction: inbound, match: '102', app: echo, from: any}
        """, Map.of());
    assertEquals(List.of(Prompt.text("We are closed."), Prompt.file(Path.of("sounds/busy.wav"))),
        GatewayApps.prompts(config));
  }

  @Test
  void aConferenceRoomWithAPinSpeaksItsPinPrompt() {
    GatewayConfig config = ConfigLoader.parse("""
        conferences:
          rooms: [{name: board, pin: "4711", pin_prompt: board.wav}, {name: lobby}]
        """, Map.of());
    assertEquals(List.of(Prompt.file(Path.of("board.wav"))), GatewayApps.prompts(config));
  }

  @Test
  void withoutTextPromptsNoEngineIsChecked() {
    // the default configuration (the echo route) speaks nothing: no espeak-ng needed, whatever the machine has
    GatewayApps.check(ConfigLoader.defaults());
  }
}
