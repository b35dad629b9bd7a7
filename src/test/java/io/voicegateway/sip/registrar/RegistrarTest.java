package io.voicegateway.sip.registrar;

import io.voicegateway.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.DeviceConfig;
import io.voicegateway.sip.auth.DigestAlgorithm;
import io.voicegateway.sip.auth.DigestChallenge;
import io.voicegateway.sip.auth.DigestClient;
import io.voicegateway.sip.auth.DigestServer;
import io.voicegateway.testing.NistSip;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.header.ContactHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registrar's logic on parsed messages, without a network: a scripted phone against it. */
class RegistrarTest {
  private static final String URI = "sip:127.0.0.1:5060";
  private static final Source PHONE = new Source("127.0.0.1", 40000, "udp");

  private final FakeClock clock = new FakeClock();
  private final Bindings bindings = new Bindings(clock);
  private MessageFactory messages;
  private Registrar registrar;
  private final List<String> failedHosts = new ArrayList<>();
  private int cseq;

  @BeforeEach
  void setUp() throws Exception {
    messages = NistSip.messages();
    DeviceDirectory directory = new ConfiguredDevices(List.of(
        new DeviceConfig("alice", "alice", "wonderland", "101"),
        new DeviceConfig("bob", "bob", "builder", null)));
    DigestServer digest = new DigestServer("gw", "0123456789abcdef0123456789abcdef".getBytes(),
        Duration.ofMinutes(5), DigestAlgorithm.MD5, clock);
    RegistrarPolicy policy = new RegistrarPolicy(60, 3600, 3600, 3, Duration.ofMinutes(5), 3,
        Duration.ofMinutes(1), Duration.ofMinutes(5));
    DeviceAuthenticator devices = new DeviceAuthenticator(directory, digest,
        new AuthThrottle(3, Duration.ofMinutes(1), Duration.ofMinutes(5), clock));
    devices.reportFailuresTo(failedHosts::add);
    registrar = new Registrar(devices, bindings, policy, messages, NistSip.headers(), NistSip.addresses());
  }

  private Request register(String user, String authorization, String... extraHeaders) throws Exception {
    StringBuilder sb = new StringBuilder("REGISTER " + URI + " SIP/2.0\r\n")
        .append("Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK").append(++cseq).append("\r\n")
        .append("Max-Forwards: 70\r\n")
        .append("From: <sip:").append(user).append("@127.0.0.1>;tag=abc\r\n")
        .append("To: <sip:").append(user).append("@127.0.0.1>\r\n")
        .append("Call-ID: reg-1@10.0.0.2\r\n")
        .append("CSeq: ").append(cseq).append(" REGISTER\r\n");
    if (authorization != null) {
      sb.append("Authorization: ").append(authorization).append("\r\n");
    }
    for (String h : extraHeaders) {
      sb.append(h).append("\r\n");
    }
    return messages.createRequest(sb.append("Content-Length: 0\r\n\r\n").toString());
  }

  /** Challenge then answer, as a phone does; returns the final response. */
  private Response authed(String user, String password, String... extraHeaders) throws Exception {
    Response challenge = registrar.handle(register(user, null, extraHeaders), PHONE);
    assertEquals(401, challenge.getStatusCode());
    return answer(challenge, user, password, extraHeaders);
  }

  private Response answer(Response challenge, String user, String password, String... extraHeaders)
      throws Exception {
    String value = ((gov.nist.javax.sip.header.SIPHeader) challenge.getHeader(WWWAuthenticateHeader.NAME))
        .getHeaderValue();
    String auth = DigestClient.authorize(DigestChallenge.parse(value), "REGISTER", URI, user, password, "c0ffee", 1)
        .toHeaderValue();
    return registrar.handle(register(user, auth, extraHeaders), PHONE);
  }

  private static List<String> contactsWithExpiry(Response r) {
    List<String> out = new ArrayList<>();
    ListIterator<?> it = r.getHeaders(ContactHeader.NAME);
    while (it.hasNext()) {
      ContactHeader c = (ContactHeader) it.next();
      out.add(c.getAddress().getURI() + ";expires=" + c.getExpires());
    }
    return out;
  }

  @Test
  void challengesThenBindsTheContactWithItsSource() throws Exception {
    Response ok = authed("alice", "wonderland", "Contact: <sip:alice@10.0.0.2:5060>", "Expires: 600");
    assertEquals(200, ok.getStatusCode());
    assertEquals(List.of("sip:alice@10.0.0.2:5060;expires=600"), contactsWithExpiry(ok));
    assertNotNull(ok.getHeader("Date"));
    Binding b = registrar.contactsOf("101").get(0);
    assertEquals(PHONE, b.source(), "NAT: the address it really came from");
    assertEquals(b, registrar.contactsOf("alice").get(0));
  }

