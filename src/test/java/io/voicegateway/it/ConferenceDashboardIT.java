package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.support.HeadlessChromium;
import io.voicegateway.it.support.SpeechScript;
import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's conference panel and the call card's "Add party…" and "Drop" in headless Chromium, with real
 * phones (baresip): alice dials into the lobby, the panel lists her, its Mute button mutes her (the REST API says
 * so) and Unmute undoes it; then alice calls bob, "Add party…" with carol brings her in (three legs in the API) and
 * "Drop" on bob's leg leaves alice and carol. Leaves {@code target/conference-panel.png} (copied to docs/).
 */
class ConferenceDashboardIT {
  private static final String TOKEN = "test-token";

  @Test
  void thePanelMutesAMemberAndTheCallCardAddsAndDropsAParty(@TempDir Path dir) throws Exception {
    Tools.require("chromium", "chromedriver", "baresip", "sox");
    String sections = String.join("\n",
        GatewayFixture.ALICE_AND_BOB,
        "  - id: carol",
        "    password: carrots",
        "    extension: \"103\"",
        "routes:",
        "  - {direction: inbound, match: \"800\", app: conference lobby, from: device}",
        "conferences:",
        "  rooms:",
        "    - {name: lobby, max_participants: 5}");
    try (GatewayFixture gw = GatewayFixture.start("  keepalive_interval: 1h", sections);
        HeadlessChromium browser = HeadlessChromium.start(1440, 1200)) {
      ApiClient api = new ApiClient(gw.gateway().httpPort(), TOKEN);
      String base = "http://127.0.0.1:" + gw.gateway().httpPort();
      browser.navigate(base + "/");
      browser.type(browser.await("input[name=token], input[type=password]", 10), TOKEN);
      browser.click(browser.find("form button[type=submit], form input[type=submit]"));
      browser.await("#live.live", 15);
      browser.await("#conferences .room[data-room=lobby]", 10);

      // The room panel: alice in the lobby, muted and unmuted from the page.
      try (BaresipDevice alice = gw.phone(dir.resolve("room"), "alice", "wonderland", "PCMU",
          SpeechScript.script(dir, "alice-room", 60), SpeechScript.RATE, false)) {
        alice.command("dial", "800");
        String member = browser.await("#conferences .room[data-room=lobby] li.participant", 15);
        assertTrue(browser.text(member).contains("alice"), browser.text(member));
        browser.script("document.getElementById('conferences').scrollIntoView()");
        browser.click(browser.find("#conferences li.participant button.mute"));
        HeadlessChromium.eventually(10, "alice muted in the API", () -> lobbyMember(api).getBoolean("muted") ? true : null);
        browser.await("#conferences li.participant.muted .badge", 10);
        assertEquals("Unmute", browser.text(browser.find("#conferences li.participant button.mute")));
        // the devices panel polls every 10 s: the screenshot waits for it to show alice registered
        HeadlessChromium.eventually(15, "alice registered on the page", () ->
            textOf(browser, "#count-devices").equals("1/3") ? true : null);
        Files.write(Path.of("target", "conference-panel.png"), browser.screenshot());
        browser.click(browser.find("#conferences li.participant button.mute"));
        HeadlessChromium.eventually(10, "alice unmuted in the API", () -> lobbyMember(api).getBoolean("muted") ? null : true);
        browser.await("#conferences li.participant:not(.muted)", 10);
        alice.command("hangup", "");
        browser.await("#conferences .room[data-room=lobby] ul.participants:empty", 15);
      }

      // A live call alice → bob; carol added from the card, bob dropped from his row.
      try (BaresipDevice alice = gw.phone(dir.resolve("call"), "alice", "wonderland", "PCMU",
              SpeechScript.script(dir, "alice-call", 60), SpeechScript.RATE, false);
          BaresipDevice bob = gw.phone(dir.resolve("call"), "bob", "builder", "PCMA",
              SpeechScript.script(dir, "bob-call", 60), SpeechScript.RATE, true);
          BaresipDevice carol = gw.phone(dir.resolve("call"), "carol", "carrots", "PCMU",
              SpeechScript.script(dir, "carol-call", 60), SpeechScript.RATE, true)) {
        alice.command("dial", "102");
        HeadlessChromium.eventually(15, "alice and bob bridged", () -> legs(api).size() == 2 ? true : null);
        browser.await("article.call[data-state=CONNECTED]", 15);
        browser.click(browser.find("article.call button.add-party"));
        String target = browser.await("article.call form.add-party:not([hidden]) input.party-target", 5);
        browser.type(target, "carol");
        browser.click(browser.find("article.call form.add-party button[type=submit]"));
        HeadlessChromium.eventually(20, "carol joined: three legs", () -> legs(api).size() == 3 ? true : null);
        HeadlessChromium.eventually(10, "three leg rows", () ->
            count(browser, "article.call tr.leg") == 3 ? true : null);

        String bobLeg = null;
        for (Object l : legs(api)) {
          if ("bob".equals(((JsonObject) l).getString("peer"))) {
            bobLeg = ((JsonObject) l).getString("id");
          }
        }
        assertTrue(bobLeg != null, "bob's leg in " + legs(api).encode());
        browser.click(browser.find("article.call tr.leg[data-leg-id=\"" + bobLeg + "\"] button.drop-leg"));
        HeadlessChromium.eventually(15, "two legs left", () -> legs(api).size() == 2 ? true : null);
        List<String> peers = new ArrayList<>();
        legs(api).forEach(l -> peers.add(((JsonObject) l).getString("peer")));
        assertTrue(peers.contains("alice") && peers.contains("carol") && !peers.contains("bob"), peers.toString());
        HeadlessChromium.eventually(10, "two leg rows", () -> count(browser, "article.call tr.leg") == 2 ? true : null);
        alice.command("hangup", "");
        HeadlessChromium.eventually(15, "the call ended", () -> gw.activeCalls() == 0 ? true : null);
      }

      List<String> errors = new ArrayList<>();
      for (JsonNode entry : browser.consoleLog()) {
        if (entry.path("level").asText().equals("SEVERE")) {
          errors.add(entry.path("message").asText());
        }
      }
      assertEquals(List.of(), errors, "no console errors");
    }
  }

  /** The lobby's one member (fails the wait while there is none). */
  private static JsonObject lobbyMember(ApiClient api) {
    try {
      JsonArray members = api.get("/api/v1/conferences/lobby").object().getJsonArray("participants");
      return members.size() == 1 ? members.getJsonObject(0) : new JsonObject().put("muted", false);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The legs of the one active call (empty when there is none). */
  private static JsonArray legs(ApiClient api) {
    try {
      JsonArray calls = api.get("/api/v1/calls").array();
      return calls.isEmpty() ? new JsonArray() : calls.getJsonObject(0).getJsonArray("legs");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String textOf(HeadlessChromium browser, String css) {
    try {
      return browser.text(browser.find(css));
    } catch (Exception e) {
      return "";
    }
  }

  private static int count(HeadlessChromium browser, String css) {
    try {
      return browser.script("return document.querySelectorAll(arguments[0]).length", css).asInt();
    } catch (Exception e) {
      return -1;
    }
  }
}
