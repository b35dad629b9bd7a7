package io.voicegateway.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.VertxExtension;
import io.voicegateway.apps.AppsVerticle;
import io.voicegateway.apps.SpeechLike;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.LegDirection;
import io.voicegateway.bus.MediaCommands.AppAttach;
import io.voicegateway.bus.MediaCommands.DtmfSend;
import io.voicegateway.bus.MediaCommands.LegClose;
import io.voicegateway.bus.MediaCommands.LegMove;
import io.voicegateway.bus.MediaCommands.LegStart;
import io.voicegateway.bus.WebRtcCommands;
import io.voicegateway.bus.WebRtcCommands.AnswerAccepted;
import io.voicegateway.bus.WebRtcCommands.MediaAnswer;
import io.voicegateway.bus.WebRtcCommands.MediaOffer;
import io.voicegateway.bus.WebRtcCommands.MediaReoffer;
import io.voicegateway.bus.WebRtcCommands.MediaState;
import io.voicegateway.bus.WebRtcCommands.OfferRequest;
import io.voicegateway.bus.WebRtcCommands.OwnOffer;
import io.voicegateway.bus.WebRtcCommands.PeerAnswer;
import io.voicegateway.bus.WebRtcCommands.TransportState;
import io.voicegateway.codec.CodecType;
import io.voicegateway.media.LegMedia;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.Mixer;
import io.voicegateway.media.TestMediaConfig;
import io.voicegateway.media.codec.AudioDecoder;
import io.voicegateway.media.codec.AudioEncoder;
import io.voicegateway.media.codec.Codecs;
import io.voicegateway.media.codec.OpusSettings;
import io.voicegateway.media.rtp.RtpPacket;
import io.voicegateway.metrics.GatewayMetrics;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.webrtc.dtls.DtlsCertificate;
import io.voicegateway.webrtc.ice.Stun;
import io.voicegateway.webrtc.ice.StunMessage;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A browser leg over loopback against the real RTP verticle: the offer answered, ICE checked, DTLS done with a
 * Bouncy Castle client, SRTP Opus into the leg, through the mixer's echo app and back out SRTP-protected. The
 * monotonic clock is a fake stepped 20 ms per packet (it stamps arrivals, drives the mixer and ages consent).
 */
