package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.bus.WebRtcCommands;
import io.voicegateway.codec.CodecType;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.testing.FreePorts;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SIP over WebSocket through the real stack, with the media side faked on the bus: a browser's DTLS-SRTP offer is
 * answered by {@code vg.media.webrtc.open} (its SDP in the 200, the leg started with Opus), a plain RTP offer over
 * the same transport takes the ordinary path, and a refused or unanswerable WebRTC offer gets 488 / 503.
 */
class SipOverWebSocketTest {
  static final String ANSWER_SDP = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0",
      "a=ice-lite", "m=audio 40000 UDP/TLS/RTP/SAVPF 111 110", "c=IN IP4 127.0.0.1", "a=setup:passive",
      "a=rtpmap:111 opus/48000/2", "a=rtpmap:110 telephone-event/48000", "") + "\r\n";

  private GatewayUnderTest gw;
  private int wsPort;
  private int wssPort;
  private final ConcurrentLinkedQueue<WebRtcCommands.MediaOffer> webRtcOffers = new ConcurrentLinkedQueue<>();
  private volatile int webRtcFailure;

  @BeforeEach
  void start() throws Exception {
    wsPort = FreePorts.udpAndTcp();
    wssPort = FreePorts.udpAndTcp();
    int rtp = FreePorts.block(100);
    gw = new GatewayUnderTest(ConfigLoader.parse(String.join("\n",
        "media:",
        "  sip_port: " + FreePorts.udpAndTcp(),
        "  sip_transport: [udp, ws, wss]",
        "  sip_ws_port: " + wsPort,
        "  sip_wss_port: " + wssPort,
        "  sip_tls_cert: " + resource("config/test-cert.pem"),
        "  sip_tls_key: " + resource("config/test-key.pem"),
        "  bind_address: 127.0.0.1",
        "  rtp_port_range: " + rtp + "-" + (rtp + 99), ""), Map.of()));
    gw.vertx.eventBus().<WebRtcCommands.MediaOffer>consumer(Addresses.MEDIA_WEBRTC_OPEN, msg -> {
      webRtcOffers.add(msg.body());
      if (webRtcFailure != 0) {
        msg.fail(webRtcFailure, "refused by the test");
      } else {
        msg.reply(new WebRtcCommands.MediaAnswer(msg.body().legId(), 40000, ANSWER_SDP, 111, 110));
      }
    });
  }

  private static String resource(String name) throws Exception {
    return Path.of(SipOverWebSocketTest.class.getClassLoader().getResource(name).toURI()).toString();
  }

  @AfterEach
  void stop() throws Exception {
    gw.close();
  }

  @Test
  void webRtcOfferIsAnsweredByTheMediaSideAndTheLegRunsOpus() throws Exception {
    try (WsSipClient phone = new WsSipClient("ws://127.0.0.1:" + wsPort)) {
      assertEquals("sip", phone.subprotocol());
      Dialog call = new Dialog();
      phone.send(call.invite(WEBRTC_OFFER));
      String ok = phone.awaitStatus(200);
      assertEquals(ANSWER_SDP, WsSipClient.body(ok));
      assertTrue(WsSipClient.header(ok, "Contact").contains("transport=ws"), ok);

      WebRtcCommands.MediaOffer offer = webRtcOffers.peek();
      assertEquals(WEBRTC_OFFER.replace("\n", "\r\n"), offer.sdp());
      MediaCommands.LegStart start = gw.media.starts.stream().filter(s -> s.legId().equals(offer.legId()))
          .findFirst().orElseThrow();
      assertEquals(CodecType.OPUS, start.codec());
      assertEquals(111, start.payloadType());
      assertEquals(110, start.dtmfPayloadType());
      assertNull(start.remoteHost(), "the leg sends where ICE nominated");
      assertTrue(gw.media.opens.stream().noneMatch(o -> o.legId().equals(offer.legId())), "no plain RTP port");

      phone.send(call.ack(ok));
      phone.send(call.bye(ok));
      phone.awaitStatus(200);
      assertTrue(GatewayUnderTest.eventually(5,
          () -> gw.media.closes.stream().anyMatch(c -> c.legId().equals(offer.legId()))), "browser leg closed");
    }
  }

  @Test
  void secureWebSocketCarriesTheSameCall() throws Exception {
    try (WsSipClient phone = WsSipClient.secure("wss://127.0.0.1:" + wssPort)) {
      Dialog call = new Dialog("wss", wssPort);
      phone.send(call.invite(WEBRTC_OFFER));
      String ok = phone.awaitStatus(200);
      assertEquals(ANSWER_SDP, WsSipClient.body(ok));
      assertTrue(WsSipClient.header(ok, "Contact").contains("transport=wss"), ok);
      assertTrue(WsSipClient.header(ok, "Via").startsWith("SIP/2.0/WSS"), ok);
      phone.send(call.ack(ok));
      phone.send(call.bye(ok));
      phone.awaitStatus(200);
    }
  }

  @Test
  void plainRtpOfferOverWebSocketTakesTheOrdinaryPath() throws Exception {
    try (WsSipClient phone = new WsSipClient("ws://127.0.0.1:" + wsPort)) {
      Dialog call = new Dialog();
      phone.send(call.invite(PLAIN_OFFER));
      String ok = phone.awaitStatus(200);
      assertTrue(WsSipClient.body(ok).contains("m=audio ") && WsSipClient.body(ok).contains(" RTP/AVP 0"), ok);
      assertTrue(webRtcOffers.isEmpty());
      assertEquals(1, gw.media.opens.size());
      phone.send(call.ack(ok));
      phone.send(call.bye(ok));
      phone.awaitStatus(200);
    }
  }

  @Test
  void refusedWebRtcOfferIs488AndNoPortOneIs503() throws Exception {
    try (WsSipClient phone = new WsSipClient("ws://127.0.0.1:" + wsPort)) {
      webRtcFailure = 400;
      phone.send(new Dialog().invite(WEBRTC_OFFER));
      String refused = phone.awaitStatus(488);
      assertTrue(WsSipClient.header(refused, "Warning").contains("WebRTC"), refused);
      webRtcFailure = 503;
      phone.send(new Dialog().invite(WEBRTC_OFFER));
      String busy = phone.awaitStatus(503);
      assertEquals("5", WsSipClient.header(busy, "Retry-After"));
      assertTrue(gw.media.starts.isEmpty(), "nothing started");
    }
  }

  static final String WEBRTC_OFFER = String.join("\n", "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-",
      "t=0 0", "a=group:BUNDLE 0", "a=msid-semantic: WMS", "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 110 126",
      "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0", "a=ice-ufrag:Gt4b", "a=ice-pwd:0123456789abcdefghijklmn",
      "a=fingerprint:sha-256 "
          + "4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF",
      "a=setup:actpass", "a=mid:0", "a=sendrecv", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2",
      "a=fmtp:111 minptime=10;useinbandfec=1", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000",
      "a=rtpmap:110 telephone-event/48000", "a=rtpmap:126 telephone-event/8000", "");

  static final String PLAIN_OFFER = String.join("\n", "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1",
      "t=0 0", "m=audio 30000 RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000",
      "a=sendrecv", "");

  /** One call of the phone, written as JsSIP writes it (Via WS, a made-up .invalid host). */
  private final class Dialog {
    private final String callId = UUID.randomUUID().toString();
    private final String fromTag = "ft" + callId.substring(0, 8);
    private final String transport;
    private final int port;

    Dialog() {
      this("ws", wsPort);
    }

    Dialog(String transport, int port) {
      this.transport = transport;
      this.port = port;
    }

    String invite(String sdp) {
      return request("INVITE", "sip:echo@127.0.0.1:" + port + ";transport=" + transport, 1, null,
          "Contact: <sip:k3l2@df7jal23ls0d.invalid;transport=" + transport + ";ob>\nContent-Type: application/sdp\n",
          sdp);
    }

    String ack(String ok) {
      return request("ACK", contactUri(ok), 1, toHeader(ok), "", "");
    }

    String bye(String ok) {
      return request("BYE", contactUri(ok), 2, toHeader(ok), "", "");
    }

    private String request(String method, String uri, int cseq, String to, String extra, String body) {
      String branch = "z9hG4bK" + UUID.randomUUID().toString().substring(0, 12);
      return method + " " + uri + " SIP/2.0\n"
          + "Via: SIP/2.0/" + transport.toUpperCase(java.util.Locale.ROOT) + " df7jal23ls0d.invalid;branch=" + branch
          + "\n"
          + "Max-Forwards: 69\n"
          + "To: " + (to == null ? "<sip:echo@127.0.0.1>" : to) + "\n"
          + "From: <sip:webphone@127.0.0.1>;tag=" + fromTag + "\n"
          + "Call-ID: " + callId + "\n"
          + "CSeq: " + cseq + " " + (method.equals("ACK") ? "ACK" : method) + "\n"
          + extra
          + "Content-Length: " + body.replace("\n", "\r\n").length() + "\n\n" + body;
    }

    private String toHeader(String ok) {
      return WsSipClient.header(ok, "To");
    }

    private String contactUri(String ok) {
      String contact = WsSipClient.header(ok, "Contact");
      return contact.substring(contact.indexOf('<') + 1, contact.indexOf('>'));
    }
  }
}
