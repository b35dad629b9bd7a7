package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import io.voicegateway.control.route.CallSource;
import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.sip.registrar.Binding;
import io.voicegateway.sip.registrar.Bindings;
import io.voicegateway.sip.registrar.NodeHops;
import io.voicegateway.sip.registrar.PublishedBindings;
import io.voicegateway.sip.registrar.Source;
import io.voicegateway.testing.FakeClock;
import java.security.SecureRandom;
import java.util.List;
import javax.sip.SipFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The holding node's decision on parsed INVITEs: no pass → an ordinary call (not decided here); a good pass → a call
 * from the calling node that rings the one TCP binding the pass names; a forged or replayed pass → 403; a pass for
 * a binding gone meanwhile → 480.
 */
class HeldBindingInvitesTest {
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
  private static final String CONTACT = "sip:alice@10.0.0.8:5060;transport=tcp";
  private static final Source TCP = new Source("127.0.0.1", 40313, "tcp");

  private final FakeClock clock = new FakeClock();
  private final Bindings here = new Bindings(clock, new PublishedBindings((d, c, j, t) -> {}, (d, c) -> {},
      d -> List.<JsonObject>of(), clock::millis, "sip:127.0.0.1:5070",
      new NodeHops(SECRET, "node-a", clock::millis, new SecureRandom()), List::of));
  private final NodeHops nodeB = new NodeHops(SECRET, "node-b", clock::millis, new SecureRandom());
  private MessageFactory messages;
  private HeldBindingInvites held;

  @BeforeEach
  void setUp() throws Exception {
    SipFactory factory = SipFactory.getInstance();
    factory.setPathName("gov.nist");
    messages = factory.createMessageFactory();
    held = new HeldBindingInvites(here, messages);
    here.put("alice", CONTACT, 60, "c1", 1, TCP);
  }

  private Request invite(String requestUri) throws Exception {
    return messages.createRequest("INVITE " + requestUri + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
        + "From: <sip:+4971112345@127.0.0.1:5080>;tag=f1\r\nTo: <sip:alice@127.0.0.1:5070>\r\n"
        + "Call-ID: hop-1@127.0.0.1\r\nCSeq: 1 INVITE\r\nContact: <sip:127.0.0.1:5080>\r\nContent-Length: 0\r\n\r\n");
  }

  /** What node B sends for node A's binding: its Request-URI with a fresh pass. */
  private String fromNodeB() {
    return nodeB.requestUri(new Binding("alice", CONTACT, clock.millis() + 60_000, "c1", 1, TCP,
        "sip:127.0.0.1:5070"));
  }

  @Test
  void anInviteWithoutAPassIsAnOrdinaryCall() throws Exception {
    assertNull(held.decide(invite("sip:alice@127.0.0.1:5070")));
  }

  @Test
  void aGoodPassRingsTheBindingItNamesForTheCallingNode() throws Exception {
    HeldBindingInvites.Decision d = held.decide(invite(fromNodeB()));
    assertNull(d.refusal());
    assertEquals(CallSource.node("node-b"), d.source());
    assertEquals(RouteTarget.Kind.BINDING, d.target().kind());
    assertEquals(CONTACT, d.target().name());
    assertEquals(List.of("alice"), d.target().devices());
  }

  @Test
  void aForgedOrReplayedPassGets403() throws Exception {
    String uri = fromNodeB();
    held.decide(invite(uri));
    assertEquals(403, held.decide(invite(uri)).refusal().getStatusCode(), "replayed");
    String forged = uri.substring(0, uri.length() - 4) + "AAAA";
    assertEquals(403, held.decide(invite(forged)).refusal().getStatusCode(), "forged");
    assertEquals(403, held.decide(invite("sip:alice@127.0.0.1:5070;vg-hop=x")).refusal().getStatusCode());
  }

  @Test
  void aPassForABindingGoneMeanwhileGets480() throws Exception {
    String uri = fromNodeB();
    here.removeAtSource(TCP);
    assertEquals(480, held.decide(invite(uri)).refusal().getStatusCode());
  }
}
