package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.it.peers.RtpCapture;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.media.codec.G711;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fax through the B2BUA between two SIPp ends (issue 13). The caller plays 1.5 s of CED (2100 Hz) and then
 * {@value #RANDOM} packets of random G.711 bytes, and half-way sends a T.38-only re-INVITE; the callee's media port
 * is watched with tshark. Same law on both legs: every random payload reaches the callee byte for byte and in order,
 * the re-INVITE gets 488 with a Warning and the stream goes on. PCMU to PCMA: the tone is announced, the payloads
 * are transcoded (none arrives unchanged).
 */
class FaxPassThroughIT {
  private static final int CED_PACKETS = 75; // 1.5 s
  private static final int RANDOM = 150;     // 3 s
  private static GatewayFixture gw;
  private List<byte[]> heardByCallee;
  private static int calleePort;
  private static final ConcurrentLinkedQueue<CallEvent> events = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void start() throws Exception {
    SippRunner.requireSipp();
    calleePort = FreePorts.udpAndTcp();
    gw = GatewayFixture.start("  keepalive_interval: 3600s", String.join("\n",
        "providers:",
        "  - id: faxline",
        "    host: 127.0.0.1",
        "    port: " + calleePort,
        "    codecs: [g711-ulaw, g711-alaw]",
        "    inbound_ips: [127.0.0.1]",
        "routes:",
        "  - direction: inbound",
        "    match: \"+4930*\"",
        "    provider: faxline",
        "    from: trunk"));
    gw.gateway().vertx().eventBus().<CallEvent>consumer(Addresses.CALL_EVENTS, m -> events.add(m.body()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (gw != null) {
      gw.close();
    }
  }

  @BeforeEach
  void clear() {
    events.clear();
  }

  @Test
  void afterCedThePayloadsReachTheFarEndUnchangedAndT38IsRefusedWithTheCallKept(@TempDir Path dir) throws Exception {
    List<byte[]> random = runCall(dir, 0, "PCMU", 0, "PCMU");
    List<byte[]> heard = heardByCallee;
    int first = indexOf(heard, random.get(0));
    assertTrue(first >= 0, "the first random payload reached the callee unchanged (of " + heard.size() + ")");
    assertTrue(heard.size() - first >= RANDOM, "all random payloads came after it: " + (heard.size() - first));
    for (int i = 0; i < RANDOM; i++) {
      assertArrayEquals(random.get(i), heard.get(first + i), "random payload " + i + " byte for byte, in order");
    }
    CallEvent fax = event(CallEventType.FAX_DETECTED);
    assertEquals("CED passthrough", fax.reason());
    String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + gw.gateway().httpPort() + "/metrics")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(metrics.contains("vg_media_fax_detected_total{mode=\"passthrough\"}"), "metric exported");
    System.out.printf("fax pass-through: %d random payloads identical at the callee (from packet %d of %d)%n",
        RANDOM, first, heard.size());
  }

  @Test
  void pcmuToPcmaIsAnnouncedAndTranscoded(@TempDir Path dir) throws Exception {
    List<byte[]> random = runCall(dir, 0, "PCMU", 8, "PCMA");
    List<byte[]> heard = heardByCallee;
    assertTrue(heard.size() >= CED_PACKETS + RANDOM - 10, "the stream kept flowing: " + heard.size());
    long unchanged = random.stream().filter(p -> indexOf(heard, p) >= 0).count();
    assertEquals(0, unchanged, "PCMU bytes are not PCMA bytes: every payload was transcoded");
    assertEquals("CED transcoding", event(CallEventType.FAX_DETECTED).reason());
  }

  /** One call: caller in {@code callerEnc}, callee answering in {@code calleeEnc}; returns the random payloads. */
  private List<byte[]> runCall(Path dir, int callerPt, String callerEnc, int calleePt, String calleeEnc)
      throws Exception {
    Tools.require("tshark");
    int calleeMedia = FreePorts.block(4);
    List<byte[]> random = new ArrayList<>();
    Path pcap = dir.resolve("fax.pcap");
    Files.write(pcap, faxPcap(callerPt, callerEnc.equals("PCMA"), random));
    Path caller = scenario(dir, "fax_uac_ced_then_t38.xml", callerPt, callerEnc, pcap);
    Path callee = scenario(dir, "fax_uas_answer.xml", calleePt, calleeEnc, pcap);
    try (RtpCapture capture = RtpCapture.start(dir, gw.rtpPortMin(), gw.rtpPortMin() + GatewayFixture.RTP_PORTS - 1)) {
      SippRunner.Running answering = SippRunner.scenario(relative(callee)).args("-p", Integer.toString(calleePort),
          "-mp", Integer.toString(calleeMedia)).timeoutSeconds(60).start(null, 1, 1, 1);
      assertTrue(GatewayUnderTest.eventually(10, () -> bound(calleePort)), "the callee listens");
      SippRunner.Result calling = SippRunner.scenario(relative(caller)).args("-s", "+493055501")
          .timeoutSeconds(60).run(gw.target(), 1, 1, 1);
      assertEquals(1, calling.successful(), "call, 488 with Warning to the T.38 re-INVITE, BYE: " + calling);
      assertEquals(1, answering.await().successful());
      capture.stop();
      heardByCallee = capture.payloadsTo(calleeMedia);
    }
    return random;
  }

  private static CallEvent event(CallEventType type) {
    return events.stream().filter(e -> e.type() == type).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + events));
  }

  private static int indexOf(List<byte[]> heard, byte[] payload) {
    for (int i = 0; i < heard.size(); i++) {
      if (Arrays.equals(heard.get(i), payload)) {
        return i;
      }
    }
    return -1;
  }

  /** The scenario with its codec and pcap filled in, written beside the test's files. */
  private static Path scenario(Path dir, String name, int pt, String enc, Path pcap) throws IOException {
    String xml = Files.readString(Path.of("src/test/resources/sipp", name)).replace("@PT@", Integer.toString(pt))
        .replace("@ENC@", enc).replace("@PCAP@", pcap.toAbsolutePath().toString());
    Path out = dir.resolve(pt + "-" + name);
    Files.writeString(out, xml);
    return out;
  }

  /** SippRunner takes scenarios relative to src/test/resources/sipp. */
  private static String relative(Path scenario) {
    return Path.of("src/test/resources/sipp").toAbsolutePath().relativize(scenario.toAbsolutePath()).toString();
  }

  private static boolean bound(int port) {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      return false;
    } catch (Exception e) {
      return true;
    }
  }

  /**
   * An Ethernet pcap of RTP every 20 ms for SIPp's play_pcap_audio (which rewrites addresses and ports): CED at
   * about −12 dBm0, then random bytes (kept in {@code random}).
   */
  private static byte[] faxPcap(int pt, boolean alaw, List<byte[]> random) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0xa1b2c3d4);
    out.writeShort(2);
    out.writeShort(4);
    out.writeInt(0);
    out.writeInt(0);
    out.writeInt(65535);
    out.writeInt(1); // DLT_EN10MB
    Random rnd = new Random(13);
    for (int p = 0; p < CED_PACKETS + RANDOM; p++) {
      byte[] payload = new byte[160];
      if (p < CED_PACKETS) {
        for (int i = 0; i < 160; i++) {
          short s = (short) Math.round(5600 * Math.sin(2 * Math.PI * 2100 * (p * 160 + i) / 8000.0));
          payload[i] = alaw ? G711.alawEncode(s) : G711.ulawEncode(s);
        }
      } else {
        rnd.nextBytes(payload);
        random.add(payload);
      }
      byte[] rtp = new byte[12 + 160];
      rtp[0] = (byte) 0x80;
      rtp[1] = (byte) pt;
      rtp[2] = (byte) (p >> 8);
      rtp[3] = (byte) p;
      int ts = p * 160;
      rtp[4] = (byte) (ts >>> 24);
      rtp[5] = (byte) (ts >>> 16);
      rtp[6] = (byte) (ts >>> 8);
      rtp[7] = (byte) ts;
      rtp[8] = 0x12;
      rtp[9] = 0x34;
      rtp[10] = 0x56;
      rtp[11] = 0x78;
      System.arraycopy(payload, 0, rtp, 12, 160);
      int udpLen = 8 + rtp.length;
      int ipLen = 20 + udpLen;
      long micros = p * 20_000L;
      out.writeInt((int) (micros / 1_000_000));
      out.writeInt((int) (micros % 1_000_000));
      out.writeInt(14 + ipLen);
      out.writeInt(14 + ipLen);
      out.write(new byte[12]); // MAC addresses
      out.writeShort(0x0800);
      out.write(new byte[] {0x45, 0});
      out.writeShort(ipLen);
      out.write(new byte[] {0, 0, 0, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1});
      out.writeShort(40000);
      out.writeShort(40002);
      out.writeShort(udpLen);
      out.writeShort(0);
      out.write(rtp);
    }
    return bytes.toByteArray();
  }
}
