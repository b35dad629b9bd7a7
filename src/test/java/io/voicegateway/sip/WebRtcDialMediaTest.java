package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.bus.WebRtcCommands;
import io.voicegateway.codec.CodecType;
import io.voicegateway.control.Call;
import io.voicegateway.sip.sdp.MediaDirection;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpNegotiationException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SIP side of a call to a WebRTC phone against a faked media side on a real event bus: the offer is the media
 * side's, the answer goes back to it and becomes the leg's media (the codec it read, no remote address), and a refused
 * answer fails the dial with 488 and closes the leg's media.
 */
class WebRtcDialMediaTest {
  private static final String OFFER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=ice-lite\r\n";
  private static final String ANSWER = String.join("\r\n", "v=0", "o=- 2 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
      "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 110 126", "c=IN IP4 0.0.0.0", "a=setup:active", "a=sendrecv",
      "a=rtcp-mux", "a=rtpmap:111 opus/48000/2", "a=rtpmap:110 telephone-event/48000", "") + "\r\n";

  private final List<MediaCommands.LegClose> closes = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private WebRtcDialMedia dial;
  private SipLeg leg;
  private volatile String refusal;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    BusCodecs.registerAll(vertx);
    var bus = vertx.eventBus();
    get(bus.<WebRtcCommands.OfferRequest>consumer(Addresses.MEDIA_WEBRTC_MAKE_OFFER,
        m -> m.reply(new WebRtcCommands.OwnOffer(m.body().legId(), 40000, OFFER))).completion());
    get(bus.<WebRtcCommands.PeerAnswer>consumer(Addresses.MEDIA_WEBRTC_ACCEPT_ANSWER, m -> {
      if (refusal != null) {
        m.fail(488, refusal);
      } else {
        m.reply(new WebRtcCommands.AnswerAccepted(m.body().legId(), "OPUS", 111, 110));
      }
    }).completion());
    get(bus.<MediaCommands.LegClose>consumer(Addresses.MEDIA_LEG_CLOSE, m -> closes.add(m.body())).completion());
    Call call = new Call(CallDirection.INBOUND, "sip:bob@x", "sip:101@gw", "c@gw", Map.of(), 0);
    leg = SipLeg.outbound("d@gw", "t1");
    dial = new WebRtcDialMedia(new BusMedia(bus), call, leg);
  }

  @AfterEach
  void stop() throws Exception {
    get(vertx.close());
  }

  @Test
  void theOfferIsTheMediaSidesAndItsAnswerStartsTheLegWithTheCodecItRead() throws Exception {
    assertEquals(40000, get(dial.open()));
    assertTrue(leg.leg().mediaOpen());
    assertEquals(OFFER, dial.offer("192.0.2.1", 40000), "our SIP address does not change the media side's offer");
    NegotiatedMedia media = get(dial.accept(ANSWER));
    assertEquals(CodecType.OPUS, media.codec());
    assertEquals(111, media.payloadType());
    assertEquals(110, media.dtmfPayloadType());
    assertEquals(48000, media.dtmfClockRate());
    assertNull(media.remoteHost(), "the leg sends where ICE nominated");
    assertEquals(MediaDirection.SENDRECV, media.localDirection());
    assertNull(dial.early(ANSWER), "no early media from a WebRTC phone");
    assertTrue(closes.isEmpty());
  }

  @Test
  void aRefusedAnswerFailsTheDialWith488AndClosesTheLegsMedia() throws Exception {
    get(dial.open());
    refusal = "the answer says a=setup:passive";
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> get(dial.accept(ANSWER.replace("a=setup:active", "a=setup:passive"))));
    SdpNegotiationException refused = assertInstanceOf(SdpNegotiationException.class, e.getCause());
    assertEquals(488, refused.status());
    assertTrue(refused.getMessage().contains("a=setup:passive"), refused.getMessage());
    assertFalse(leg.leg().mediaOpen());
    org.awaitility.Awaitility.await().until(() -> closes.size() == 1);
    assertEquals(leg.id(), closes.get(0).legId());
  }

  private static <T> T get(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
