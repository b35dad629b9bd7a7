package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.CallDirection;
import io.voicegateway.control.Call;
import io.voicegateway.control.FakeScheduler;
import io.voicegateway.sip.registrar.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InviteProgressWatchTest {
  private static final Source TCP_CALLER = new Source("192.0.2.5", 40001, "tcp");
  private static final Source UDP_CALLER = new Source("192.0.2.5", 5060, "udp");

  private final FakeScheduler scheduler = new FakeScheduler();
  private final List<String> released = new ArrayList<>();
  private final InviteProgressWatches watches = new InviteProgressWatches(scheduler,
      (call, reason) -> released.add(call.sipCallId() + ": " + reason));

  private static Call call(String sipCallId) {
    return new Call(CallDirection.INBOUND, "sip:a@x", "sip:102@gw", sipCallId, Map.of(), 0);
  }

  @Test
  void anUnansweredInviteIsReleasedAtTimerCAndNotBefore() {
    watches.watch(call("c1"), () -> true, UDP_CALLER, null);
    scheduler.advance(InviteProgressWatch.TIMER_C.minusMillis(1));
    assertEquals(List.of(), released);
    scheduler.advance(Duration.ofMillis(1));
    assertEquals(List.of("c1: not answered within 181 s"), released);
    scheduler.advance(Duration.ofHours(1));
    assertEquals(1, released.size(), "once");
  }

  @Test
  void theInvitesExpiresShortensTheLimitButNeverLengthensIt() {
    assertEquals(Duration.ofSeconds(30), InviteProgressWatch.limit(30L));
    assertEquals(InviteProgressWatch.TIMER_C, InviteProgressWatch.limit(3600L));
    assertEquals(InviteProgressWatch.TIMER_C, InviteProgressWatch.limit(null));
    watches.watch(call("c1"), () -> true, UDP_CALLER, 30L);
    scheduler.advance(Duration.ofSeconds(30));
    assertEquals(List.of("c1: not answered within 30 s"), released);
  }

  @Test
  void anAnsweredOrRefusedInviteReleasesNothing() {
    AtomicBoolean unanswered = new AtomicBoolean(true);
    watches.watch(call("c1"), unanswered::get, TCP_CALLER, null);
    unanswered.set(false);
    watches.connectionClosed(TCP_CALLER);
    scheduler.advance(Duration.ofMinutes(10));
    assertEquals(List.of(), released);
    assertEquals(0, scheduler.pending(), "its timer went with it");
  }

  @Test
  void aClosedConnectionReleasesEveryUnansweredInviteItCarriedAtOnce() {
    watches.watch(call("c1"), () -> true, TCP_CALLER, null);
    watches.watch(call("c2"), () -> true, TCP_CALLER, null);
    watches.watch(call("other"), () -> true, new Source("192.0.2.5", 40002, "tcp"), null);
    watches.watch(call("udp"), () -> true, UDP_CALLER, null);
    assertEquals(3, watches.watchedOverConnections(), "UDP has no connection to lose");
    watches.connectionClosed(TCP_CALLER);
    assertEquals(List.of("c1: caller's connection closed", "c2: caller's connection closed"), released);
    assertEquals(1, watches.watchedOverConnections());
    assertEquals(2, scheduler.pending(), "their Timer C cancelled");
    watches.connectionClosed(TCP_CALLER);
    assertEquals(2, released.size(), "a second close finds nothing");
  }

  @Test
  void aWatchThatFiredIsForgottenByItsConnection() {
    watches.watch(call("c1"), () -> true, TCP_CALLER, 10L);
    scheduler.advance(Duration.ofSeconds(10));
    assertEquals(0, watches.watchedOverConnections());
    watches.connectionClosed(TCP_CALLER);
    assertEquals(List.of("c1: not answered within 10 s"), released);
  }

  @Test
  void aSingleWatchFiresOnceWhicheverComesFirst() {
    List<String> reasons = new ArrayList<>();
    List<InviteProgressWatch> finished = new ArrayList<>();
    InviteProgressWatch watch = new InviteProgressWatch(() -> true, reasons::add, finished::add);
    watch.start(scheduler, Duration.ofSeconds(5));
    watch.transportGone();
    scheduler.advance(Duration.ofSeconds(5));
    watch.transportGone();
    assertEquals(List.of("caller's connection closed"), reasons);
    assertEquals(List.of(watch), finished);
    assertTrue(watch.done());
  }

  @Test
  void aSettledInviteCancelsItsTimerCAndIsForgottenAtOnce() {
    // An armed Timer C holds the call and its legs' dialogs: an answered INVITE must not keep it for 3 minutes.
    InviteProgressWatch watch = watches.watch(call("c1"), () -> true, TCP_CALLER, null);
    assertEquals(1, scheduler.pending());
    watch.settled();
    assertEquals(0, scheduler.pending(), "its timer cancelled");
    assertEquals(0, watches.watchedOverConnections(), "forgotten by its connection");
    watches.connectionClosed(TCP_CALLER);
    scheduler.advance(Duration.ofMinutes(10));
    assertEquals(List.of(), released, "a settled watch releases nothing");
  }

  @Test
  void theLegEndsItsWatchWhenTheInviteIsSettled() {
    SipLeg leg = SipLeg.outbound("c1", "tag");
    leg.watchedBy(watches.watch(call("c1"), () -> true, UDP_CALLER, null));
    leg.pendingServerInvite(null); // the final response went out
    assertEquals(0, scheduler.pending());
    leg.endWatch(); // the leg leaving later ends nothing twice
    scheduler.advance(Duration.ofMinutes(10));
    assertEquals(List.of(), released);
  }
}
