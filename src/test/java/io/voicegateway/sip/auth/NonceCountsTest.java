package io.voicegateway.sip.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NonceCountsTest {
  private static final long LIFETIME = 300_000;

  @Test
  void eachNonceHasItsOwnRisingCount() {
    NonceCounts counts = new NonceCounts(10, LIFETIME);
    assertEquals(NonceCounts.Use.FRESH, counts.use("a", 0, 1, 0));
    assertEquals(NonceCounts.Use.FRESH, counts.use("b", 0, 1, 0));
    assertEquals(NonceCounts.Use.REPEATED, counts.use("a", 0, 1, 0));
    assertEquals(NonceCounts.Use.FRESH, counts.use("a", 0, 2, 0));
    assertEquals(NonceCounts.Use.REPEATED, counts.use("a", 0, 1, 0));
  }

  @Test
  void entriesLeaveWithTheirNonce() {
    NonceCounts counts = new NonceCounts(10, LIFETIME);
    counts.use("a", 0, 1, 0);
    counts.use("b", 1_000, 1, 1_000);
    counts.use("c", 200_000, 1, LIFETIME + 500);
    assertEquals(2, counts.size(), "a expired when c came");
    counts.use("c", 200_000, 2, 500_001);
    assertEquals(1, counts.size());
  }

  @Test
  void aFullTableForgetsItsEldestAndTreatsOlderNoncesAsUsedUp() {
    NonceCounts counts = new NonceCounts(2, LIFETIME);
    counts.use("a", 10, 1, 10);
    counts.use("b", 20, 1, 20);
    assertEquals(NonceCounts.Use.FRESH, counts.use("c", 30, 1, 30));
    assertEquals(2, counts.size());
    assertEquals(NonceCounts.Use.FORGOTTEN, counts.use("a", 10, 2, 40), "evicted: not taken as new");
    assertEquals(NonceCounts.Use.FORGOTTEN, counts.use("unseen-but-older", 5, 1, 40));
    assertEquals(NonceCounts.Use.REPEATED, counts.use("c", 30, 1, 40));
  }
}