@ExtendWith(VertxExtension.class)
class WebRtcLegSocketTest {
  private static final long MS = 1_000_000L;
  private static final int RATE = 48000;
  private static final int FRAME = 960;
  private static final int FRAMES = 250; // 5 s
  private static final String SESSION = "s-1";
  private static final String PENDING = WebRtcCommands.sessionCallId(SESSION);
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final AtomicLong clock = new AtomicLong(1_000 * MS);
  private final List<MediaState> states = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private MediaTransport media;
  private MediaEngine engine;
  private Mixer mixer;
  private int capacity;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    BusCodecs.registerAll(vertx);
    int base = FreePorts.block(40);
    media = MediaTransport.create(TestMediaConfig.gateway(base, base + 38).media(), GatewayMetrics.detached(),
        clock::get, java.time.Clock.systemUTC());
    engine = media.engine();
    mixer = new Mixer(engine.servePartition(0));
    vertx.eventBus().<MediaState>consumer(Addresses.MEDIA_WEBRTC_EVENTS, m -> states.add(m.body()));
    get(vertx.deployVerticle(new RtpVerticle(media)));
    get(vertx.deployVerticle(new AppsVerticle(engine)));
    capacity = engine.ports().available();
  }

  @AfterEach
  void stop() throws Exception {
    get(vertx.close());
  }

  @Test
  void opusFromTheBrowserComesBackThroughTheEchoAppOverSrtp() throws Exception {
    try (TestBrowser browser = new TestBrowser()) {
      MediaAnswer answer = open(browser, "b-1");
      assertEquals(capacity - 1, engine.ports().available(), "one port per browser leg");
      assertEquals(TestBrowser.OPUS_PT, answer.payloadType());
      assertEquals(TestBrowser.EVENT_PT, answer.dtmfPayloadType());
      assertTrue(answer.sdp().contains("a=candidate:1 1 udp 2130706431 127.0.0.1 " + answer.port() + " typ host"),
          answer.sdp());
      assertEquals(media.webRtcLegs().certificate().fingerprint(), browser.gatewayFingerprint(),
          "the process's one certificate");
      assertTrue(answer.sdp().contains("useinbandfec=1"));

      StunMessage response = browser.check();
      assertEquals(Stun.BINDING_SUCCESS, response.messageType());
      assertTrue(response.integrityMatches(browser.gatewayKey()), "signed with our ice-pwd");
      assertEquals(browser.address(), response.xorMappedAddress());
      browser.handshake(TestBrowser.CERTIFICATE);
      awaitState("b-1", TransportState.CONNECTED);
      assertEquals(PENDING, states.get(0).callId(), "opened under the session's call id");

      // Step 3 as the browser leg kind does it: into the call, started with Opus.
      get(vertx.eventBus().request(Addresses.MEDIA_LEG_MOVE, new LegMove(PENDING, "call-1", "b-1")));
      get(vertx.eventBus().request(Addresses.APPS_ATTACH, new AppAttach("call-1", "echo")));
      get(vertx.eventBus().request(Addresses.MEDIA_LEG_START, new LegStart("call-1", "b-1", null, 0,
          CodecType.OPUS, answer.payloadType(), answer.dtmfPayloadType(), 20, LegDirection.SENDRECV)));
      LegMedia leg = engine.leg("b-1");
      assertEquals("call-1", leg.callId());

      short[] speech = SpeechLike.generate(FRAMES * FRAME, RATE);
      AudioEncoder encoder = Codecs.encoder(CodecType.OPUS, OpusSettings.DEFAULT);
      AudioDecoder heard = Codecs.decoder(CodecType.OPUS, OpusSettings.DEFAULT);
      short[] sent = new short[speech.length]; // what the gateway can at best hear: the browser's Opus, decoded
      byte[] out = new byte[1500];
      for (int f = 0; f < FRAMES; f++) {
        long now = clock.addAndGet(20 * MS);
        RtpPacket.writeHeader(out, 0, f == 0, TestBrowser.OPUS_PT, 1000 + f, 5000L + (long) f * FRAME, 0x11223344L);
        int len = encoder.encode(speech, f * FRAME, FRAME, out, 12);
        heard.decode(out, 12, len, sent, f * FRAME);
        browser.sendRtp(out, 12 + len);
        int expected = f + 1;
        await().atMost(WAIT).until(() -> leg.stats().packetsReceived() >= expected);
        mixer.tick(now);
      }
      Received back = receive(browser);
      assertTrue(back.packets >= FRAMES - 10, "echoed packets: " + back.packets);
      assertTrue(back.withFec > FRAMES / 2, "Opus with in-band FEC toward the browser: " + back.withFec);
      AudioMatch.Result match = AudioMatch.align(AudioMatch.resample(sent, RATE, 16000),
          AudioMatch.resample(back.pcm, RATE, 16000), 16000, 200, 200);
      System.out.println("browser echo over SRTP: " + match);
      assertTrue(match.medianCorrelation() >= 0.8, match.toString());
      assertEquals(0, leg.stats().invalidPackets());

      // Our SRTCP sender report comes every 5 s of the leg's clock, keyed like the RTP.
      clock.addAndGet(5_000 * MS);
      byte[] buf = new byte[2048];
      int n;
      do {
        n = browser.receiveMedia(buf, 10_000);
      } while (n > 0);
      assertTrue(n < 0, "an SRTCP report arrived and authenticated");
      assertEquals(200, buf[1] & 0xff, "a sender report");

      get(vertx.eventBus().request(Addresses.MEDIA_LEG_CLOSE, new LegClose("call-1", "b-1", "bye")));
      assertEquals(capacity, engine.ports().available(), "the port is back");
      assertEquals(0, media.webRtcLegs().size());
    }
  }

  @Test
  void aCertificateNotMatchingTheOffersFingerprintFailsTheLegAndFreesItsPort() throws Exception {
    try (TestBrowser browser = new TestBrowser()) {
      open(browser, "b-2");
      assertEquals(Stun.BINDING_SUCCESS, browser.check().messageType());
      DtlsCertificate another = DtlsCertificate.generate("impostor");

      assertThrows(java.io.IOException.class, () -> browser.handshake(another));

      MediaState failed = awaitState("b-2", TransportState.FAILED);
      assertEquals(PENDING, failed.callId());
      assertTrue(failed.reason().contains("fingerprint"), failed.reason());
      assertEquals(capacity, engine.ports().available(), "the port is back before FAILED is published");
      assertNull(engine.leg("b-2"));
      assertEquals(0, media.webRtcLegs().size());
    }
  }

  @Test
  void thirtySecondsWithoutACheckLoseConsentAndTheLeg() throws Exception {
    try (TestBrowser browser = new TestBrowser()) {
      connect(browser, "b-3");

      clock.addAndGet(29_000 * MS);
      assertEquals(Stun.BINDING_SUCCESS, browser.check().messageType(), "still consenting: refreshed");
      clock.addAndGet(29_000 * MS);
      assertEquals(Stun.BINDING_SUCCESS, browser.check().messageType(), "29 s after the last check");
      clock.addAndGet(30_000 * MS);

      MediaState lost = awaitState("b-3", TransportState.CONSENT_LOST);
      assertTrue(lost.reason().contains("30 s"), lost.reason());
      assertEquals(capacity, engine.ports().available());
      assertNull(engine.leg("b-3"));
      assertEquals(2, states.size(), "CONNECTED, then CONSENT_LOST only: " + states);
    }
  }

  @Test
  void junkIsCountedAndDroppedWithoutALogLinePerPacket() throws Exception {
    List<LogRecord> logged = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.add(record);
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Logger transport = Logger.getLogger("io.voicegateway");
    try (TestBrowser browser = new TestBrowser(); DatagramSocket stranger = new DatagramSocket(0,
        InetAddress.getLoopbackAddress())) {
      MediaAnswer answer = open(browser, "b-4");
      byte[] early = new byte[100];
      early[0] = (byte) 0x80;
      browser.send(early, early.length); // SRTP-looking before any keys
      assertEquals(Stun.BINDING_SUCCESS, browser.check().messageType());
      browser.handshake(TestBrowser.CERTIFICATE);
      awaitState("b-4", TransportState.CONNECTED);
      get(vertx.eventBus().request(Addresses.MEDIA_LEG_START, new LegStart(PENDING, "b-4", null, 0,
          CodecType.OPUS, answer.payloadType(), answer.dtmfPayloadType(), 20, LegDirection.SENDRECV)));
      LegMedia leg = engine.leg("b-4");
      await().atMost(WAIT).until(() -> leg.stats().invalidPackets() == 1);

      transport.addHandler(capture);
      int junk = 1;
      java.util.Random random = new java.util.Random(3);
      for (int i = 0; i < 200; i++) { // forged SRTP: a valid RTP header, random payload and tag
        byte[] forged = new byte[120];
        random.nextBytes(forged);
        RtpPacket.writeHeader(forged, 0, false, TestBrowser.OPUS_PT, i, i * 960L, 0x55667788L);
        browser.send(forged, forged.length);
        junk++;
      }
      browser.send(new byte[] {1, 2, 3}, 3); // too short for STUN
      browser.send(new byte[] {(byte) 0x40, 0, 0, 4, 1, 2, 3, 4}, 8); // TURN ChannelData
      browser.send(new byte[] {(byte) 0xF0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 12); // no protocol's range
      junk += 3;
      assertEquals(401, browser.check("wrongpassword0123456789012").errorCode(), "a check with another pwd");
      junk++;
      byte[] hello = {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
      stranger.send(new java.net.DatagramPacket(hello, hello.length, InetAddress.getLoopbackAddress(),
          answer.port())); // DTLS from an address ICE never checked
      junk++;
      int expectedInvalid = junk;
      await().atMost(WAIT).until(() -> leg.stats().invalidPackets() == expectedInvalid);
      assertEquals(0, leg.stats().packetsReceived());

      byte[] good = new byte[200];
      int len = RtpPacket.writeHeader(good, 0, true, TestBrowser.OPUS_PT, 7, 960, 0x11223344L);
      good[len] = (byte) 0xF8; // an Opus TOC: CELT fullband 20 ms, one frame
      browser.sendRtp(good, len + 3);
      await().atMost(WAIT).until(() -> leg.stats().packetsReceived() == 1);
      assertTrue(logged.isEmpty(), "no log line for junk: " + logged.size());
    } finally {
      transport.removeHandler(capture);
    }
  }

  @Test
  void badOffersAndUnknownLegsGetTheirStatusAndTakeNoPort() throws Exception {
    assertEquals(400, failure(vertx.eventBus().request(Addresses.MEDIA_WEBRTC_OPEN,
        new MediaOffer(PENDING, "b-5", "v=0\r\nm=audio 9 RTP/AVP 0\r\n"))));
    String noRtcpMux = TestBrowser.offer(TestBrowser.CERTIFICATE.fingerprint(), "brws",
        "browserpassword0123456789").replace("a=rtcp-mux\r\n", "");
    assertEquals(400, failure(vertx.eventBus().request(Addresses.MEDIA_WEBRTC_OPEN,
        new MediaOffer(PENDING, "b-5", noRtcpMux))), "no rtcp-mux: refused after binding, port freed");
    assertEquals(capacity, engine.ports().available());
    assertEquals(404, failure(vertx.eventBus().request(Addresses.MEDIA_WEBRTC_REOFFER,
        new MediaReoffer(PENDING, "nobody", TestBrowser.offer(TestBrowser.CERTIFICATE.fingerprint(), "brws",
            "browserpassword0123456789")))));
    try (TestBrowser browser = new TestBrowser()) {
      open(browser, "b-5");
      assertEquals(409, failure(vertx.eventBus().request(Addresses.MEDIA_WEBRTC_OPEN,
          new MediaOffer(PENDING, "b-5", browser.offer(TestBrowser.CERTIFICATE.fingerprint())))));
      assertEquals(capacity - 1, engine.ports().available());
    }
  }

  @Test
  void aReofferKeepsThePortAndAnIceRestartChangesTheCredentials() throws Exception {
    try (TestBrowser browser = new TestBrowser()) {
      MediaAnswer first = connect(browser, "b-6");

      MediaAnswer same = get(vertx.eventBus().<MediaAnswer>request(Addresses.MEDIA_WEBRTC_REOFFER,
          new MediaReoffer(PENDING, "b-6", browser.offer(TestBrowser.CERTIFICATE.fingerprint())))).body();
      assertEquals(first.port(), same.port());
      assertEquals(TestBrowser.attribute(first.sdp(), "ice-ufrag"), TestBrowser.attribute(same.sdp(), "ice-ufrag"));

      try (TestBrowser restarted = new TestBrowser("rstr", "restartedpassword0123456")) {
        MediaAnswer restart = get(vertx.eventBus().<MediaAnswer>request(Addresses.MEDIA_WEBRTC_REOFFER,
            new MediaReoffer(PENDING, "b-6", restarted.offer(TestBrowser.CERTIFICATE.fingerprint())))).body();
        assertEquals(first.port(), restart.port());
        assertNotEquals(TestBrowser.attribute(first.sdp(), "ice-ufrag"),
            TestBrowser.attribute(restart.sdp(), "ice-ufrag"));
        assertEquals(401, browser.check().errorCode(), "the old credentials are gone");
        restarted.answer(restart);
        assertEquals(Stun.BINDING_SUCCESS, restarted.check().messageType());
      }
      assertEquals(400, failure(vertx.eventBus().request(Addresses.MEDIA_WEBRTC_REOFFER,
          new MediaReoffer(PENDING, "b-6", browser.offer(DtlsCertificate.generate("other").fingerprint())))),
          "a new certificate mid-session");
    }
  }

  @Test
  void digitsReachTheBrowserAsRfc4733EventsOverSrtp() throws Exception {
    try (TestBrowser browser = new TestBrowser()) {
      MediaAnswer answer = connect(browser, "b-7");
      get(vertx.eventBus().request(Addresses.MEDIA_LEG_START, new LegStart(PENDING, "b-7", null, 0,
          CodecType.OPUS, answer.payloadType(), answer.dtmfPayloadType(), 20, LegDirection.SENDRECV)));

      get(vertx.eventBus().request(Addresses.MEDIA_DTMF_SEND, new DtmfSend(PENDING, "b-7", "5")));
      for (int f = 0; f < 20; f++) {
        mixer.tick(clock.addAndGet(20 * MS));
      }

      RtpPacket packet = new RtpPacket();
      byte[] buf = new byte[2048];
      int events = 0;
      for (int n = browser.receiveMedia(buf, 2000); n != 0; n = browser.receiveMedia(buf, 2000)) {
        if (n > 0 && packet.parse(buf, 0, n) && packet.payloadType() == TestBrowser.EVENT_PT) {
          assertEquals(5, buf[packet.payloadOffset()], "event 5");
          events++;
        }
      }
      assertTrue(events >= 3, "telephone-event packets: " + events);
    }
  }
  // ---- a call to a WebRTC phone: our own offer --------------------------------------------------------------------

  @Test
  void ourOfferIsAnsweredByTheBrowserWhichChecksAndHandshakesAsClient() throws Exception {
    try (TestBrowser browser = new TestBrowser()) {
      OwnOffer offer = get(vertx.eventBus().<OwnOffer>request(Addresses.MEDIA_WEBRTC_MAKE_OFFER,
          new OfferRequest("call-7", "p-1"))).body();
      assertEquals(capacity - 1, engine.ports().available(), "one port, taken while the phone rings");
      assertTrue(offer.sdp().contains("a=setup:actpass") && offer.sdp().contains("a=ice-lite"), offer.sdp());
      assertTrue(offer.sdp().contains(" 127.0.0.1 " + offer.port() + " typ host"), offer.sdp());
      browser.answer(new MediaAnswer("p-1", offer.port(), offer.sdp(), TestBrowser.OPUS_PT, TestBrowser.EVENT_PT));
      String answer = browser.offer(TestBrowser.CERTIFICATE.fingerprint()).replace("a=setup:actpass", "a=setup:active");

      AnswerAccepted accepted = get(vertx.eventBus().<AnswerAccepted>request(Addresses.MEDIA_WEBRTC_ACCEPT_ANSWER,
          new PeerAnswer("call-7", "p-1", answer))).body();
      assertEquals(new AnswerAccepted("p-1", "OPUS", TestBrowser.OPUS_PT, TestBrowser.EVENT_PT), accepted);
      assertEquals(Stun.BINDING_SUCCESS, browser.check().messageType(), "the browser's checks verified now");
      browser.handshake(TestBrowser.CERTIFICATE);
      assertEquals("call-7", awaitState("p-1", TransportState.CONNECTED).callId());
      assertEquals(409, failure(vertx.eventBus().request(Addresses.MEDIA_WEBRTC_MAKE_OFFER,
          new OfferRequest("call-7", "p-1"))));
      assertEquals(404, failure(vertx.eventBus().request(Addresses.MEDIA_WEBRTC_ACCEPT_ANSWER,
          new PeerAnswer("call-7", "p-1", answer))), "answered once");

      get(vertx.eventBus().request(Addresses.MEDIA_LEG_CLOSE, new LegClose("call-7", "p-1", "bye")));
      assertEquals(capacity, engine.ports().available(), "the port is back");
      assertEquals(0, media.webRtcLegs().size());
    }
  }

  @Test
  void aPassiveAnswerIsRefusedAndAnUnansweredOfferFreesItsPortOnClose() throws Exception {
    OwnOffer offer = get(vertx.eventBus().<OwnOffer>request(Addresses.MEDIA_WEBRTC_MAKE_OFFER,
        new OfferRequest("call-8", "p-2"))).body();
    String passive = TestBrowser.offer(TestBrowser.CERTIFICATE.fingerprint(), "brws", "browserpassword0123456789")
        .replace("a=setup:actpass", "a=setup:passive");
    assertEquals(488, failure(vertx.eventBus().request(Addresses.MEDIA_WEBRTC_ACCEPT_ANSWER,
        new PeerAnswer("call-8", "p-2", passive))));
    assertEquals(capacity, engine.ports().available(), "the refused answer freed port " + offer.port());
    assertNull(engine.leg("p-2"));
    assertEquals(0, media.webRtcLegs().size());

    // the phone never answers (CANCEL, 487, another phone took the call): the leg's close frees the port
    get(vertx.eventBus().request(Addresses.MEDIA_WEBRTC_MAKE_OFFER, new OfferRequest("call-8", "p-3")));
    assertEquals(capacity - 1, engine.ports().available());
    get(vertx.eventBus().request(Addresses.MEDIA_LEG_CLOSE, new LegClose("call-8", "p-3", "not answered")));
    assertEquals(capacity, engine.ports().available());
    assertEquals(404, failure(vertx.eventBus().request(Addresses.MEDIA_WEBRTC_ACCEPT_ANSWER,
        new PeerAnswer("call-8", "p-3", passive))));
  }



  private MediaAnswer open(TestBrowser browser, String legId) throws Exception {
    MediaAnswer answer = get(vertx.eventBus().<MediaAnswer>request(Addresses.MEDIA_WEBRTC_OPEN,
        new MediaOffer(PENDING, legId, browser.offer(TestBrowser.CERTIFICATE.fingerprint())))).body();
    assertEquals(legId, answer.legId());
    browser.answer(answer);
    return answer;
  }

  /** Open, one nominating check, the DTLS handshake as the offer's certificate: CONNECTED. */
  private MediaAnswer connect(TestBrowser browser, String legId) throws Exception {
    MediaAnswer answer = open(browser, legId);
    assertEquals(Stun.BINDING_SUCCESS, browser.check().messageType());
    browser.handshake(TestBrowser.CERTIFICATE);
    awaitState(legId, TransportState.CONNECTED);
    return answer;
  }

  private MediaState awaitState(String legId, TransportState state) {
    await().atMost(WAIT).until(() -> states.stream().anyMatch(s -> s.legId().equals(legId) && s.state() == state));
    return states.stream().filter(s -> s.legId().equals(legId) && s.state() == state).findFirst().orElseThrow();
  }

  /** What came back: decoded Opus placed by RTP timestamp, and how many packets carried FEC. */
  private record Received(short[] pcm, int packets, int withFec) {}

  private static Received receive(TestBrowser browser) throws Exception {
    short[] pcm = new short[FRAMES * FRAME];
    AudioDecoder decoder = Codecs.decoder(CodecType.OPUS, OpusSettings.DEFAULT);
    AudioDecoder fecProbe = Codecs.decoder(CodecType.OPUS, OpusSettings.DEFAULT);
    short[] scratch = new short[5760];
    RtpPacket packet = new RtpPacket();
    byte[] buf = new byte[2048];
    long firstTs = -1;
    int packets = 0;
    int withFec = 0;
    while (packets < FRAMES) {
      int n = browser.receiveMedia(buf, 2000);
      if (n == 0) {
        break;
      }
      if (n < 0) {
        continue; // SRTCP
      }
      assertTrue(packet.parse(buf, 0, n));
      assertEquals(TestBrowser.OPUS_PT, packet.payloadType());
      packets++;
      if (fecProbe.decodeFec(buf, packet.payloadOffset(), packet.payloadLength(), scratch, 0, FRAME) >= 0) {
        withFec++;
      }
      if (firstTs < 0) {
        firstTs = packet.timestamp();
      }
      int at = (int) ((packet.timestamp() - firstTs) & 0xffffffffL);
      if (at + FRAME <= pcm.length) {
        decoder.decode(buf, packet.payloadOffset(), packet.payloadLength(), pcm, at);
      }
    }
    return new Received(pcm, packets, withFec);
  }

  private static int failure(Future<?> request) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> request.toCompletionStage()
        .toCompletableFuture().get(20, TimeUnit.SECONDS));
    return ((ReplyException) e.getCause()).failureCode();
  }

  private static <T> T get(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
