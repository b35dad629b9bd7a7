package io.voicegateway.sip.trunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.voicegateway.bus.TrunkRegistrationEvent;
import io.voicegateway.bus.TrunkState;
import io.voicegateway.config.MediaConfig;
import io.voicegateway.it.support.TestConfigs;
import io.voicegateway.sip.auth.DigestClient;
import io.voicegateway.sip.auth.DigestCredentials;
import io.voicegateway.sip.stack.SipStackFactory;
import io.voicegateway.sip.stack.SipStackHandle;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SilentSipListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registration's protocol logic against a scripted registrar: each REGISTER it sends is answered here by
 * hand. Retry and refresh delays are an hour, so no timer fires during a test; the clock is fixed.
 */
class TrunkRegistrationTest {
  private static final long NOW = 1_000_000;
  private static final MediaConfig.Registration REG =
      new MediaConfig.Registration("sip:alice@trunk.test", "alice", "secret", "127.0.0.1:5999", 600);

  private static Vertx vertx;
  private static SipStackHandle sip;

  private final Deque<Sent> sent = new ArrayDeque<>();
  private final List<TrunkRegistrationEvent> events = new ArrayList<>();
  private TrunkRegistration trunk;

  private record Sent(Request request, Promise<Response> answer) {}

  @BeforeAll
  static void stack() throws Exception {
    vertx = Vertx.vertx();
    sip = SipStackFactory.create(TestConfigs.media(FreePorts.udpAndTcp(), List.of("udp"), null, null, List.of(),
        Duration.ofSeconds(30)), new SilentSipListener());
  }

