package io.voicegateway.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReachabilityTest {
  private static final Source NAT = new Source("198.51.100.4", 40312, "udp");
  private final FakeClock clock = new FakeClock();
  private final Reachability table = new Reachability(3, clock);
  private final Binding alice = new Binding("alice", "sip:alice@192.168.1.2:5060", 0, "c", 1, NAT);

  @Test
  void unknownIsReachable() {
    assertTrue(table.reachable(alice));
    assertEquals(QualifyStatus.UNKNOWN, table.status(alice));
  }

  @Test
  void downAfterThreeMissesInARowAndUpOnTheNextAnswer() {
    table.answered(alice, 12);
    clock.advance(Duration.ofSeconds(30));
    table.missed(alice);
    table.missed(alice);
    assertTrue(table.reachable(alice), "two misses are not yet down");
    table.missed(alice);
    assertFalse(table.reachable(alice));
    QualifyStatus down = table.status(alice);
    assertEquals(3, down.missed());
    assertEquals(12, down.rttMs(), "the last known round trip stays visible");
    assertEquals(clock.millis() - 30_000, down.lastAnswerMs());
    table.answered(alice, 7);
    assertEquals(new QualifyStatus(true, 7, 0, clock.millis(), clock.millis()), table.status(alice));
  }

  @Test
  void aMissBetweenAnswersDoesNotAccumulate() {
    table.missed(alice);
    table.missed(alice);
    table.answered(alice, 5);
    table.missed(alice);
    table.missed(alice);
    assertTrue(table.reachable(alice));
  }

  @Test
  void theSameContactFromANewNatSourceStartsAfreshAndRefreshesKeepTheStatus() {
    for (int i = 0; i < 3; i++) {
      table.missed(alice);
    }
    Binding refreshed = new Binding("alice", alice.contact(), 99_000, "c", 2, NAT);
    assertFalse(table.reachable(refreshed), "a re-REGISTER from the same place does not clear the verdict");
    Binding moved = new Binding("alice", alice.contact(), 99_000, "c", 3, new Source("198.51.100.4", 40999, "udp"));
    assertTrue(table.reachable(moved));
  }

  @Test
  void retainForgetsBindingsThatAreGone() {
    Binding bob = new Binding("bob", "sip:bob@10.0.0.3", 0, "c", 1, NAT);
    table.answered(alice, 1);
    table.answered(bob, 2);
    table.retain(List.of(bob));
    assertEquals(QualifyStatus.UNKNOWN, table.status(alice));
    assertEquals(2, table.status(bob).rttMs());
  }

  @Test
  void downAfterMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new Reachability(0, clock));
  }
}
