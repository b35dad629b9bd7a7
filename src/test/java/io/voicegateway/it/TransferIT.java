package io.voicegateway.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.peers.RtpCapture;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.media.codec.G711;
import io.voicegateway.sip.OutboundCall;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfers through the B2BUA, every party a SIPp process on its own loopback port: a trunk (A, which echoes
 * the RTP it gets) calls device bob (registered with digest auth). Blind: bob REFERs the call to 7001, an
 * outbound route to a SIPp target; the NOTIFY sequence is checked in bob's scenario, bob's leg ends and the
 * target's own audio comes back to it through A (RTP captured and decoded). A busy target leaves the call
 * as it was. Attended: an INVITE with Replaces naming bob's dialog takes bob's place.
 */
class TransferIT {
  /** Packets with audio that must come back to a transfer's new party: a second of its speech. */
  private static final int LOUD = 50;
  private static GatewayFixture gw;
  private static int bobPort;
  private static int targetPort;
  private static int bob2Port;
  private static final ConcurrentLinkedQueue<CallEvent> events = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void start() throws Exception {
    SippRunner.requireSipp();
    bobPort = FreePorts.udpAndTcp();
    targetPort = FreePorts.udpAndTcp();
    bob2Port = FreePorts.udpAndTcp();
    // No OPTIONS qualify: a SIPp device between its scenarios cannot answer, and inside one it would not expect it.
    gw = GatewayFixture.start("  jitter_buffer_ms: 40\n  keepalive_interval: 3600s", String.join("\n",
        "providers:",
        "  - id: carrier",
        "    host: 127.0.0.1",
        "    port: " + targetPort,
        "    codecs: [g711-alaw]",
        "    inbound_ips: [127.0.0.1]",
        "devices:",
        "  - id: bob",
        "    password: builder",
        "    extension: \"102\"",
        "  - id: alice",
        "    password: wonderland",
        "    extension: \"101\"",
        "  - id: bob2",
        "    password: builder2",
        "    extension: \"103\"",
        "routes:",
        "  - direction: inbound",
        "    match: echo",
        "    app: echo",
        "    from: any",
        "  - direction: inbound",
        "    match: \"+4930125*\"",
        "    ring: [alice]",
        "    ring_timeout: 20s",
        "  - direction: inbound",
        "    match: \"+4930124*\"",
        "    ring: [bob2]",
        "    ring_timeout: 20s",
        "  - direction: inbound",
        "    match: \"+4930123*\"",
        "    ring: [bob]",
        "    ring_timeout: 20s",
        "  - direction: outbound",
        "    match: \"7*\"",
        "    provider: carrier"));
    gw.gateway().vertx().eventBus().<CallEvent>consumer(Addresses.CALL_EVENTS, m -> events.add(m.body()));
    register("bob", "builder", bobPort);
    register("bob2", "builder2", bob2Port);
  }

  @AfterAll
  static void stop() throws Exception {
    if (gw != null) {
      gw.close();
    }
  }

  @BeforeEach
  void quiet() throws Exception {
    assertTrue(GatewayUnderTest.eventually(10, () -> activeCalls() == 0), "no call left from a previous test");
    events.clear();
  }

  @Test
  void blindTransferByReferConnectsTheTrunkToTheTargetAndEndsBobsLeg(@TempDir Path dir) throws Exception {
    int targetMedia = FreePorts.block(4);
    SippRunner.Running target = listening(SippRunner.scenario("uas_transfer_target.xml")
        .args("-p", Integer.toString(targetPort), "-mp", Integer.toString(targetMedia)), targetPort);
    SippRunner.Running bob = listening(bob("bob_refer_blind.xml", "7001"), bobPort);
    try (RtpCapture capture = RtpCapture.start(dir, gw.rtpPortMin(), gw.rtpPortMin() + GatewayFixture.RTP_PORTS - 1)) {
      SippRunner.Running trunk = trunk();

      SippRunner.Result bobResult = bob.await();
      assertEquals(1, bobResult.successful(), "bob saw 202, NOTIFY 100/180/200 and its BYE: " + bobResult);
      CallEvent transferred = awaitEvent(CallEventType.CALL_TRANSFERRED);
      assertEquals(1, activeCalls(), "the call goes on without bob");
      awaitLoudPackets(capture, targetMedia); // the target talks; the trunk echoes it back
      hangup(transferred.callId());
      SippRunner.Result trunkResult = trunk.await();
      SippRunner.Result targetResult = target.await();
      assertEquals(1, trunkResult.successful(), "trunk: " + trunkResult);
      assertEquals(1, targetResult.successful(), "target: " + targetResult);

      capture.stop();
      int loud = loudPackets(capture.payloadsTo(targetMedia));
      System.out.println("blind transfer: " + loud + " RTP packets with audio reached the target");
      assertTrue(loud >= LOUD, "the target's audio came back to it through the trunk: " + loud + " loud packets");
    }
    assertTrue(GatewayUnderTest.eventually(5, () -> count(CallEventType.CALL_TERMINATED) == 1),
        "one call, ended once (by the hangup): " + events);
  }

