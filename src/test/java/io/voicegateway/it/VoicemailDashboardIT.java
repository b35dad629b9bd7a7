package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicegateway.it.peers.Baresip;
import io.voicegateway.it.support.HeadlessChromium;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's Voicemail panel in headless Chromium: a message is in alice's box (a WAV left in the voicemail
 * folder as a killed gateway would leave it, indexed on start-up), the panel lists the box with one new message,
 * its player loads the audio with the page's login cookie, "Mark heard" clears the count and "Delete" empties the
 * box. Then a caller (baresip) leaves a message: the live feed's VOICEMAIL_RECEIVED shows in the event log and the
 * panel reloads on it (its request counted as the event is dispatched, not at the next poll) and lists the message.
 * Leaves {@code target/voicemail-panel.png} (copied to docs/).
 */
class VoicemailDashboardIT {
  private static final String TOKEN = "test-token";

  @Test
  void thePanelListsPlaysMarksAndDeletesAMessage(@TempDir Path dir) throws Exception {
    Tools.require("chromium", "chromedriver", "sox", "espeak-ng");
    Path data = Files.createDirectories(dir.resolve("data"));
    Path left = data.resolve("voicemail/alice/mleft-1a2b3c4d.wav");
    Files.createDirectories(left.getParent());
    Tools.run("sox", SpeechFixture.speech(dir, 16000).toString(), left.toString());
    Path greeting = dir.resolve("greeting.wav");
    Tools.run("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", greeting.toString(), "synth", "1", "sine", "440");
    Path lead = dir.resolve("lead.wav");
    Tools.run("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", lead.toString(), "trim", "0", "3");
    Path caller = dir.resolve("caller.wav");
    Tools.run("sox", lead.toString(), SpeechFixture.speech(dir, 8000).toString(), caller.toString(), "pad", "0", "1");
    String sections = String.join("\n",
        GatewayFixture.ALICE_AND_BOB,
        "routes:",
        "  - {direction: inbound, match: echo, app: echo, from: any}",
        "  - {direction: inbound, match: leave, voicemail: alice, from: any}",
        "voicemail:",
        "  boxes:",
        "    alice: {owners: [alice], greeting: {file: " + greeting + "}}",
        "    sales: {owners: [bob]}",
        "history:",
        "  data_dir: " + data);
    try (GatewayFixture gw = GatewayFixture.start("  keepalive_interval: 1h", sections);
        HeadlessChromium browser = HeadlessChromium.start(1440, 1000)) {
      String base = "http://127.0.0.1:" + gw.gateway().httpPort();
      browser.navigate(base + "/");
      String tokenField = browser.await("input[name=token], input[type=password]", 10);
      browser.type(tokenField, TOKEN);
      browser.click(browser.find("form button[type=submit], form input[type=submit]"));
      browser.await("#live.live", 15);

      browser.await("#voicemail-panel:not([hidden]) li.voicemail-message.new audio", 15);
      browser.script("document.getElementById('voicemail-panel').scrollIntoView()");
      assertEquals("1", browser.text(browser.find("button.voicemail-box[data-box=alice] .voicemail-new")));
      assertEquals("0", browser.text(browser.find("button.voicemail-box[data-box=sales] .voicemail-new")));
      String item = browser.text(browser.find("li.voicemail-message"));
      assertTrue(item.contains("unknown caller") && item.contains("new"), item);

      // the player's source answers with the WAV, on the page's cookie alone
      JsonNode audio = browser.script("""
          const src = document.querySelector('li.voicemail-message audio').src;
          return fetch(src, {credentials: 'same-origin'}).then(r => r.arrayBuffer().then(b =>
              ({status: r.status, type: r.headers.get('Content-Type'), bytes: b.byteLength})));
          """);
      assertEquals(200, audio.get("status").asInt(), audio.toString());
      assertEquals("audio/wav", audio.get("type").asText());
      assertEquals(Files.size(left), audio.get("bytes").asLong());
      Files.write(Path.of("target", "voicemail-panel.png"), browser.screenshot());

      browser.click(browser.find("button.voicemail-heard"));
      HeadlessChromium.eventually(15, "the new count to drop", () -> textOf(browser,
          "button.voicemail-box[data-box=alice] .voicemail-new").equals("0") ? true : null);
      browser.await("li.voicemail-message.heard", 5);

      browser.script("window.confirm = () => true");
      browser.click(browser.find("button.voicemail-delete"));
      HeadlessChromium.eventually(15, "the box to empty", () -> textOf(browser, "#voicemail-messages")
          .contains("No messages.") ? true : null);
      assertTrue(!Files.exists(left), "the file went with the message");

      // A new message: the feed's event reloads the panel at once (window capture runs before voicemail.js's
      // listener on document, the test's document listener after it: the requests counted between are its own).
      browser.script("""
          window.__vmFetches = 0;
          const original = window.fetch;
          window.fetch = (url, init) => {
            if (String(url).includes('/api/v1/voicemail')) window.__vmFetches++;
            return original(url, init);
          };
          window.addEventListener('vg-voicemail', () => (window.__vmBefore = window.__vmFetches), true);
          document.addEventListener('vg-voicemail', () => (window.__vmAfter = window.__vmFetches));
          """);
      Baresip.CallRecording call = new Baresip(dir.resolve("caller"), "PCMU", caller, 8000)
          .call("sip:leave@" + gw.target(), Duration.ofSeconds(45));
      HeadlessChromium.eventually(15, "voicemail received in the event log", () ->
          textOf(browser, "#events").contains("voicemail received") ? true : null);
      JsonNode counts = browser.script("return [window.__vmBefore, window.__vmAfter]");
      assertEquals(1, counts.get(1).asInt() - counts.get(0).asInt(), "the panel reloaded on the event: " + counts
          + "\n" + call.log());
      browser.await("li.voicemail-message.new", 10);
      assertEquals("1", textOf(browser, "button.voicemail-box[data-box=alice] .voicemail-new"));

      List<String> errors = new ArrayList<>();
      for (JsonNode entry : browser.consoleLog()) {
        if (entry.path("level").asText().equals("SEVERE")) {
          errors.add(entry.path("message").asText());
        }
      }
      assertEquals(List.of(), errors, "no console errors");
    }
  }

  private static String textOf(HeadlessChromium browser, String css) {
    try {
      return browser.text(browser.find(css));
    } catch (Exception e) {
      return "";
    }
  }
}
