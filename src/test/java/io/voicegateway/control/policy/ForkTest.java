package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.control.FakeDialer;
import io.voicegateway.control.FakeDialer.FakeDial;
import io.voicegateway.control.FakeDialer.Named;
import io.voicegateway.control.FakeScheduler;
import io.voicegateway.control.Leg;
import io.voicegateway.control.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parallel ringing, first answer wins, all busy, ring timeout, early media, CANCEL racing a 200: no SIP, no sleep. */
class ForkTest {
  private final FakeDialer dialer = new FakeDialer();
  private final FakeScheduler scheduler = new FakeScheduler();
  private final Call call = new Call(CallDirection.INBOUND, "sip:a@x", "sip:100@gw", "cid", Map.of(), 0);
  private final Recorder listener = new Recorder();
  private final Fork fork = new Fork(dialer, scheduler, call, "alice", Map.of("X-A", "1"), listener);

  /** What the fork told its owner. */
  private static final class Recorder implements Fork.Listener {
    final List<Integer> progress = new ArrayList<>();
    final List<Leg> early = new ArrayList<>();
    Leg answered;
    Integer failed;
    String reason;
    boolean takesEarlyMedia;
    int finals;

    @Override
    public void progress(int status) {
      progress.add(status);
    }

    @Override
    public boolean takesEarlyMedia() {
      return takesEarlyMedia;
    }

    @Override
    public void earlyMedia(Leg branch, int status) {
      early.add(branch);
    }

    @Override
    public void answered(Leg winner) {
      answered = winner;
      finals++;
    }

    @Override
    public void failed(int status, String reason) {
      failed = status;
      this.reason = reason;
      finals++;
    }
  }

  private void ring(String... labels) {
    fork.start(List.of(labels).stream().map(Named::new).toList(), Duration.ofSeconds(30));
  }

  @Test
  void everyBranchStartsInOneTurnWithTheCallersIdentity() {
    ring("alice-phone", "alice-desk");

    assertEquals(2, dialer.dials.size());
    assertTrue(dialer.dials.stream().allMatch(d -> d.started));
    assertTrue(dialer.dials.stream().allMatch(d -> "alice".equals(d.caller)));
  }

  @Test
  void firstAnswerWinsAndTheRestAreCancelled() {
    ring("a", "b", "c");
    dialer.dial("a").ringing();
    dialer.dial("b").ringing();

    dialer.dial("b").answer();

    assertSame(dialer.dial("b").leg(), listener.answered);
    assertTrue(dialer.dial("b").joined);
    assertFalse(dialer.dial("b").cancelled);
    assertTrue(dialer.dial("a").cancelled);
    assertTrue(dialer.dial("c").cancelled);
    assertEquals(1, listener.finals, "the 487s of the cancelled branches are not a second outcome");
    assertEquals(0, scheduler.pending(), "the ring timer is gone");
    assertEquals(List.of(Status.RINGING, Status.RINGING), listener.progress);
  }

  @Test
  void aSecondAnswerIsHungUp() {
    ring("a", "b");
    dialer.dial("a").answer();
    FakeDial late = dialer.dial("b");

    late.answer(); // crossed our CANCEL

    assertTrue(late.cancelled);
    assertFalse(late.joined);
    assertEquals(1, listener.finals);
  }

  @Test
  void allBusyGives486() {
    ring("a", "b");
    dialer.dial("a").fail(Status.BUSY_HERE);
    assertNull(listener.failed, "one branch still rings");

    dialer.dial("b").fail(Status.DECLINE);

    assertEquals(Status.BUSY_HERE, listener.failed);
    assertEquals(0, scheduler.pending());
  }

  @Test
  void mixedFailuresGive480() {
    ring("a", "b");
    dialer.dial("a").fail(Status.BUSY_HERE);
    dialer.dial("b").fail(Status.SERVICE_UNAVAILABLE);

    assertEquals(Status.TEMPORARILY_UNAVAILABLE, listener.failed);
  }

  @Test
  void ringTimeoutCancelsEveryBranchWith408() {
    ring("a", "b");
    dialer.dial("a").ringing();

    scheduler.advance(Duration.ofSeconds(29));
    assertNull(listener.failed);
    scheduler.advance(Duration.ofSeconds(1));

    assertEquals(Status.REQUEST_TIMEOUT, listener.failed);
    assertEquals("no answer", listener.reason);
    assertTrue(dialer.dials.stream().allMatch(d -> d.cancelled));
    assertEquals(1, listener.finals);
  }

  @Test
  void cancelRacingA200HangsTheAnswerUpAndTellsNobody() {
    ring("a", "b");
    dialer.dial("a").ringing();
    call.moveTo(CallState.TERMINATED, 1); // the caller's CANCEL ended the call first

    dialer.dial("a").answer();

    assertTrue(dialer.dial("a").cancelled, "the late answer gets its BYE");
    assertFalse(dialer.dial("a").joined);
    assertEquals(0, listener.finals);
  }

  @Test
  void aCallEndedWhileMediaWasAllocatedRingsNobody() {
    call.moveTo(CallState.TERMINATED, 1);

    ring("a");

    assertFalse(dialer.dial("a").started);
    assertTrue(dialer.dial("a").cancelled);
  }

  @Test
  void theFirstUsableEarlyMediaPlaysAndLaterOnesAreProgress() {
    listener.takesEarlyMedia = true;
    ring("trunk-1", "trunk-2");
    dialer.dial("trunk-1").earlyMediaUsable = false;

    dialer.dial("trunk-1").earlyMedia(); // unusable SDP: just progress
    dialer.dial("trunk-2").earlyMedia();
    dialer.dial("trunk-1").earlyMedia();

    assertEquals(List.of(dialer.dial("trunk-2").leg()), listener.early);
    assertEquals(List.of(Status.SESSION_PROGRESS, Status.SESSION_PROGRESS), listener.progress);
  }

  @Test
  void aCallerWithoutEarlyMediaOnlyHearsProgress() {
    ring("trunk");

    dialer.dial("trunk").earlyMedia();

    assertFalse(dialer.dial("trunk").earlyMediaTaken);
    assertEquals(List.of(Status.SESSION_PROGRESS), listener.progress);
  }

  @Test
  void aBranchWithoutMediaCountsAsFailed() {
    dialer.noMedia.add("a");
    ring("a", "b");

    dialer.dial("b").fail(Status.BUSY_HERE);

    assertEquals(Status.TEMPORARILY_UNAVAILABLE, listener.failed, "503 and 486 differ");
  }

  @Test
  void nobodyToRingFailsAtOnce() {
    fork.start(List.of(), Duration.ofSeconds(30));

    assertEquals(Status.TEMPORARILY_UNAVAILABLE, listener.failed);
    assertEquals(0, scheduler.pending());
  }
}
