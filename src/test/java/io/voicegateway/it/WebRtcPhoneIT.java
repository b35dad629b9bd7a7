package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.eventbus.MessageConsumer;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.WebRtcCommands.MediaState;
import io.voicegateway.bus.WebRtcCommands.TransportState;
import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.HeadlessChromium;
import io.voicegateway.it.support.PageRecorder;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard phone in headless Chromium against a whole gateway (issue 11): Chromium's fake microphone plays a
 * speech file into the page, the page logs its phone in as device alice and places or answers calls through the
 * dashboard's buttons, and what the page heard is recorded in the page ({@link PageRecorder}) and correlated with
 * what was sent. A baresip process is the trunk (auto-answering +49301234), SIPp with {@code -rtp_echo} calls in
 * from the trunk side. The negative cases watch the gateway's own events ({@code vg.media.webrtc.events}) and
 * count the port pool back to full.
 */
class WebRtcPhoneIT {
  private static final String TOKEN = "test-token";
  private static final int COMPARE_RATE = 8000;
  private static final String TRUNK_NUMBER = "+49301234";
  private static final String NO_PROCESSING = "vgPhone.constraints = { audio: { echoCancellation: false,"
      + " noiseSuppression: false, autoGainControl: false } }";

  @TempDir static Path shared;
  private static GatewayFixture gw;
  private static BaresipDevice trunk;
  private static Path pageSpeech;
  private HeadlessChromium browser;

  @BeforeAll
  static void start() throws Exception {
    // The page's speech starts 3 s after the microphone opens, when the call is surely up, so nothing is lost.
    Path speech = SpeechFixture.speech(shared, 48000);
    pageSpeech = shared.resolve("page-speech.wav");
    Tools.run("sox", speech.toString(), pageSpeech.toString(), "pad", "3", "0");
    // The trunk answers at once and talks for 10 s, then stays 12 s silent so it does not hang up first. It
    // registers nowhere (its registrar is a closed port): the gateway reaches it as the carrier's address.
    Path trunkSpeech = shared.resolve("trunk-speech.wav");
    Tools.run("sox", SpeechFixture.speech(shared, 8000).toString(), trunkSpeech.toString(), "pad", "0", "12");
    trunk = new BaresipDevice(shared.resolve("trunk"), "127.0.0.1:" + FreePorts.udpAndTcp(), TRUNK_NUMBER, "x",
        "PCMA", trunkSpeech, 8000, true);
    gw = GatewayFixture.start("  keepalive_interval: 1h", String.join("\n",
        "providers:",
        "  - id: carrier",
        "    host: 127.0.0.1",
        "    port: " + trunk.sipPort(),
        "    codecs: [g711-alaw]",
        "    inbound_ips: [127.0.0.1]",
        GatewayFixture.ALICE_AND_BOB,
        "routes:",
        "  - {direction: outbound, match: echo, app: echo}",
        "  - {direction: inbound, match: echo, app: echo, from: any}",
        "  - direction: outbound",
        "    match: \"0*\"",
        "    provider: carrier",
        "    strip: 1",
        "    prepend: \"+49\"",
        "  - direction: inbound",
        "    match: \"+4930123456\"",
        "    ring: [alice]",
        "    ring_timeout: 20s"));
    trunk.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (trunk != null) {
      trunk.close();
    }
    if (gw != null) {
      gw.close();
    }
  }

