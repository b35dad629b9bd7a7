package io.voicegateway.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicegateway.it.support.HeadlessChromium;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in headless Chromium against a whole gateway (two devices, one registered by SIPp, a trunk,
 * one earlier call in the history): log in with the API token, watch a SIPp echo call appear with its codec
 * and a moving level meter, read its SIP ladder, hold and resume it, hang it up from the page and find it in
 * the history; the browser logs no console error on the way. Leaves a screenshot of the populated dashboard
 * in {@code target/dashboard.png} (the one in docs/ is a copy).
 */
class DashboardIT {
  private static final String TOKEN = "test-token"; // GatewayFixture's http.api_token
  /** Collects uncaught errors and rejections in the page, next to chromedriver's console log. */
  private static final String ERROR_COLLECTOR = """
      window.__errors = window.__errors || [];
      window.addEventListener('error', e => window.__errors.push(String(e.message)));
      window.addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));
      """;
  private static final String LEGS = """
      return [...document.querySelectorAll('article.call tr.leg')].map(r => ({
        kind: r.querySelector('.kind').textContent,
        codec: r.querySelector('.codec').textContent,
        level: Number(r.querySelector('.meter').dataset.level),
        width: r.querySelector('.meter-fill').style.width}));
      """;

  private static final String HISTORY_ROWS =
      "return [...document.querySelectorAll('#history-table tbody tr[data-call-id]')].map(r => r.textContent)";

  /** Devices and a trunk for the side panels; the echo route for the calls. */
  private static String sections(int trunkPort) {
    return String.join("\n",
        "providers:",
        "  - id: carrier",
        "    host: 127.0.0.1",
        "    port: " + trunkPort,
        "    codecs: [g711-alaw]",
        GatewayFixture.ALICE_AND_BOB,
        "routes:",
        "  - direction: inbound",
        "    match: echo",
        "    app: echo",
        "    from: any");
  }

  /** The history rows' texts, once {@code count} rows show. */
  private static List<String> historyRows(HeadlessChromium browser, int count) throws InterruptedException {
    return HeadlessChromium.eventually(15, count + " history rows", () -> {
      try {
        List<String> rows = new ArrayList<>();
        browser.script(HISTORY_ROWS).forEach(r -> rows.add(r.asText()));
        return rows.size() >= count ? rows : null;
      } catch (Exception e) {
        return null;
      }
    });
  }

  private static String textOf(HeadlessChromium browser, String element) {
    try {
      return browser.text(element);
    } catch (Exception e) {
      return "";
    }
  }

  /** The connected call's card; when none shows, a screenshot and SIPp's side of the story. */
  private static String awaitCall(HeadlessChromium browser, SippRunner.Running sipp) throws Exception {
    try {
      return browser.await("article.call[data-state=CONNECTED]", 20);
    } catch (AssertionError e) {
      Files.write(Path.of("target", "dashboard-failed.png"), browser.screenshot());
      throw new AssertionError(e.getMessage() + "; page: " + browser.script("return document.body.innerText")
          + "\n" + sipp.await(), e);
    }
  }

