package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.DeviceQueries;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.sip.auth.DigestChallenge;
import io.voicegateway.sip.auth.DigestClient;
import io.voicegateway.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two phones registering over UDP at the same moment, again and again: each binding must keep its own phone's
 * address. The stack reads a UDP transaction's peer from its one receiving channel, which has moved on to the other
 * phone's datagram by the time the registrar runs unless the source was taken on the stack's thread
 * ({@code SourceOf.capture}); then one phone's calls rang the other (RecordingIT: bob's INVITE reached alice, 404).
 */
class ConcurrentRegisterTest {
  private static final int ROUNDS = 40;
  private static final Pattern CHALLENGE = Pattern.compile("(?im)^WWW-Authenticate: (.+)$");
  private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3})");

  private GatewayUnderTest gw;

  @BeforeEach
  void start() throws Exception {
    int rtp = FreePorts.block(10);
    gw = new GatewayUnderTest(ConfigLoader.parse(String.join("\n",
        "media:",
        "  sip_port: " + FreePorts.udpAndTcp(),
        "  bind_address: 127.0.0.1",
        "  rtp_port_range: " + rtp + "-" + (rtp + 9),
        "devices:",
        "  - {id: alice, password: wonderland}",
        "  - {id: bob, password: builder}", ""), Map.of()));
  }

  @AfterEach
  void stop() throws Exception {
    gw.close();
  }

  @Test
  void eachBindingKeepsItsOwnPhonesAddressWhenTwoRegisterAtOnce() throws Exception {
    ExecutorService phones = Executors.newFixedThreadPool(2);
    try (DatagramSocket alice = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
         DatagramSocket bob = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      for (int round = 0; round < ROUNDS; round++) {
        List<Future<Integer>> done = phones.invokeAll(List.<Callable<Integer>>of(
            () -> register(alice, "alice", "wonderland"), () -> register(bob, "bob", "builder")));
        for (Future<Integer> f : done) {
          assertEquals(200, f.get(10, TimeUnit.SECONDS));
        }
        assertEquals(alice.getLocalPort(), boundPort("alice"), "alice's binding, round " + round);
        assertEquals(bob.getLocalPort(), boundPort("bob"), "bob's binding, round " + round);
      }
    } finally {
      phones.shutdownNow();
    }
  }

  private int boundPort(String device) throws Exception {
    DeviceQueries.Bindings b = gw.vertx.eventBus().<DeviceQueries.Bindings>request(Addresses.DEVICE_BINDINGS,
        new DeviceQueries.BindingsQuery(device)).await(10, TimeUnit.SECONDS).body();
    assertEquals(1, b.bindings().size(), b.toString());
    return b.bindings().get(0).sourcePort();
  }

  /** REGISTER, its 401, the REGISTER with credentials; returns the final status. */
  private int register(DatagramSocket socket, String user, String password) throws Exception {
    String callId = user + "-" + UUID.randomUUID();
    String first = exchange(socket, request(socket, user, callId, 1, null));
    Matcher challenge = CHALLENGE.matcher(first);
    assertTrue(challenge.find(), first);
    String uri = "sip:127.0.0.1:" + gw.port();
    String authorization = DigestClient.create(user, password)
        .authorize(DigestChallenge.parse(challenge.group(1).trim()), "REGISTER", uri).toHeaderValue();
    String second = exchange(socket, request(socket, user, callId, 2, authorization));
    Matcher status = STATUS.matcher(second);
    assertTrue(status.find(), second);
    return Integer.parseInt(status.group(1));
  }

  private String request(DatagramSocket socket, String user, String callId, int cseq, String authorization) {
    int port = socket.getLocalPort();
    return "REGISTER sip:127.0.0.1:" + gw.port() + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK" + UUID.randomUUID() + ";rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:" + user + "@127.0.0.1>;tag=" + user + cseq + "\r\n"
        + "To: <sip:" + user + "@127.0.0.1>\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: " + cseq + " REGISTER\r\n"
        + "Contact: <sip:" + user + "@127.0.0.1:" + port + ">;expires=60\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
        + "Content-Length: 0\r\n\r\n";
  }

  /** Sends and waits for the final response (skipping any 1xx). */
  private String exchange(DatagramSocket socket, String message) throws Exception {
    byte[] out = message.getBytes(StandardCharsets.US_ASCII);
    socket.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), gw.port()));
    socket.setSoTimeout(10_000);
    while (true) {
      byte[] in = new byte[4096];
      DatagramPacket packet = new DatagramPacket(in, in.length);
      socket.receive(packet);
      String response = new String(in, 0, packet.getLength(), StandardCharsets.US_ASCII);
      if (!response.startsWith("SIP/2.0 1")) {
        return response;
      }
    }
  }
}
