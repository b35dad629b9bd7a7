package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.sip.registrar.Binding;
import io.voicegateway.sip.registrar.QualifyStatus;
import io.voicegateway.sip.registrar.Reachability;
import io.voicegateway.sip.registrar.Source;
import io.voicegateway.testing.FakeClock;
import io.voicegateway.testing.NistSip;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** Rounds of OPTIONS driven by hand: who is pinged, how answers and silences turn into reachability. */
class BindingQualifierTest {
  private final FakeClock clock = new FakeClock();
  private final List<Binding> live = new ArrayList<>();
  /** Outstanding pings in the order sent, by binding. */
  private final Map<Binding, Promise<Response>> pending = new LinkedHashMap<>();
  private final List<Binding> sent = new ArrayList<>();
  private long nanos;
  private final BindingQualifier qualifier = new BindingQualifier(() -> List.copyOf(live), this::ping,
      Duration.ofSeconds(30), new Reachability(BindingQualifier.DOWN_AFTER, clock), () -> nanos);

  private final Binding alice = new Binding("alice", "sip:alice@192.168.1.2:5060", Long.MAX_VALUE, "c", 1,
      new Source("198.51.100.4", 40312, "udp"));
  private final Binding bob = new Binding("bob", "sip:bob@10.0.0.3:5062", Long.MAX_VALUE, "c", 1,
      new Source("198.51.100.9", 5062, "tcp"));

  private Future<Response> ping(Binding b) {
    sent.add(b);
    Promise<Response> p = Promise.promise();
    pending.put(b, p);
    return p.future();
  }

  private void answer(Binding b) {
    pending.remove(b).complete(ok());
  }

  private static Response ok() {
    try {
      return NistSip.messages().createResponse("SIP/2.0 200 OK\r\n"
          + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKq\r\nFrom: <sip:gateway@127.0.0.1>;tag=a\r\n"
          + "To: <sip:alice@127.0.0.1>;tag=b\r\nCall-ID: q@127.0.0.1\r\nCSeq: 1 OPTIONS\r\n"
          + "Content-Length: 0\r\n\r\n");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void silence(Binding b) {
    pending.remove(b).fail("no answer");
  }

  @Test
  void eachRoundPingsEveryLiveBindingAndRecordsTheRoundTrip() {
    live.addAll(List.of(alice, bob));
    qualifier.qualifyAll();
    assertEquals(List.of(alice, bob), sent);
    nanos += 23_000_000;
    answer(alice);
    nanos += 40_000_000;
    answer(bob);
    assertEquals(23, qualifier.statuses().get(0).status().rttMs());
    assertEquals(63, qualifier.statuses().get(1).status().rttMs());
    assertTrue(qualifier.reachable(alice) && qualifier.reachable(bob));
  }

  @Test
  void aBindingThatStopsAnsweringIsUnreachableAfterThreeRoundsAndBackOnItsNextAnswer() {
    live.add(alice);
    for (int round = 1; round <= BindingQualifier.DOWN_AFTER; round++) {
      assertTrue(qualifier.reachable(alice), "still reachable before round " + round);
      qualifier.qualifyAll();
      silence(alice);
    }
    assertFalse(qualifier.reachable(alice));
    QualifyStatus status = qualifier.statuses().get(0).status();
    assertEquals(BindingQualifier.DOWN_AFTER, status.missed());
    qualifier.qualifyAll();
    answer(alice);
    assertTrue(qualifier.reachable(alice));
  }

  @Test
  void notYetQualifiedIsReachableAndAPingStillOutIsNotRepeated() {
    live.add(alice);
    assertTrue(qualifier.reachable(alice));
    assertEquals(QualifyStatus.UNKNOWN, qualifier.statuses().get(0).status());
    qualifier.qualifyAll();
    qualifier.qualifyAll();
    assertEquals(1, sent.size(), "one OPTIONS outstanding per binding");
    answer(alice);
    qualifier.qualifyAll();
    assertEquals(2, sent.size());
  }

  @Test
  void aBindingThatIsGoneIsNeitherPingedNorListed() {
    live.addAll(List.of(alice, bob));
    qualifier.qualifyAll();
    silence(alice);
    answer(bob);
    live.remove(alice);
    sent.clear();
    qualifier.qualifyAll();
    assertEquals(List.of(bob), sent);
    assertEquals(List.of(bob), qualifier.statuses().stream().map(BindingQualifier.BindingStatus::binding).toList());
  }
}