  @Test
  void aBusyTransferTargetLeavesTheCallUp(@TempDir Path dir) throws Exception {
    SippRunner.Running busy = listening(SippRunner.scenario("uas_busy.xml")
        .args("-p", Integer.toString(targetPort)), targetPort);
    Path messages = dir.resolve("bob-messages.log");
    SippRunner.Running bob = listening(bob("bob_refer_fails.xml", "7002")
        .args("-trace_msg", "-message_file", messages.toString()), bobPort);
    SippRunner.Running trunk = trunk();

    SippRunner.Result busyResult = busy.await();
    assertEquals(1, busyResult.successful(), "the target said 486: " + busyResult);
    // the 486 reaches bob as the final NOTIFY, and bob has answered it
    assertTrue(GatewayUnderTest.eventually(20, () -> answeredFinalNotify(messages)),
        "bob got the NOTIFY with the 486 and answered it:\n" + text(messages));
    assertEquals(1, activeCalls(), "the call is still up");
    assertEquals(0, count(CallEventType.CALL_TRANSFERRED));
    assertEquals(0, count(CallEventType.CALL_TERMINATED));
    hangup(awaitEvent(CallEventType.CALL_CONNECTED).callId());
    SippRunner.Result bobResult = bob.await();
    assertEquals(1, bobResult.successful(), "bob saw NOTIFY 100 then 486, and stayed until the hangup: " + bobResult);
    assertEquals(1, trunk.await().successful());
  }

  @Test
  void anInviteWithReplacesTakesBobsPlace(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("bob.log");
    SippRunner.Running bob = listening(SippRunner.scenario("bob_replaced.xml").args("-p", Integer.toString(bobPort),
        "-mp", Integer.toString(FreePorts.block(4)), "-trace_logs", "-log_file", log.toString()), bobPort);
    SippRunner.Running trunk = trunk();
    assertTrue(GatewayUnderTest.eventually(20, () -> dialog(log) != null), "bob logged its dialog");
    awaitEvent(CallEventType.CALL_CONNECTED);
    Matcher d = dialog(log);

    int carolMedia = FreePorts.block(4);
    try (RtpCapture capture = RtpCapture.start(dir, gw.rtpPortMin(), gw.rtpPortMin() + GatewayFixture.RTP_PORTS - 1)) {
      SippRunner.Running carol = SippRunner.scenario("uac_replaces.xml").args("-mp", Integer.toString(carolMedia),
          "-set", "rcallid", d.group(1), "-set", "rtotag", d.group(2), "-set", "rfromtag", d.group(3))
          .start(gw.target(), 1, 1, 1);
      assertTrue(GatewayUnderTest.eventually(20, () -> count(CallEventType.CALL_TRANSFERRED) > 0),
          "Replaces took effect; carol: " + (count(CallEventType.CALL_TRANSFERRED) > 0 ? "" : carol.await()));
      CallEvent transferred = awaitEvent(CallEventType.CALL_TRANSFERRED);
      SippRunner.Result bobResult = bob.await();
      assertEquals(1, bobResult.successful(), "the gateway BYEd the replaced dialog: " + bobResult);
      awaitLoudPackets(capture, carolMedia);
      assertEquals(1, activeCalls());
      hangup(transferred.callId());
      assertEquals(1, carol.await().successful(), "carol was answered and got the final BYE");
      assertEquals(1, trunk.await().successful());
      capture.stop();
      int loud = loudPackets(capture.payloadsTo(carolMedia));
      System.out.println("Replaces: " + loud + " RTP packets with audio reached carol");
      assertTrue(loud >= LOUD, "carol's audio came back to her through the trunk: " + loud + " loud packets");
    }

    SippRunner.Result unknown = SippRunner.scenario("uac_replaces_unknown.xml")
        .args("-set", "rcallid", "no-such-call", "-set", "rtotag", "x", "-set", "rfromtag", "y")
        .run(gw.target(), 1, 1, 1);
    assertEquals(1, unknown.successful(), "Replaces naming no dialog: 481; " + unknown);
  }