  @AfterAll
  static void close() throws Exception {
    sip.stop();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void create() {
    RegistrationSchedule hourly = new RegistrationSchedule(3_600_000, 7_200_000);
    trunk = new TrunkRegistration(vertx, sip, REG, this::capture, hourly, events::add, () -> NOW);
  }

  private Future<Response> capture(Request request) {
    Promise<Response> p = Promise.promise();
    sent.add(new Sent(request, p));
    return p.future();
  }

  private Sent next() {
    Sent s = sent.poll();
    assertNotNull(s, "a REGISTER was sent");
    return s;
  }

  private Response reply(Sent s, int status, String... headers) throws Exception {
    Response r = sip.messages().createResponse(status, s.request());
    for (String h : headers) {
      int colon = h.indexOf(':');
      r.addHeader(sip.headers().createHeader(h.substring(0, colon), h.substring(colon + 1).trim()));
    }
    return r;
  }

  private static long cseq(Request r) {
    return ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
  }

  private static String callId(Request r) {
    return ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
  }

  private static String contactHostPort(Request r) {
    SipURI uri = (SipURI) ((ContactHeader) r.getHeader(ContactHeader.NAME)).getAddress().getURI();
    return uri.getHost() + ":" + uri.getPort();
  }

  private static final String CHALLENGE =
      "WWW-Authenticate: Digest realm=\"trunk.test\", nonce=\"n1\", algorithm=MD5, qop=\"auth\"";

  private void registerWithChallenge() throws Exception {
    trunk.start();
    Sent first = next();
    first.answer().complete(reply(first, 401, CHALLENGE));
    Sent second = next();
    second.answer().complete(reply(second, 200, "Expires: 120"));
  }

  @Test
  void answersTheChallengeOnTheSameCallIdWithTheNextCSeq() throws Exception {
    trunk.start();
    Sent first = next();
    assertEquals(Request.REGISTER, first.request().getMethod());
    assertEquals("sip:127.0.0.1:5999", first.request().getRequestURI().toString());
    assertEquals(600, first.request().getExpires().getExpires());
    assertNull(first.request().getHeader("Authorization"));
    first.answer().complete(reply(first, 401, CHALLENGE));

    Sent second = next();
    assertEquals(callId(first.request()), callId(second.request()));
    assertEquals(cseq(first.request()) + 1, cseq(second.request()));
    String auth = second.request().getHeader("Authorization").toString();
    DigestCredentials creds = DigestCredentials.parse(auth.substring(auth.indexOf(':') + 1).trim());
    assertEquals("alice", creds.username());
    assertEquals(DigestClient.response(creds.algorithm(), "alice", "trunk.test", "secret", "n1", creds.cnonce(),
        creds.nc(), "auth", "REGISTER", "sip:127.0.0.1:5999"), creds.response());

    second.answer().complete(reply(second, 200, "Expires: 120"));
    assertEquals(TrunkState.REGISTERED, trunk.state());
    assertEquals(NOW + 120_000, trunk.snapshot().expiresAtMs());
    assertEquals(List.of(TrunkState.REGISTERING, TrunkState.REGISTERED), events.stream().map(TrunkRegistrationEvent::state).toList());
  }

  @Test
  void aProxyChallengeIsAnsweredWithProxyAuthorization() throws Exception {
    trunk.start();
    Sent first = next();
    first.answer().complete(reply(first, 407,
        "Proxy-Authenticate: Digest realm=\"proxy.test\", nonce=\"p1\", algorithm=MD5"));
    Sent second = next();
    assertNull(second.request().getHeader("Authorization"));
    assertTrue(second.request().getHeader("Proxy-Authorization").toString().contains("realm=\"proxy.test\""));
    second.answer().complete(reply(second, 200));
    assertEquals(TrunkState.REGISTERED, trunk.state());
    assertEquals(NOW + 600_000, trunk.snapshot().expiresAtMs()); // no expiry in the 2xx: the one we asked for
  }

  @Test
  void theContactExpiresParameterWinsOverTheExpiresHeader() throws Exception {
    trunk.start();
    Sent first = next();
    String ours = contactHostPort(first.request());
    first.answer().complete(reply(first, 200, "Contact: <sip:alice@" + ours + ">;expires=45", "Expires: 900"));
    assertEquals(NOW + 45_000, trunk.snapshot().expiresAtMs());
  }

  @Test
  void refusedCredentialsFailWithTheFirstBackOff() throws Exception {
    trunk.start();
    Sent first = next();
    first.answer().complete(reply(first, 401, CHALLENGE));
    Sent second = next();
    second.answer().complete(reply(second, 401, CHALLENGE));

    assertTrue(sent.isEmpty(), "no third REGISTER for the same attempt");
    assertEquals(TrunkState.FAILED, trunk.state());
    TrunkRegistrationEvent failed = trunk.snapshot();
    assertEquals("401 Unauthorized", failed.lastError());
    assertEquals(NOW + 3_600_000, failed.nextRetryAtMs());
  }

  @Test
  void aStaleNonceIsAnsweredOnceMore() throws Exception {
    trunk.start();
    Sent first = next();
    first.answer().complete(reply(first, 401, CHALLENGE));
    Sent second = next();
    second.answer().complete(reply(second, 401,
        "WWW-Authenticate: Digest realm=\"trunk.test\", nonce=\"n2\", algorithm=MD5, qop=\"auth\", stale=true"));
    Sent third = next();
    assertTrue(third.request().getHeader("Authorization").toString().contains("nonce=\"n2\""));
    third.answer().complete(reply(third, 200));
    assertEquals(TrunkState.REGISTERED, trunk.state());
  }

  @Test
  void aTimeoutFailsAndSchedulesARetry() throws Exception {
    trunk.start();
    next().answer().fail("REGISTER timed out");
    assertEquals(TrunkState.FAILED, trunk.state());
    assertEquals("no answer: REGISTER timed out", trunk.snapshot().lastError());
    assertEquals(NOW + 3_600_000, trunk.snapshot().nextRetryAtMs());
  }

  @Test
  void intervalTooBriefRetriesWithMinExpires() throws Exception {
    trunk.start();
    Sent first = next();
    first.answer().complete(reply(first, 423, "Min-Expires: 1800"));
    Sent second = next();
    assertEquals(1800, second.request().getExpires().getExpires());
    second.answer().complete(reply(second, 200));
    assertEquals(NOW + 1_800_000, trunk.snapshot().expiresAtMs());
  }

  @Test
  void intervalTooBriefAfterTheChallengeAnswerIsStillHonoured() throws Exception {
    trunk.start();
    Sent first = next();
    first.answer().complete(reply(first, 401, CHALLENGE));
    Sent second = next();
    second.answer().complete(reply(second, 423, "Min-Expires: 1800"));
    Sent third = next();
    assertEquals(1800, third.request().getExpires().getExpires());
    assertTrue(third.request().getHeader("Authorization").toString().contains("nc=00000002"));
    third.answer().complete(reply(third, 200));
    assertEquals(TrunkState.REGISTERED, trunk.state());
  }

  @Test
  void viaReceivedAndRportReRegisterOnThePublicAddress() throws Exception {
    trunk.start();
    Sent first = next();
    assertTrue(first.request().getHeader(ViaHeader.NAME).toString().contains("rport"), "asks for rport");
    Response natted = reply(first, 200);
    ViaHeader via = (ViaHeader) natted.getHeader(ViaHeader.NAME);
    via.setReceived("203.0.113.7");
    via.setParameter("rport", "40000");
    String privateContact = contactHostPort(first.request());
    first.answer().complete(natted);

    Sent removal = next();
    assertEquals(privateContact, contactHostPort(removal.request()), "the unreachable binding is removed first");
    assertEquals(0, removal.request().getExpires().getExpires());
    assertTrue(sent.isEmpty(), "one REGISTER at a time on the Call-ID");
    removal.answer().complete(reply(removal, 200));

    Sent second = next();
    assertEquals("203.0.113.7:40000", contactHostPort(second.request()));
    assertEquals("203.0.113.7:40000", trunk.publicAddress());
    Response again = reply(second, 200);
    ViaHeader via2 = (ViaHeader) again.getHeader(ViaHeader.NAME);
    via2.setReceived("203.0.113.7");
    via2.setParameter("rport", "40000");
    second.answer().complete(again);
    assertTrue(sent.isEmpty(), "no loop once the Contact matches");
    assertEquals(TrunkState.REGISTERED, trunk.state());
  }

  @Test
  void stopRemovesTheBindingWithCredentials() throws Exception {
    registerWithChallenge();
    Future<Void> stopped = trunk.stop();
    Sent unregister = next();
    assertEquals(0, unregister.request().getExpires().getExpires());
    assertTrue(unregister.request().getHeader("Authorization").toString().contains("nonce=\"n1\""));
    assertTrue(unregister.request().getHeader("Authorization").toString().contains("nc=00000002"));
    unregister.answer().complete(reply(unregister, 200));
    assertTrue(stopped.succeeded());
    assertEquals(TrunkState.STOPPED, trunk.state());
  }

  @Test
  void stopBeforeAnyBindingSendsNothing() {
    trunk.start();
    next();
    assertTrue(trunk.stop().succeeded());
    assertTrue(sent.isEmpty());
  }

  /** The stack needs a listener; these tests answer by hand instead. */
}
