package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.header.SIPHeader;
import io.voicegateway.control.route.CallSource;
import io.voicegateway.control.route.SourceClassifier;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.sip.auth.DigestAlgorithm;
import io.voicegateway.sip.auth.DigestChallenge;
import io.voicegateway.sip.auth.DigestClient;
import io.voicegateway.sip.auth.DigestServer;
import io.voicegateway.sip.registrar.AuthThrottle;
import io.voicegateway.sip.registrar.Bindings;
import io.voicegateway.sip.registrar.ConfiguredDevices;
import io.voicegateway.sip.registrar.DeviceAuthenticator;
import io.voicegateway.sip.registrar.Registrar;
import io.voicegateway.sip.registrar.RegistrarPolicy;
import io.voicegateway.sip.registrar.Source;
import io.voicegateway.sip.trunk.ProviderRegistrations;
import io.voicegateway.testing.FakeClock;
import io.voicegateway.testing.NistSip;
import java.time.Duration;
import java.util.Map;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who is calling, on parsed INVITEs without a network: trunks by address and registration, devices by digest. */
class InviteAuthenticatorTest {
  private static final String GW = "127.0.0.1:5060";
  private static final Source NOWHERE = new Source("192.0.2.66", 5060, "udp");
  private static final Source CARRIER = new Source("203.0.113.7", 5060, "udp");
  private static final Source PHONE = new Source("10.9.8.7", 40000, "udp");
  private static final int MAX_FAILURES = 3;

  private final FakeClock clock = new FakeClock();
  private final Bindings bindings = new Bindings(clock);
  private MessageFactory messages;
  private DeviceAuthenticator devices;
  private InviteAuthenticator auth;
  private Registrar registrar;
  private int cseq;

  @BeforeEach
  void setUp() throws Exception {
    messages = NistSip.messages();
    HeaderFactory headers = NistSip.headers();
    GatewayConfig config = ConfigLoader.parse("""
        media:
          registrations:
            - {uri: "sip:4930555@198.51.100.20", username: "4930555", password: p}
        providers:
          - {id: carrier1, host: sip.carrier.example, inbound_ips: [203.0.113.0/24]}
          - {id: carrier2, host: 198.51.100.30, username: c2user, password: p, register: true, inbound_ips: []}
        devices:
          - {id: alice, username: alice, password: wonderland, extension: "101"}
          - {id: bob, username: bob, password: builder}
        """, Map.of());
    DigestServer digest = new DigestServer("gw", "0123456789abcdef0123456789abcdef".getBytes(),
        Duration.ofMinutes(5), DigestAlgorithm.MD5, clock);
    devices = new DeviceAuthenticator(new ConfiguredDevices(config.devices()), digest,
        new AuthThrottle(MAX_FAILURES, Duration.ofMinutes(1), Duration.ofMinutes(5), clock));
    auth = new InviteAuthenticator(devices, bindings, new SourceClassifier(config.providers()),
        ProviderRegistrations.of(config), messages, headers);
    registrar = new Registrar(devices, bindings, RegistrarPolicy.defaults(), messages, headers,
        NistSip.addresses());
  }

  private Request invite(String fromUser, String requestUri, String... extraHeaders) throws Exception {
    StringBuilder sb = new StringBuilder("INVITE " + requestUri + " SIP/2.0\r\n")
        .append("Via: SIP/2.0/UDP 10.9.8.7:40000;branch=z9hG4bK").append(++cseq).append("\r\n")
        .append("Max-Forwards: 70\r\n")
        .append("From: <sip:").append(fromUser).append("@10.9.8.7>;tag=f").append(cseq).append("\r\n")
        .append("To: <").append(requestUri).append(">\r\n")
        .append("Call-ID: call-").append(cseq).append("@10.9.8.7\r\n")
        .append("CSeq: 1 INVITE\r\n")
        .append("Contact: <sip:").append(fromUser).append("@10.9.8.7:40000>\r\n");
    for (String h : extraHeaders) {
      sb.append(h).append("\r\n");
    }
    return messages.createRequest(sb.append("Content-Length: 0\r\n\r\n").toString());
  }

  private static String header(Response r, String name) {
    return ((SIPHeader) r.getHeader(name)).getHeaderValue();
  }