  @Test
  void theGatewayReferringALegEndsItWhenTheNotifySays200() throws Exception {
    int port = FreePorts.udpAndTcp();
    SippRunner.Running callee = listening(SippRunner.scenario("uas_refer_notify.xml").args("-p", Integer.toString(port),
        "-mp", Integer.toString(FreePorts.block(4))), port);
    String callId = gw.gateway().sip().uac().originate(OutboundCall.to("sip:sipp@127.0.0.1:" + port))
        .await(20, TimeUnit.SECONDS);
    int status = gw.gateway().vertx().eventBus().<CallCommands.Transferred>request(Addresses.SIP_TRANSFER,
        new SipCommands.Transfer(callId, "sip:carol@127.0.0.1")).await(20, TimeUnit.SECONDS).body().status();
    assertEquals(202, status);
    SippRunner.Result result = callee.await();
    assertEquals(1, result.successful(), "NOTIFY 100 and 200 answered, then our BYE: " + result);
    assertTrue(GatewayUnderTest.eventually(5, () -> count(CallEventType.CALL_TERMINATED) == 1));
    assertEquals(1, count(CallEventType.CALL_TRANSFERRED), "published once, by the REFER's 202");
  }

  /**
   * The phone's attended transfer: bob talks to trunk A (call 1) and, as bob2, to trunk C (call 2), then REFERs
   * A with Replaces naming its call-2 dialog. A and C end up in one call (C's audio comes back to it through A,
   * which echoes), both of bob's legs get BYE, call 2 ends.
   */
  @Test
  void anAttendedReferJoinsTheRemainingPartiesOfTwoCalls(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("bob2.log");
    SippRunner.Running bob2 = listening(SippRunner.scenario("bob_replaced.xml").args("-p", Integer.toString(bob2Port),
        "-mp", Integer.toString(FreePorts.block(4)), "-trace_logs", "-log_file", log.toString()), bob2Port);
    int cMedia = FreePorts.block(4);
    try (RtpCapture capture = RtpCapture.start(dir, gw.rtpPortMin(), gw.rtpPortMin() + GatewayFixture.RTP_PORTS - 1)) {
      SippRunner.Running c = SippRunner.scenario("trunk_uac_play_wait_bye.xml").args("-s", "+4930124000",
          "-mp", Integer.toString(cMedia)).timeoutSeconds(60).start(gw.target(), 1, 1, 1);
      assertTrue(GatewayUnderTest.eventually(20, () -> dialog(log) != null), "bob2 logged its dialog");
      Matcher d = dialog(log);
      String replaces = escape(d.group(1)) + "%3Bto-tag%3D" + d.group(2) + "%3Bfrom-tag%3D" + d.group(3);
      SippRunner.Running bob = listening(SippRunner.scenario("bob_refer_attended.xml").args("-p",
          Integer.toString(bobPort), "-s", "carol", "-mp", Integer.toString(FreePorts.block(4)),
          "-set", "replaces", replaces), bobPort);
      SippRunner.Running a = trunk();

      SippRunner.Result bobResult = bob.await();
      assertEquals(1, bobResult.successful(), "bob: 202, NOTIFY 100 then 200, BYE: " + bobResult);
      assertEquals(1, bob2.await().successful(), "bob's call-2 leg got BYE");
      CallEvent transferred = awaitEvent(CallEventType.CALL_TRANSFERRED);
      assertTrue(GatewayUnderTest.eventually(5, () -> activeCalls() == 1), "call 2 ended, call 1 goes on");
      awaitLoudPackets(capture, cMedia);
      hangup(transferred.callId());
      assertEquals(1, a.await().successful());
      assertEquals(1, c.await().successful(), "C was in call 1 when it was hung up");
      capture.stop();
      int loud = loudPackets(capture.payloadsTo(cMedia));
      System.out.println("attended transfer: " + loud + " RTP packets with audio reached C");
      assertTrue(loud >= LOUD, "C's audio came back to it through A: " + loud + " loud packets");
    }
  }