  @Test
  void aCapturedRegisterReplayedFromElsewhereOrWithItsNonceCountAgainBindsNothing() throws Exception {
    Response challenge = registrar.handle(register("alice", null), PHONE);
    String value = ((gov.nist.javax.sip.header.SIPHeader) challenge.getHeader(WWWAuthenticateHeader.NAME))
        .getHeaderValue();
    String auth = DigestClient.authorize(DigestChallenge.parse(value), "REGISTER", URI, "alice", "wonderland",
        "c0ffee", 1).toHeaderValue();
    assertEquals(200, registrar.handle(register("alice", auth, "Contact: <sip:alice@10.0.0.2>"), PHONE)
        .getStatusCode());
    Source attacker = new Source("127.0.0.2", 5060, "udp");
    assertEquals(401, registrar.handle(register("alice", auth, "Contact: <sip:mallory@127.0.0.2>"), attacker)
        .getStatusCode());
    assertEquals(401, registrar.handle(register("alice", auth, "Contact: <sip:mallory@127.0.0.2>"), PHONE)
        .getStatusCode());
    assertEquals(List.of("sip:alice@10.0.0.2"), registrar.contactsOf("alice").stream().map(Binding::contact)
        .toList());
  }

  @Test
  void lastSeenIsTheLastAcceptedRegisterAndOutlivesTheBinding() throws Exception {
    assertTrue(registrar.lastSeen("alice").isEmpty());
    authed("alice", "wonderland", "Contact: <sip:alice@10.0.0.2>", "Expires: 60");
    long first = clock.millis();
    assertEquals(first, registrar.lastSeen("101").getAsLong());
    clock.advance(Duration.ofSeconds(90));
    authed("alice", "guess", "Contact: <sip:alice@10.0.0.2>"); // refused: not seen
    assertTrue(registrar.contactsOf("alice").isEmpty());
    assertEquals(first, registrar.lastSeen("alice").getAsLong());
  }

  @Test
  void wrongPasswordAfterChallengeIs403AndBindsNothing() throws Exception {
    Response r = authed("alice", "guess", "Contact: <sip:alice@10.0.0.2>");
    assertEquals(403, r.getStatusCode());
    assertTrue(registrar.contactsOf("alice").isEmpty());
    assertEquals(List.of(PHONE.host()), failedHosts, "the failure is reported to the guards");
  }

  @Test
  void aRightPasswordIsNoFailure() throws Exception {
    assertEquals(200, authed("alice", "wonderland", "Contact: <sip:alice@10.0.0.2>").getStatusCode());
    assertTrue(failedHosts.isEmpty());
  }

  @Test
  void unknownUserIs403() throws Exception {
    assertEquals(403, authed("mallory", "x", "Contact: <sip:m@10.0.0.9>").getStatusCode());
  }

  @Test
  void expiredNonceWithRightPasswordIsChallengedStale() throws Exception {
    Response challenge = registrar.handle(register("alice", null), PHONE);
    clock.advance(Duration.ofMinutes(6));
    Response again = answer(challenge, "alice", "wonderland", "Contact: <sip:alice@10.0.0.2>");
    assertEquals(401, again.getStatusCode());
    assertTrue(again.getHeader(WWWAuthenticateHeader.NAME).toString().contains("stale=true"));
    assertEquals(200, answer(again, "alice", "wonderland", "Contact: <sip:alice@10.0.0.2>").getStatusCode());
  }

  @Test
  void anotherUsersAddressOfRecordIsRefused() throws Exception {
    Response challenge = registrar.handle(register("bob", null), PHONE);
    String value = ((gov.nist.javax.sip.header.SIPHeader) challenge.getHeader(WWWAuthenticateHeader.NAME))
        .getHeaderValue();
    String auth = DigestClient.authorize(DigestChallenge.parse(value), "REGISTER", URI, "alice", "wonderland",
        "c0ffee", 1).toHeaderValue();
    assertEquals(403, registrar.handle(register("bob", auth, "Contact: <sip:x@10.0.0.2>"), PHONE).getStatusCode());
  }

  @Test
  void tooBriefIntervalIs423WithMinExpires() throws Exception {
    Response r = authed("alice", "wonderland", "Contact: <sip:alice@10.0.0.2>;expires=30");
    assertEquals(423, r.getStatusCode());
    assertEquals(60, ((MinExpiresHeader) r.getHeader(MinExpiresHeader.NAME)).getExpires());
    assertTrue(registrar.contactsOf("alice").isEmpty());
  }