  /** Proxy-Authorization answering {@code challenge} (a 407's or a 401's) for an INVITE to {@code uri}. */
  private static String answer(Response challenge, String name, String uri, String user, String password) {
    return "Proxy-Authorization: " + DigestClient.authorize(DigestChallenge.parse(header(challenge, name)), "INVITE",
        uri, user, password, "c0ffee", 1).toHeaderValue();
  }

  private InviteAuthenticator.Decision call(String fromUser, Source source, String... headers) throws Exception {
    return auth.authenticate(invite(fromUser, "sip:0301234567@" + GW, headers), source);
  }

  private static void assertRefused(int status, InviteAuthenticator.Decision d) {
    assertFalse(d.admitted(), "refused");
    assertNull(d.source());
    assertEquals(status, d.refusal().getStatusCode(), d.refusal().toString());
    assertTrue(((javax.sip.header.ToHeader) d.refusal().getHeader("To")).getTag() != null, "a final response has our To tag");
  }

  @Test
  void aSourceInAProvidersInboundIpsIsThatTrunk() throws Exception {
    assertEquals(CallSource.trunk("carrier1"), call("4930999", CARRIER).source());
    // its credentials for another realm are the trunk's business, not a failed device login
    assertEquals(CallSource.trunk("carrier1"), call("alice", CARRIER,
        "Proxy-Authorization: Digest username=\"x\", realm=\"elsewhere\", nonce=\"n\", uri=\"sip:x@y\","
            + " response=\"00000000000000000000000000000000\"").source());
  }

  @Test
  void anInviteOnOurRegistrationFromThatTrunksHostIsThatTrunk() throws Exception {
    Source registrarHost = new Source("198.51.100.20", 5060, "udp");
    assertEquals(CallSource.trunk("registration-1"),
        auth.authenticate(invite("someone", "sip:4930555@" + GW), registrarHost).source());
    assertEquals(CallSource.trunk("carrier2"),
        auth.authenticate(invite("someone", "sip:c2user@" + GW), new Source("198.51.100.30", 5080, "udp")).source());
    // the right user from the wrong host, or another trunk's user from this host: not the trunk
    Source carrier2Host = new Source("198.51.100.30", 5060, "udp");
    assertEquals(CallSource.unknown(), auth.authenticate(invite("someone", "sip:c2user@" + GW), NOWHERE).source());
    assertEquals(CallSource.unknown(),
        auth.authenticate(invite("someone", "sip:4930555@" + GW), carrier2Host).source());
  }

  @Test
  void anUnknownSourceNamingNoDeviceIsUnknown() throws Exception {
    assertEquals(CallSource.unknown(), call("mallory", NOWHERE).source());
  }

  @Test
  void aDeviceWithoutCredentialsIsChallengedThenAdmittedWithTheRightPassword() throws Exception {
    Response challenge = call("alice", PHONE).refusal();
    assertRefused(407, call("alice", PHONE));
    assertTrue(header(challenge, "Proxy-Authenticate").startsWith("Digest realm=\"gw\""), challenge.toString());
    String uri = "sip:0301234567@" + GW;
    InviteAuthenticator.Decision d = call("alice", PHONE, answer(challenge, "Proxy-Authenticate", uri, "alice",
        "wonderland"));
    assertEquals(CallSource.device("alice"), d.source());
    // by extension in From, too
    assertRefused(407, call("101", PHONE));
  }

  @Test
  void wrongPasswordIs403AndEnoughOfThemBlockTheSource() throws Exception {
    Response challenge = call("alice", PHONE).refusal();
    String uri = "sip:0301234567@" + GW;
    for (int i = 0; i < MAX_FAILURES; i++) {
      assertRefused(403, call("alice", PHONE, answer(challenge, "Proxy-Authenticate", uri, "alice", "guess" + i)));
    }
    // blocked: 403 without a challenge, even for the right password or without credentials
    InviteAuthenticator.Decision blocked = call("alice", PHONE);
    assertRefused(403, blocked);
    assertNull(blocked.refusal().getHeader("Proxy-Authenticate"), "a guesser gets no fresh nonce");
    assertRefused(403, call("alice", PHONE, answer(challenge, "Proxy-Authenticate", uri, "alice", "wonderland")));
    // another source is not affected; the block lapses
    assertRefused(407, call("alice", new Source("10.9.8.8", 40000, "udp")));
    clock.advance(Duration.ofMinutes(6));
    assertRefused(407, call("alice", PHONE));
  }