  @Test
  void badRefersAreRefusedAndAnUnroutableTargetIsNotified() throws Exception {
    SippRunner.Result result = SippRunner.scenario("uac_refer_errors.xml")
        .args("-mp", Integer.toString(FreePorts.block(4))).run(gw.target(), 1, 1, 1);
    assertEquals(1, result.successful(), "400, 400, then 202 + NOTIFY 100 + NOTIFY 404 (terminated): " + result);
    assertEquals(0, count(CallEventType.CALL_TRANSFERRED));
    SippRunner.Result stray = SippRunner.scenario("uac_refer_unknown_dialog.xml").run(gw.target(), 1, 1, 1);
    assertEquals(1, stray.successful(), "REFER in a dialog we do not hold: 481; " + stray);
  }

  /** baresip's own /transfer: a real UA's REFER, and its handling of our NOTIFYs (Event id, sipfrag). */
  @Test
  void baresipTransfersTheTrunkWithItsTransferCommand(@TempDir Path dir) throws Exception {
    Path speech = SpeechFixture.speech(dir, 8000);
    Path padded = dir.resolve("speech-pad.wav"); // baresip hangs up when its source ends
    Tools.run("sox", speech.toString(), padded.toString(), "pad", "0", "30");
    int targetMedia = FreePorts.block(4);
    SippRunner.Running target = listening(SippRunner.scenario("uas_transfer_target.xml")
        .args("-p", Integer.toString(targetPort), "-mp", Integer.toString(targetMedia)), targetPort);
    try (BaresipDevice alice = new BaresipDevice(dir.resolve("alice"), gw.target(), "alice", "wonderland", "PCMA",
             padded, 8000, true);
         RtpCapture capture = RtpCapture.start(dir, gw.rtpPortMin(), gw.rtpPortMin() + GatewayFixture.RTP_PORTS - 1)) {
      alice.start();
      assertTrue(GatewayUnderTest.eventually(15, () -> registered("alice")), "alice registered:\n" + alice.logText());
      SippRunner.Running trunk = trunk("+4930125000");
      awaitEvent(CallEventType.CALL_CONNECTED);
      // baresip transfers an established call only: its ACK has come in
      assertTrue(GatewayUnderTest.eventually(20, () -> alice.logText().contains("Call established")),
          "alice's call is established:\n" + alice.logText());
      alice.command("transfer", "sip:7001@" + gw.target());

      CallEvent transferred = awaitEvent(CallEventType.CALL_TRANSFERRED);
      assertTrue(GatewayUnderTest.eventually(10, () -> alice.logText().contains("Subscription-State: terminated")),
          "alice got the final NOTIFY:\n" + alice.logText());
      String log = alice.logText();
      assertTrue(Pattern.compile("(?m)^Content-Type: message/sipfrag").matcher(log).results().count() >= 3,
          "NOTIFYs for 100 Trying, 180 Ringing and 200 OK:\n" + log);
      assertTrue(log.contains("Event: refer;id="), "the NOTIFYs name the REFER");
      assertTrue(GatewayUnderTest.eventually(10, () -> Pattern.compile("(?m)^BYE sip:").matcher(alice.logText()).find()),
          "alice's leg ended with a BYE:\n" + alice.logText());
      assertEquals(1, activeCalls(), "the trunk's call goes on with the target");
      awaitLoudPackets(capture, targetMedia);
      hangup(transferred.callId());
      assertEquals(1, trunk.await().successful());
      assertEquals(1, target.await().successful());
      capture.stop();
      int loud = loudPackets(capture.payloadsTo(targetMedia));
      System.out.println("baresip transfer: " + loud + " RTP packets with audio reached the target");
      assertTrue(loud >= LOUD, "the target's audio came back to it through the trunk: " + loud + " loud packets");
    }
  }

  // --- helpers

  private static boolean registered(String device) {
    try {
      return !gw.contactsOf(device).isEmpty();
    } catch (Exception e) {
      return false;
    }
  }

