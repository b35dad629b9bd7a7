package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallQueries;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's SIP is bound while its media still warms up (issue 13): a call that arrives then gets 503 with
 * Retry-After and a dispatcher's OPTIONS probe 503, no call-control API is served yet; once the media is ready
 * (here: a promise the test completes, standing in for the warm-up) the same requests are served.
 */
class SipTakesCallsOnceReadyTest {
  private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3})");
  private static final Pattern RETRY_AFTER = Pattern.compile("(?im)^Retry-After: *(\\d+)");

  private final Promise<Void> mediaWarm = Promise.promise();
  private GatewayUnderTest gw;

  @BeforeEach
  void start() throws Exception {
    int rtp = FreePorts.block(10);
    gw = new GatewayUnderTest(ConfigLoader.parse(String.join("\n",
        "media:",
        "  sip_port: " + FreePorts.udpAndTcp(),
        "  bind_address: 127.0.0.1",
        "  rtp_port_range: " + rtp + "-" + (rtp + 9), ""), Map.of()), mediaWarm.future());
  }

  @AfterEach
  void stop() throws Exception {
    mediaWarm.tryComplete();
    gw.close();
  }

  @Test
  void aCallBeforeTheMediaIsWarmGets503WithRetryAfterAndIsTakenOnceItIs() throws Exception {
    try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      String refused = exchange(phone, request(phone, "INVITE"));
      assertEquals(503, status(refused), refused);
      Matcher retry = RETRY_AFTER.matcher(refused);
      assertTrue(retry.find(), refused);
      assertEquals(StartGate.RETRY_AFTER_SECONDS, Integer.parseInt(retry.group(1)));
      String probe = exchange(phone, request(phone, "OPTIONS"));
      assertEquals(503, status(probe), "a dispatcher's probe does not count this node in yet: " + probe);
      assertEquals(ReplyFailure.NO_HANDLERS, activeCallsFailure(), "no call-control API before it takes calls");
      assertTrue(gw.media.opens.isEmpty(), "nothing of the media was asked for");
      assertFalse(gw.sip.takingCalls().isComplete());

      mediaWarm.complete();
      gw.sip.takingCalls().await(10, TimeUnit.SECONDS);
      assertEquals(200, status(exchange(phone, request(phone, "OPTIONS"))));
      assertEquals(0, gw.vertx.eventBus().<CallQueries.ActiveCalls>request(Addresses.SIP_CALLS,
          CallQueries.ActiveCallsQuery.all()).await(10, TimeUnit.SECONDS).body().calls().size());
      String taken = exchange(phone, request(phone, "INVITE"));
      assertEquals(200, status(taken), "the same call once the media is warm: " + taken);
      assertEquals(1, gw.media.opens.size(), "its leg's media was opened");
    }
  }

  private ReplyFailure activeCallsFailure() throws Exception {
    try {
      gw.vertx.eventBus().request(Addresses.SIP_CALLS, CallQueries.ActiveCallsQuery.all())
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause() instanceof ReplyException r ? r.failureType() : null;
    }
  }

  private String request(DatagramSocket phone, String method) {
    int port = phone.getLocalPort();
    String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio " + (port + 2) + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    String body = "INVITE".equals(method) ? sdp : "";
    return method + " sip:echo@127.0.0.1:" + gw.port() + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK" + UUID.randomUUID() + ";rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@127.0.0.1:" + port + ">;tag=a" + UUID.randomUUID() + "\r\n"
        + "To: <sip:echo@127.0.0.1:" + gw.port() + ">\r\n"
        + "Call-ID: " + UUID.randomUUID() + "\r\n"
        + "CSeq: 1 " + method + "\r\n"
        + "Contact: <sip:alice@127.0.0.1:" + port + ">\r\n"
        + ("INVITE".equals(method) ? "Content-Type: application/sdp\r\n" : "")
        + "Content-Length: " + body.length() + "\r\n\r\n" + body;
  }

  private static int status(String response) {
    Matcher m = STATUS.matcher(response);
    assertTrue(m.find(), response);
    return Integer.parseInt(m.group(1));
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