  @Test
  void unknownUserWithCredentialsIs403() throws Exception {
    Response challenge = call("alice", NOWHERE).refusal();
    assertRefused(403, call("mallory", NOWHERE, answer(challenge, "Proxy-Authenticate",
        "sip:0301234567@" + GW, "mallory", "x")));
  }

  @Test
  void anExpiredNonceWithTheRightPasswordIsChallengedStale() throws Exception {
    Response challenge = call("alice", PHONE).refusal();
    clock.advance(Duration.ofMinutes(6));
    InviteAuthenticator.Decision d = call("alice", PHONE, answer(challenge, "Proxy-Authenticate",
        "sip:0301234567@" + GW, "alice", "wonderland"));
    assertRefused(407, d);
    assertTrue(header(d.refusal(), "Proxy-Authenticate").contains("stale=true"), d.refusal().toString());
  }

  @Test
  void aNonceIssuedToARegisterAlsoAuthenticatesAnInvite() throws Exception {
    Request register = messages.createRequest("REGISTER sip:" + GW + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 10.9.8.7:40000;branch=z9hG4bKr1\r\nMax-Forwards: 70\r\n"
        + "From: <sip:bob@" + GW + ">;tag=r\r\nTo: <sip:bob@" + GW + ">\r\nCall-ID: reg@10.9.8.7\r\n"
        + "CSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n");
    Response unauthorized = registrar.handle(register, PHONE);
    assertEquals(401, unauthorized.getStatusCode());
    InviteAuthenticator.Decision d = call("bob", PHONE, answer(unauthorized, "WWW-Authenticate",
        "sip:0301234567@" + GW, "bob", "builder"));
    assertEquals(CallSource.device("bob"), d.source());
  }

  @Test
  void aNonceIssuedToAnotherAddressOrAReusedNonceCountIsChallengedAfresh() throws Exception {
    Response challenge = call("alice", PHONE).refusal();
    String credentials = answer(challenge, "Proxy-Authenticate", "sip:0301234567@" + GW, "alice", "wonderland");
    Source elsewhere = new Source("10.9.8.99", 40000, "udp");
    for (int i = 0; i < MAX_FAILURES + 1; i++) {
      assertRefused(407, call("alice", elsewhere, credentials)); // not counted: no block follows
    }
    assertEquals(CallSource.device("alice"), call("alice", PHONE, credentials).source());
    assertRefused(407, call("alice", PHONE, credentials));
    assertEquals(CallSource.device("alice"), call("alice", PHONE, answer(call("alice", PHONE).refusal(),
        "Proxy-Authenticate", "sip:0301234567@" + GW, "alice", "wonderland")).source(), "not blocked");
  }

  @Test
  void aNonceWeNeverIssuedIsChallengedNotCountedAsAFailure() throws Exception {
    for (int i = 0; i < MAX_FAILURES + 1; i++) {
      assertRefused(407, call("alice", PHONE, "Proxy-Authorization: Digest username=\"alice\", realm=\"gw\","
          + " nonce=\"from-before-a-restart\", uri=\"sip:0301234567@" + GW + "\","
          + " response=\"00000000000000000000000000000000\""));
    }
  }

  @Test
  void theNatSourceOfALiveBindingMustAuthenticateWhateverItsFrom() throws Exception {
    bindings.put("bob", "sip:bob@192.168.1.20:5060", 600, "reg@x", 1, PHONE);
    assertRefused(407, call("anonymous", PHONE));
    assertEquals(CallSource.unknown(), call("anonymous", new Source(PHONE.host(), PHONE.port() + 1, "udp")).source());
  }

  @Test
  void malformedCredentialsOrADigestUriNotTheRequestUriAre400() throws Exception {
    assertRefused(400, call("alice", PHONE, "Proxy-Authorization: Digest username=\"alice\""));
    Response challenge = call("alice", PHONE).refusal();
    assertRefused(400, call("alice", PHONE, answer(challenge, "Proxy-Authenticate", "sip:elsewhere@" + GW,
        "alice", "wonderland")));
  }
}