  @Test
  void longIntervalIsCappedAndContactParamBeatsExpiresHeader() throws Exception {
    Response r = authed("alice", "wonderland",
        "Contact: <sip:alice@10.0.0.2>;expires=99999, <sip:alice@10.0.0.3>", "Expires: 120");
    assertEquals(List.of("sip:alice@10.0.0.2;expires=3600", "sip:alice@10.0.0.3;expires=120"),
        contactsWithExpiry(r));
  }

  @Test
  void bindingsExpireAndTheOkListsRemainingTime() throws Exception {
    authed("alice", "wonderland", "Contact: <sip:alice@10.0.0.2>", "Expires: 120");
    clock.advance(Duration.ofSeconds(30));
    Response r = authed("alice", "wonderland", "Contact: <sip:alice@10.0.0.3>", "Expires: 300");
    assertEquals(List.of("sip:alice@10.0.0.2;expires=90", "sip:alice@10.0.0.3;expires=300"),
        contactsWithExpiry(r));
    clock.advance(Duration.ofSeconds(90));
    assertEquals(1, registrar.contactsOf("alice").size());
  }

  @Test
  void expiresZeroRemovesOneContactAndStarRemovesAll() throws Exception {
    authed("alice", "wonderland", "Contact: <sip:alice@10.0.0.2>, <sip:alice@10.0.0.3>", "Expires: 600");
    Response one = authed("alice", "wonderland", "Contact: <sip:alice@10.0.0.2>;expires=0");
    assertEquals(List.of("sip:alice@10.0.0.3;expires=600"), contactsWithExpiry(one));
    Response all = authed("alice", "wonderland", "Contact: *", "Expires: 0");
    assertEquals(200, all.getStatusCode());
    assertNull(all.getHeader(ContactHeader.NAME));
    assertTrue(registrar.contactsOf("alice").isEmpty());
  }

  @Test
  void starWithoutExpiresZeroIs400() throws Exception {
    assertEquals(400, authed("alice", "wonderland", "Contact: *", "Expires: 60").getStatusCode());
  }

  @Test
  void queryWithoutContactListsBindings() throws Exception {
    authed("alice", "wonderland", "Contact: <sip:alice@10.0.0.2>", "Expires: 600");
    Response r = authed("alice", "wonderland");
    assertEquals(List.of("sip:alice@10.0.0.2;expires=600"), contactsWithExpiry(r));
  }

  @Test
  void tooManyContactsIsRefused() throws Exception {
    Response r = authed("alice", "wonderland",
        "Contact: <sip:a@10.0.0.1>, <sip:a@10.0.0.2>, <sip:a@10.0.0.3>, <sip:a@10.0.0.4>");
    assertEquals(403, r.getStatusCode());
    assertTrue(registrar.contactsOf("alice").isEmpty());
  }

  @Test
  void repeatedFailuresBlockTheSourceWithoutChallenge() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertEquals(403, authed("alice", "guess", "Contact: <sip:alice@10.0.0.2>").getStatusCode());
    }
    Response blocked = registrar.handle(register("alice", null), PHONE);
    assertEquals(403, blocked.getStatusCode());
    assertNull(blocked.getHeader(WWWAuthenticateHeader.NAME), "no fresh nonce to guess against");
    assertEquals(401, registrar.handle(register("alice", null), new Source("127.0.0.2", 5060, "udp"))
        .getStatusCode(), "other sources still challenged");
    clock.advance(Duration.ofMinutes(5));
    assertEquals(200, authed("alice", "wonderland", "Contact: <sip:alice@10.0.0.2>").getStatusCode());
  }

  @Test
  void foreignNonceIsChallengedNotCountedAsFailure() throws Exception {
    String auth = "Digest username=\"alice\", realm=\"gw\", nonce=\"bm90LW91cnM\", uri=\"" + URI
        + "\", response=\"00000000000000000000000000000000\", algorithm=MD5";
    for (int i = 0; i < 5; i++) {
      assertEquals(401, registrar.handle(register("alice", auth), PHONE).getStatusCode());
    }
  }

  /** RFC 4475 §3.4.1 (regaut01): credentials in a scheme we do not speak are no credentials: a fresh challenge. */
  @Test
  void anUnknownAuthSchemeIsChallengedNotRefused() throws Exception {
    Response r = registrar.handle(register("alice", "NoOneKnowsThisScheme opaque-data=here"), PHONE);
    assertEquals(401, r.getStatusCode());
    assertNotNull(r.getHeader(WWWAuthenticateHeader.NAME), "with a fresh Digest challenge");
  }
}
