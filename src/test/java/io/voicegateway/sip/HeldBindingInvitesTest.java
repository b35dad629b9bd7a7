package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.voicegateway.control.route.CallSource;
import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.sip.registrar.Binding;
import io.voicegateway.sip.registrar.Bindings;
import io.voicegateway.sip.registrar.NodeHops;
import io.voicegateway.sip.registrar.PublishedBindings;
import io.voicegateway.sip.registrar.Source;
import io.voicegateway.sip.stack.LogFloodGuard;
import io.voicegateway.testing.FakeClock;
import io.voicegateway.testing.NistSip;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The holding node's decision on parsed INVITEs: no pass → an ordinary call (not decided here); a good pass → a call
 * from the calling node that rings the one TCP binding the pass names; a forged or replayed pass → 403; a pass for
 * a binding gone meanwhile → 480; refusals logged one line per window.
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
  private final AtomicLong nanos = new AtomicLong(1);
  private MessageFactory messages;
  private HeldBindingInvites held;

  @BeforeEach
  void setUp() throws Exception {
    messages = NistSip.messages();
    held = new HeldBindingInvites(here, messages, new LogFloodGuard(nanos::get));
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

  @Test
  void refusalsAreLoggedOncePerWindowWithTheSendersHostAndHowManyWereHeldBack() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override public void publish(LogRecord r) {
        lines.add(r.getMessage());
      }

      @Override public void flush() {}

      @Override public void close() {}
    };
    Logger log = Logger.getLogger(HeldBindingInvites.class.getName());
    log.addHandler(capture);
    try {
      for (int i = 0; i < 3; i++) {
        assertEquals(403, held.decide(invite("sip:alice@127.0.0.1:5070;vg-hop=x" + i)).refusal().getStatusCode());
      }
      assertEquals(1, lines.size(), "one line for three forged passes within the window: " + lines);
      assertTrue(lines.get(0).startsWith("refused an INVITE for a device held here (cluster pass: "), lines.get(0));
      assertTrue(lines.get(0).endsWith(") from 127.0.0.1"), "the Via host, not its header text: " + lines.get(0));
      nanos.addAndGet(LogFloodGuard.WINDOW_NANOS);
      held.decide(invite("sip:alice@127.0.0.1:5070;vg-hop=y"));
      assertEquals(2, lines.size(), lines.toString());
      assertTrue(lines.get(1).endsWith("from 127.0.0.1 (and 2 more like it before)"), lines.get(1));
    } finally {
      log.removeHandler(capture);
    }
  }
}