  @AfterEach
  void closeBrowser() throws Exception {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  // ---- the page ------------------------------------------------------------------------------------------------

  /** Chromium with the speech as its microphone, on the dashboard, its phone logged in as alice. */
  private HeadlessChromium phoneAsAlice() throws Exception {
    Tools.require("chromium", "chromedriver");
    browser = HeadlessChromium.start(1440, 1000, HeadlessChromium.fakeMicrophone(pageSpeech));
    browser.navigate("http://127.0.0.1:" + gw.gateway().httpPort() + "/");
    browser.type(browser.await("input[name=token], input[type=password]", 10), TOKEN);
    browser.click(browser.find("form button[type=submit], form input[type=submit]"));
    browser.await("#live.live", 15);
    browser.script(NO_PROCESSING); // the file, not what a headset's echo canceller makes of it
    browser.type(browser.find("#phone .phone-login input[name=device]"), "alice");
    browser.type(browser.find("#phone .phone-login input[name=password]"), "wonderland");
    browser.click(browser.find("#phone .phone-login button[type=submit]"));
    awaitPage("#phone .phone-login[hidden]", 10, "the phone logged in as alice");
    return browser;
  }

  private void dial(String number) throws Exception {
    browser.type(browser.find("#phone .phone-number"), number);
    browser.click(browser.find("#phone .phone-call"));
  }

  /** An element of the page, or a failure that shows what the page showed and logged. */
  private String awaitPage(String css, int seconds, String what) throws Exception {
    try {
      return browser.await(css, seconds);
    } catch (AssertionError e) {
      Files.write(Path.of("target", "webrtc-phone-failed.png"), browser.screenshot());
      throw new AssertionError(what + ": " + e.getMessage() + "\nphone: "
          + browser.script("return document.querySelector('#phone').innerText") + "\nconsole: "
          + browser.consoleLog(), e);
    }
  }

  /** {@code seconds} of what the page hears from the gateway, at {@link #COMPARE_RATE}. */
  private short[] recordRemote(double seconds) throws Exception {
    PageRecorder.start(browser, "vgPhone.remoteStream", 20);
    return recorded(seconds);
  }

  /** The recording started with {@link PageRecorder#start}, once {@code seconds} long, at {@link #COMPARE_RATE}. */
  private short[] recorded(double seconds) throws Exception {
    return AudioMatch.resample(PageRecorder.await(browser, seconds, (int) seconds + 30), PageRecorder.RATE,
        COMPARE_RATE);
  }

  /**
   * What Chromium's receiver says of the gateway's stream (loss, jitter, concealment, time stretching), printed
   * next to each correlation: a low figure with concealment or stretching points at the network path, not the audio.
   */
  private String inboundStats() throws Exception {
    return browser.scriptAsync(10, """
        const done = arguments[arguments.length - 1];
        const pc = vgPhone.call && vgPhone.call.session.pc;
        if (!pc) { done('no call'); return; }
        pc.getStats().then((report) => {
          const out = [];
          report.forEach((s) => {
            if (s.type === 'inbound-rtp' || s.type === 'outbound-rtp') {
              out.push({ type: s.type, packets: s.packetsReceived ?? s.packetsSent, lost: s.packetsLost,
                jitter: s.jitter, concealed: s.concealedSamples, total: s.totalSamplesReceived,
                accelerated: s.removedSamplesForAcceleration, decelerated: s.insertedSamplesForDeceleration,
                bufferDelay: s.jitterBufferDelay && s.jitterBufferEmittedCount
                  ? (s.jitterBufferDelay / s.jitterBufferEmittedCount).toFixed(3) : undefined });
            }
          });
          done(JSON.stringify(out));
        }, (e) => done(String(e)));
        """).asText();
  }

  /** Compares from the speech onsets; what the page heard stays in target/ for a look when it fails. */
  private static AudioMatch.Result match(short[] sent, short[] heard, String name) throws java.io.IOException {
    new io.voicegateway.testing.Wav(COMPARE_RATE, 1, heard).write(Path.of("target", "webrtc-" + name + "-heard.wav"));
    return AudioMatch.align(AudioMatch.fromOnset(sent, COMPARE_RATE, 20), AudioMatch.fromOnset(heard, COMPARE_RATE, 300),
        COMPARE_RATE, 500, 600);
  }

  // ---- the gateway ---------------------------------------------------------------------------------------------

  /** The next {@code state} a browser leg's transport reports, listened for from now on. */
  private static CompletableFuture<MediaState> next(TransportState state) throws Exception {
    CompletableFuture<MediaState> seen = new CompletableFuture<>();
    MessageConsumer<MediaState> consumer = gw.gateway().vertx().eventBus().consumer(Addresses.MEDIA_WEBRTC_EVENTS,
        m -> {
          if (m.body().state() == state) {
            seen.complete(m.body());
          }
        });
    consumer.completion().await(5, TimeUnit.SECONDS);
    seen.whenComplete((s, e) -> consumer.unregister());
    return seen;
  }

  // ---- (a) to (c): audio ---------------------------------------------------------------------------------------

  @Test
  void thePagesCallToEchoComesBackToIt() throws Exception {
    phoneAsAlice();
    CompletableFuture<MediaState> connected = next(TransportState.CONNECTED);
    dial("echo");
    awaitPage("#phone[data-state=connected]", 20, "the echo call connected");
    assertEquals(TransportState.CONNECTED, connected.get(20, TimeUnit.SECONDS).state(),
        "the browser leg's ICE, DTLS and SRTP came up");
    PageRecorder.start(browser, "vgPhone.remoteStream", 20);
    // while the speech comes back both meters move: the screenshot catches them together
    HeadlessChromium.eventually(20, "the mic and speaker level meters to move together", () -> {
      try {
        return browser.script("return Math.min(...[...document.querySelectorAll('#phone .phone-levels .meter')]"
            + ".map((m) => Number(m.dataset.level)))").asDouble() > 0.03 ? true : null;
      } catch (Exception e) {
        return null;
      }
    });
    Files.write(Path.of("target", "webrtc-phone.png"), browser.screenshot()); // docs/img/webrtc-phone.png is a copy
    short[] heard = recorded(15);
    System.out.println("echo call, the page's receiver: " + inboundStats());
    // a call to an app has no SIP party: hold and resume act on the page's own leg (its media restarted one way)
    String hold = browser.find("#phone .phone-hold");
    browser.click(hold);
    awaitPage("#phone[data-state=held]", 10, "the echo call on hold");
    browser.click(hold);
    awaitPage("#phone[data-state=connected]", 10, "the echo call resumed");
    browser.click(browser.find("#phone .phone-hangup"));
    awaitPage("#phone[data-state=idle]", 10, "the phone idle after hang-up");

    AudioMatch.Result match = match(AudioMatch.read(pageSpeech, COMPARE_RATE), heard, "echo");
    System.out.println("page -> echo -> page (Opus both ways): " + match);
    assertTrue(match.windows().size() >= 8, "too little speech came back: " + match);
    assertTrue(match.medianCorrelation() >= 0.8, "the page hears itself: " + match);
    gw.assertAllPortsBack("after the echo call");
  }

  @Test
  void thePageCallsATrunkNumberAnsweredByBaresip() throws Exception {
    phoneAsAlice();
    dial("0301234"); // → +49301234 through the carrier, PCMA on that leg
    // the trunk talks from its answer on: record from the page's step 2, before it can
    PageRecorder.start(browser, "vgPhone.remoteStream", 20);
    awaitPage("#phone[data-state=connected]", 20, "the trunk answered");
    short[] heard = recorded(16);
    System.out.println("trunk call, the page's receiver: " + inboundStats());
    // the call's REST actions from the page: hold and resume re-INVITE the trunk, a dial-pad key is a DTMF digit
    String hold = browser.find("#phone .phone-hold");
    browser.click(hold);
    awaitPage("#phone[data-state=held]", 10, "the call on hold");
    assertTrue(trunk.logText().contains("a=sendonly") || trunk.logText().contains("a=inactive"),
        "the trunk was re-INVITEd on hold");
    browser.click(hold);
    awaitPage("#phone[data-state=connected]", 10, "the call resumed");
    JsonNode dtmf = browser.scriptAsync(10, """
        const done = arguments[arguments.length - 1];
        fetch('/api/v1/calls/' + vgPhone.call.id + '/dtmf', { method: 'POST', credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ digits: '5' }) })
          .then((r) => done(r.status), (e) => done(String(e)));
        """);
    assertEquals(202, dtmf.asInt(), "DTMF on a call with a browser leg: " + dtmf);
    browser.click(browser.find("#phone .phone-hangup"));
    assertTrue(GatewayUnderTest.eventually(10, () -> trunk.logText().contains("BYE sip:")), "the trunk got BYE");
    gw.assertAllPortsBack("after the trunk call");

    AudioMatch.Result atPage = match(AudioMatch.read(trunk.sent(), COMPARE_RATE), heard, "trunk");
    System.out.println("baresip trunk (PCMA) -> page (Opus): " + atPage);
    assertTrue(atPage.windows().size() >= 6 && atPage.medianCorrelation() >= 0.8, "the trunk at the page: " + atPage);
    AudioMatch.Result atTrunk = match(AudioMatch.read(pageSpeech, COMPARE_RATE),
        AudioMatch.read(trunk.heard(), COMPARE_RATE), "at-trunk");
    System.out.println("page (Opus) -> baresip trunk (PCMA): " + atTrunk);
    assertTrue(atTrunk.windows().size() >= 6 && atTrunk.medianCorrelation() >= 0.9, "the page at the trunk: " + atTrunk);
  }

  @Test
  void aTrunkCallRingsTheBrowserAndADeskPhoneTheBrowserAnswers(@TempDir Path dir) throws Exception {
    try (BaresipDevice desk = gw.phone(dir, "alice", "wonderland", "PCMU", SpeechFixture.speech(dir, 8000), 8000,
        false)) {
      phoneAsAlice();
      SippRunner.Running call = SippRunner.scenario("trunk_uac_wait_bye.xml")
          .args("-s", "+4930123456", "-d", "0", "-rtp_echo", "-mp", Integer.toString(FreePorts.block(4)))
          .timeoutSeconds(90).start(gw.target(), 1, 1, 1);
      browser.click(awaitPage("#phone .phone-incoming .answer", 20, "the browser rings"));
      awaitPage("#phone[data-state=connected]", 20, "the browser answered");
      assertTrue(GatewayUnderTest.eventually(10, () -> {
        String log = desk.logText();
        int invite = log.indexOf("INVITE sip:");
        return invite >= 0 && log.indexOf("CANCEL sip:", invite) > 0;
      }), "the desk phone rang, then got CANCEL:\n" + desk.logText());
      short[] heard = recordRemote(15);
      browser.click(browser.find("#phone .phone-hangup"));
      SippRunner.Result result = call.await();
      assertEquals(1, result.successful(), "the trunk's call ended with our BYE: " + result);
      gw.assertAllPortsBack("after the forked call");

      AudioMatch.Result match = match(AudioMatch.read(pageSpeech, COMPARE_RATE), heard, "forked");
      System.out.println("page (Opus) -> trunk PCMA, echoed -> page: " + match);
      assertTrue(match.windows().size() >= 6, "too little speech came back: " + match);
      assertTrue(match.medianCorrelation() >= 0.75, "audio through both legs: " + match);
    }
  }

  // ---- negative ------------------------------------------------------------------------------------------------

  /** Step 3 before step 2: refused, the pending call of step 1 gone with it (a real session cannot link it). */
  @Test
  void aLinkBeforeItsOfferIsRefusedAndLeavesNothing() throws Exception {
    phoneAsAlice();
    JsonNode outcome = browser.scriptAsync(30, """
        const done = arguments[arguments.length - 1];
        (async () => {
          const res = await fetch('/api/v1/calls', { method: 'POST', credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ from: 'browser', to: 'echo' }) });
          const created = await res.json();
          const out = { created: res.status, callId: created.id };
          try {
            await vgPhone.socket.request({ type: 'webrtc.link', sessionId: 'never-offered', callId: created.id });
            out.early = 'linked';
          } catch (e) {
            Object.assign(out, { early: e.status, op: e.op });
          }
          const { WebRtcSession } = await import('/js/webrtc-session.js');
          const session = new WebRtcSession(vgPhone.socket, { onRemote: () => {}, onFailed: () => {} });
          await session.capture(vgPhone.constraints);
          await session.offer();
          try {
            await session.link(created.id);
            out.late = 'linked';
          } catch (e) {
            out.late = e.status;
          }
          session.close();
          done(out);
        })().catch((e) => done({ error: String(e) }));
        """);
    System.out.println("link before offer: " + outcome);
    assertEquals(201, outcome.path("created").asInt(), outcome.toString());
    assertTrue(List.of(404, 409).contains(outcome.path("early").asInt()), "link before offer: " + outcome);
    assertEquals("webrtc.link", outcome.path("op").asText(), outcome.toString());
    assertEquals(404, outcome.path("late").asInt(), "the pending call went with the refused link: " + outcome);
    gw.assertAllPortsBack("after the refused link");
  }

  /** The page sends a fingerprint its certificate does not have: DTLS is refused, the leg ends, the page is told. */
  @Test
  void aWrongDtlsFingerprintIsRefused() throws Exception {
    phoneAsAlice();
    browser.script("vgPhone.mungeOffer = (sdp) => sdp.replace(/a=fingerprint:(\\S+) [0-9A-Fa-f:]+/g,"
        + " (m, alg) => 'a=fingerprint:' + alg + ' ' + Array(32).fill('AB').join(':'))");
    CompletableFuture<MediaState> failed = next(TransportState.FAILED);
    dial("echo");
    MediaState state = failed.get(30, TimeUnit.SECONDS);
    System.out.println("wrong fingerprint: " + state);
    awaitPage("#phone[data-state=idle]", 15, "the phone gave the call up");
    assertEquals(0, browser.script("return document.querySelectorAll('#phone .phone-hangup:not([disabled])').length")
        .asInt(), "nothing left to hang up");
    gw.assertAllPortsBack("after the refused handshake");
  }

  /** The browser freezes (lid closed, network gone): no consent for 30 s, the leg and its call end. */
  @Test
  void aVanishedBrowsersLegEndsAfterTheConsentTimeout() throws Exception {
    phoneAsAlice();
    // the page shows the call connected once the echo app answers, which may be before ICE and DTLS are done: the
    // browser must vanish from a connected transport, not from the middle of its handshake (that is FAILED)
    CompletableFuture<MediaState> connected = next(TransportState.CONNECTED);
    dial("echo");
    awaitPage("#phone[data-state=connected]", 20, "the echo call connected");
    connected.get(30, TimeUnit.SECONDS);
    CompletableFuture<MediaState> lost = next(TransportState.CONSENT_LOST);
    long frozenAt = System.nanoTime();
    browser.freeze();
    MediaState state = lost.get(60, TimeUnit.SECONDS);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - frozenAt);
    System.out.println("browser frozen: " + state + " after " + seconds + " s");
    assertEquals(TransportState.CONSENT_LOST, state.state());
    gw.assertAllPortsBack("after the consent timeout");
  }
}