  private static void register(String user, String password, int port) throws Exception {
    SippRunner.Result registered = SippRunner.scenario("device_register.xml").args("-p", Integer.toString(port),
        "-s", user, "-au", user, "-ap", password).run(gw.target(), 1, 1, 1);
    assertEquals(1, registered.successful(), user + " registers: " + registered);
  }

  /** %-escapes what may not stand in a URI header value (RFC 3261 §25.1 hvalue). */
  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    for (char ch : s.toCharArray()) {
      if (Character.isLetterOrDigit(ch) || "-_.!~*'()[]/?:+$".indexOf(ch) >= 0) {
        out.append(ch);
      } else {
        out.append(String.format("%%%02X", (int) ch));
      }
    }
    return out.toString();
  }

  private static SippRunner bob(String scenario, String referTo) {
    return SippRunner.scenario(scenario).args("-p", Integer.toString(bobPort), "-s", referTo,
        "-mp", Integer.toString(FreePorts.block(4)));
  }

  /** The trunk calls bob's route and echoes whatever RTP it gets, until the gateway's BYE. */
  private static SippRunner.Running trunk() throws Exception {
    return trunk("+4930123456");
  }

  private static SippRunner.Running trunk(String number) throws Exception {
    return SippRunner.scenario("trunk_uac_wait_bye.xml").args("-s", number, "-rtp_echo",
        "-mp", Integer.toString(FreePorts.block(4))).timeoutSeconds(60).start(gw.target(), 1, 1, 1);
  }

  /** Starts a SIPp UAS (remote: the gateway) and waits until it has bound its SIP port. */
  private static SippRunner.Running listening(SippRunner runner, int port) throws Exception {
    SippRunner.Running running = runner.timeoutSeconds(60).start(gw.target(), 1, 1, 1);
    assertTrue(GatewayUnderTest.eventually(10, () -> bound(port)), "sipp listens on " + port);
    return running;
  }

  private static boolean bound(int port) {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      return false;
    } catch (Exception e) {
      return true;
    }
  }

  private static Matcher dialog(Path log) {
    try {
      if (!Files.exists(log)) {
        return null;
      }
      Matcher m = Pattern.compile("DIALOG (\\S+) (\\S+) (\\S+)").matcher(Files.readString(log));
      return m.find() ? m : null;
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * Awaits {@link #LOUD} packets with audio on their way to {@code port}, read from the running capture (one
   * tshark pass a second: the poll of this await). Falls through on timeout: the caller's assertion reports.
   */
  private static void awaitLoudPackets(RtpCapture capture, int port) {
    try {
      await().pollInSameThread().pollDelay(Duration.ofSeconds(1)).pollInterval(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(60)).until(() -> loudPackets(capture.payloadsTo(port)) >= LOUD);
    } catch (ConditionTimeoutException e) {
      // the assertion on the stopped capture says how many came
    }
  }

  /** bob's SIPp message trace shows the NOTIFY carrying the 486 and, after it, bob's answer sent. */
  private static boolean answeredFinalNotify(Path messages) {
    String log = text(messages);
    int notify = log.indexOf("SIP/2.0 486 ");
    return notify >= 0 && log.indexOf("message sent", notify) >= 0;
  }

  private static String text(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static CallEvent awaitEvent(CallEventType type) throws InterruptedException {
    assertTrue(GatewayUnderTest.eventually(20, () -> count(type) > 0), type + " published; events: " + events);
    return events.stream().filter(e -> e.type() == type).findFirst().orElseThrow();
  }

  private static long count(CallEventType type) {
    return events.stream().filter(e -> e.type() == type).count();
  }

  private static int activeCalls() {
    return gw.activeCalls();
  }

  private static void hangup(String callId) throws Exception {
    gw.gateway().vertx().eventBus().request(Addresses.SIP_HANGUP, new SipCommands.Hangup(callId, "test done"))
        .await(10, TimeUnit.SECONDS);
  }

  /** Packets whose A-law payload is louder than -40 dBFS RMS (the gateway's silence decodes to ±8). */
  private static int loudPackets(List<byte[]> payloads) {
    int loud = 0;
    for (byte[] p : payloads) {
      double sum = 0;
      for (byte b : p) {
        double v = G711.alawDecode(b);
        sum += v * v;
      }
      if (p.length > 0 && Math.sqrt(sum / p.length) > 328) {
        loud++;
      }
    }
    return loud;
  }
}