  @Test
  void operatorWatchesAndEndsAnEchoCall() throws Exception {
    Tools.require("chromium", "chromedriver");
    SippRunner.requireSipp();
    Tools.requireFile(Path.of("/usr/share/sip-tester/g711a.pcap"));
    try (GatewayFixture gw = GatewayFixture.start("  keepalive_interval: 1h", sections(FreePorts.udpAndTcp()));
        HeadlessChromium browser = HeadlessChromium.start(1440, 1000)) {
      String base = "http://127.0.0.1:" + gw.gateway().httpPort();
      SippRunner.Result registered = SippRunner.scenario("device_register.xml").args("-p",
          Integer.toString(FreePorts.udpAndTcp()), "-s", "alice", "-au", "alice", "-ap", "wonderland")
          .run(gw.target(), 1, 1, 1);
      assertEquals(1, registered.successful(), "alice registers: " + registered);
      SippRunner.Result earlier = SippRunner.builtin("uac").args("-s", "echo", "-d", "1000").run(gw.target(), 1, 1, 1);
      assertEquals(1, earlier.successful(), "an earlier call, for the history: " + earlier);

      // Not logged in: the dashboard sends the browser to the login page; the token brings it back.
      browser.navigate(base + "/");
      String tokenField = browser.await("input[name=token], input[type=password]", 10);
      assertTrue(browser.currentUrl().contains("/login"), browser.currentUrl());
      browser.type(tokenField, TOKEN);
      browser.click(browser.find("form button[type=submit], form input[type=submit]"));
      browser.await("#live.live", 15);
      assertEquals(base + "/", browser.currentUrl().replace("/index.html", "/"));
      browser.script(ERROR_COLLECTOR);
      assertTrue(historyRows(browser, 1).get(0).contains("echo"), "the earlier call is in the history");

      SippRunner.Running sipp = SippRunner.scenario("uac_pcap_until_bye.xml").start(gw.target(), 1, 1, 1);
      String card = awaitCall(browser, sipp);
      assertTrue(browser.text(card).contains("sipp"), browser.text(card));

      // The SIP leg shows its codec, and its level meter moves with SIPp's audio (watched for ~4 s, so the
      // screenshot also shows a few seconds of the charts).
      // Sampled every 250 ms (the poll of this await) until 3 distinct levels and at least 16 samples.
      Set<Double> levels = new LinkedHashSet<>();
      AtomicReference<String> sipCodec = new AtomicReference<>();
      AtomicInteger samples = new AtomicInteger();
      try {
        await().pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
            .atMost(Duration.ofSeconds(60)).until(() -> {
              for (JsonNode leg : browser.script(LEGS)) {
                if (leg.get("kind").asText().equals("SIP")) {
                  sipCodec.set(leg.get("codec").asText());
                  if (leg.get("level").asDouble() > 0.001) {
                    levels.add(leg.get("level").asDouble());
                  }
                }
              }
              return samples.incrementAndGet() >= 16 && levels.size() >= 3;
            });
      } catch (ConditionTimeoutException e) {
        // the assertions below say what was seen
      }
      String codec = sipCodec.get();
      assertEquals("g711-alaw", codec, "the negotiated codec of the SIP leg");
      assertTrue(levels.size() >= 3, "the level meter moved through several values: " + levels);
      Path shot = Path.of("target", "dashboard.png");
      Files.write(shot, browser.screenshot());

      // The SIP ladder of the call: INVITE, its answer and the ACK, as the gateway saw them.
      browser.click(browser.find("article.call button.ladder"));
      browser.await("#ladder[open] .ladder-svg g.msg", 10);
      List<String> arrows = new ArrayList<>();
      browser.script("return [...document.querySelectorAll('#ladder .ladder-svg g.msg .label')].map(t => t.textContent)")
          .forEach(t -> arrows.add(t.asText()));
      assertEquals("INVITE", arrows.get(0), arrows.toString());
      assertTrue(arrows.contains("200 OK (INVITE)") && arrows.contains("ACK"), arrows.toString());
      browser.click(browser.find("g.msg"));
      String detail = browser.text(browser.find("#ladder .ladder-message"));
      assertTrue(detail.contains("X-Dashboard-Test: chromium"), detail);
      Files.write(Path.of("target", "dashboard-ladder.png"), browser.screenshot());
      browser.click(browser.find("#ladder .close"));

      // Hold and resume from the page: SIPp answers both re-INVITEs, the card follows.
      String hold = browser.find("article.call .actions button");
      assertEquals("Hold", browser.text(hold));
      browser.click(hold);
      browser.await("article.call[data-state=ON_HOLD] tr.leg .badge.hold", 10);
      HeadlessChromium.eventually(5, "the Resume button", () -> textOf(browser, hold).equals("Resume") ? true : null);
      browser.click(hold);
      browser.await("article.call[data-state=RESUMED]", 10);

      // Hang up from the page: SIPp gets its BYE, the card goes, the call is in the history.
      browser.click(browser.find("article.call button.hangup"));
      SippRunner.Result result = sipp.await();
      assertEquals(1, result.successful(), result.toString());
      HeadlessChromium.eventually(10, "the call card to go", () -> {
        try {
          return browser.find("article.call") == null ? true : null;
        } catch (Exception e) {
          return null;
        }
      });
      String history = historyRows(browser, 2).get(0); // newest first
      assertTrue(history.contains("echo") && history.contains("g711-alaw"), history);
      Files.write(Path.of("target", "dashboard-history.png"), browser.screenshot());

      List<String> errors = new ArrayList<>();
      for (JsonNode entry : browser.consoleLog()) {
        if (entry.path("level").asText().equals("SEVERE")) {
          errors.add(entry.path("message").asText());
        }
      }
      browser.script("return window.__errors").forEach(e -> errors.add(e.asText()));
      assertEquals(List.of(), errors, "no console errors");
      System.out.printf("dashboard: codec %s, %d distinct levels %s, ladder %s%n", codec, levels.size(), levels, arrows);
    }
  }
}
