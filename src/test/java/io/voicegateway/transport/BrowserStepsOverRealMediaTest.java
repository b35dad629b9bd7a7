package io.voicegateway.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.voicegateway.browser.BrowserBusApi;
import io.voicegateway.browser.BrowserHarness;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.WebRtcCommands;
import io.voicegateway.bus.WebRtcCommands.MediaAnswer;
import io.voicegateway.bus.WebRtcCommands.PhoneEvent;
import io.voicegateway.codec.CodecType;
import io.voicegateway.control.CallState;
import io.voicegateway.media.LegMedia;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.TestMediaConfig;
import io.voicegateway.metrics.GatewayMetrics;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.webrtc.dtls.DtlsCertificate;
import io.voicegateway.webrtc.ice.Stun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The browser leg kind's three steps against the real RTP verticle: the page's offer opens a real browser leg (ICE,
 * DTLS with the in-JVM test browser), the link moves it into the call and starts it with Opus, and whatever ends it
 * (a hang-up, a refused handshake, lost consent) gives its port back. The monotonic clock is stepped by hand.
 */
class BrowserStepsOverRealMediaTest {
  private static final long MS = 1_000_000L;
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String PAGE = "page1";

  private final AtomicLong clock = new AtomicLong(1_000 * MS);
  private final List<PhoneEvent> pageEvents = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private MediaTransport media;
  private MediaEngine engine;
  private BrowserHarness h;
  private Context control;
  private int capacity;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    BusCodecs.registerAll(vertx);
    int base = FreePorts.block(40);
    media = MediaTransport.create(TestMediaConfig.gateway(base, base + 38).media(), GatewayMetrics.detached(),
        clock::get, java.time.Clock.systemUTC());
    engine = media.engine();
    get(vertx.deployVerticle(new RtpVerticle(media)));
    h = new BrowserHarness(vertx);
    control = vertx.getOrCreateContext();
    Promise<Void> registered = Promise.promise();
    control.runOnContext(v -> BrowserBusApi.register(vertx, h.signalling).<Void>mapEmpty().onComplete(registered));
    get(registered.future());
    get(vertx.eventBus().<PhoneEvent>consumer(Addresses.phone(PAGE), m -> pageEvents.add(m.body())).completion());
    capacity = engine.ports().available();
  }

  @AfterEach
  void stop() throws Exception {
    get(vertx.close());
  }

  private static <T> T get(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private <T> T ask(String address, Object request) throws Exception {
    return get(vertx.eventBus().<T>request(address, request)).body();
  }

  /** Step 2 with the test browser's offer; the browser takes in our answer and runs ICE. */
  private String offer(TestBrowser browser, String sessionId) throws Exception {
    WebRtcCommands.SessionAnswer answer = ask(Addresses.WEBRTC_OFFER,
        new WebRtcCommands.SessionOffer(PAGE, sessionId, browser.offer(TestBrowser.CERTIFICATE.fingerprint())));
    Matcher port = Pattern.compile("(?m)^m=audio (\\d+) ").matcher(answer.sdp());
    assertTrue(port.find(), answer.sdp());
    browser.answer(new MediaAnswer(null, Integer.parseInt(port.group(1)), answer.sdp(), TestBrowser.OPUS_PT,
        TestBrowser.EVENT_PT));
    assertEquals(Stun.BINDING_SUCCESS, browser.check().messageType());
    return answer.sdp();
  }

  private <T> T onControl(java.util.function.Supplier<T> read) throws Exception {
    Promise<T> result = Promise.promise();
    control.runOnContext(v -> result.complete(read.get()));
    return get(result.future());
  }

  @Test
  void theThreeStepsWireARealBrowserLegIntoTheCallAndTheHangUpFreesItsPort() throws Exception {
    try (TestBrowser browser = new TestBrowser()) {
      String callId = this.<WebRtcCommands.PhoneCallCreated>ask(Addresses.WEBRTC_CALL,
          new WebRtcCommands.PhoneCall(PAGE, "echo", Map.of())).callId();
      offer(browser, "s-1");
      browser.handshake(TestBrowser.CERTIFICATE);
      assertEquals(capacity - 1, engine.ports().available());

      WebRtcCommands.SessionLinked linked = ask(Addresses.WEBRTC_LINK,
          new WebRtcCommands.SessionLink(PAGE, "s-1", callId));

      assertEquals(callId, linked.callId());
      String legId = onControl(() -> h.calls.byId(callId).orElseThrow().legs().get(0).id());
      LegMedia leg = engine.leg(legId);
      assertEquals(callId, leg.callId(), "moved out of the session's call id");
      assertEquals(CallState.CONNECTED, onControl(() -> h.calls.byId(callId).orElseThrow().state()));
      assertEquals(CodecType.OPUS, onControl(() -> h.calls.byId(callId).orElseThrow().legs().get(0).codec()));

      get(onControl(() -> h.control.originate().hangUp(callId, "api")));

      await().atMost(WAIT).until(() -> engine.ports().available() == capacity);
      await().atMost(WAIT).until(() -> pageEvents.size() == 1);
      assertEquals(WebRtcCommands.PhoneEventType.ENDED, pageEvents.get(0).type());
      assertEquals(0, (int) onControl(() -> h.browsers.sessions()));
    }
  }

  @Test
  void aRefusedHandshakeEndsTheSessionSoALaterLinkFindsNothing() throws Exception {
    try (TestBrowser browser = new TestBrowser()) {
      String callId = this.<WebRtcCommands.PhoneCallCreated>ask(Addresses.WEBRTC_CALL,
          new WebRtcCommands.PhoneCall(PAGE, "echo", Map.of())).callId();
      offer(browser, "s-2");

      assertThrows(java.io.IOException.class, () -> browser.handshake(DtlsCertificate.generate("impostor")));

      await().atMost(WAIT).until(() -> pageEvents.size() == 1);
      assertTrue(pageEvents.get(0).reason().startsWith("media failed"), pageEvents.toString());
      assertEquals(capacity, engine.ports().available());
      Future<?> link = vertx.eventBus().request(Addresses.WEBRTC_LINK,
          new WebRtcCommands.SessionLink(PAGE, "s-2", callId));
      await().atMost(WAIT).until(link::isComplete);
      assertEquals(409, ((ReplyException) link.cause()).failureCode(), "link before (a working) offer");
    }
  }

  @Test
  void aBrowserGoneSilentLosesConsentAndItsCallEnds() throws Exception {
    try (TestBrowser browser = new TestBrowser()) {
      String callId = this.<WebRtcCommands.PhoneCallCreated>ask(Addresses.WEBRTC_CALL,
          new WebRtcCommands.PhoneCall(PAGE, "echo", Map.of())).callId();
      offer(browser, "s-3");
      browser.handshake(TestBrowser.CERTIFICATE);
      ask(Addresses.WEBRTC_LINK, new WebRtcCommands.SessionLink(PAGE, "s-3", callId));

      clock.addAndGet(31_000 * MS);

      await().atMost(WAIT).until(() -> pageEvents.size() == 1);
      assertEquals("consent lost", pageEvents.get(0).reason().substring(0, "consent lost".length()));
      assertEquals(callId, pageEvents.get(0).callId());
      assertTrue(onControl(() -> h.calls.byId(callId).isEmpty()), "the call with nobody left ended");
      assertEquals(capacity, engine.ports().available());
    }
  }
}
