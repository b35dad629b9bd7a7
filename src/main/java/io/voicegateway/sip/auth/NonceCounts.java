package io.voicegateway.sip.auth;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The highest nonce-count accepted so far for each nonce still alive, so a captured request replayed with the
 * same (or a lower) {@code nc} is refused (RFC 7616 §3.4: "the server ... can detect replays"). Only a request
 * whose response was already found right records an entry, so an attacker without the password cannot grow the
 * table; it is bounded anyway: past {@code capacity}, expired entries go and then the oldest live one, whose
 * issue time becomes a floor under which a nonce without an entry counts as used up (its client is told
 * {@code stale=true} and gets a fresh nonce) rather than as new. Thread-safe (one lock; a map lookup per
 * authenticated request).
 */
final class NonceCounts {

  /** What a request's nc means for its nonce. */
  enum Use {
    /** Higher than any nc seen for this nonce: recorded. */
    FRESH,
    /** Equal to or lower than one already accepted: a replay. */
    REPEATED,
    /** The nonce's entry was evicted to bound the table: treat the nonce as expired. */
    FORGOTTEN
  }

  private record Entry(long issuedMs, long highestNc) {
  }

  private final int capacity;
  private final long lifetimeMs;
  /** Insertion order is first-use order, which is close to issue order: the eldest entry expires first. */
  private final LinkedHashMap<String, Entry> byNonce = new LinkedHashMap<>();
  /** Nonces issued at or before this and absent from the table were evicted, not unseen. */
  private long forgottenUpToMs = Long.MIN_VALUE;

  NonceCounts(int capacity, long lifetimeMs) {
    this.capacity = capacity;
    this.lifetimeMs = lifetimeMs;
  }

  /** Records {@code nc} for the nonce issued at {@code issuedMs} if it is higher than any before it. */
  synchronized Use use(String nonce, long issuedMs, long nc, long nowMs) {
    dropExpiredEldest(nowMs);
    Entry e = byNonce.get(nonce);
    if (e == null) {
      if (issuedMs <= forgottenUpToMs) {
        return Use.FORGOTTEN;
      }
      makeRoom(nowMs);
      byNonce.put(nonce, new Entry(issuedMs, nc));
      return Use.FRESH;
    }
    if (nc <= e.highestNc()) {
      return Use.REPEATED;
    }
    byNonce.put(nonce, new Entry(issuedMs, nc));
    return Use.FRESH;
  }

  synchronized int size() {
    return byNonce.size();
  }

  /** Entries leave with their nonce's life: the eldest first, so this costs O(1) per call once caught up. */
  private void dropExpiredEldest(long nowMs) {
    Iterator<Entry> eldest = byNonce.values().iterator();
    while (eldest.hasNext() && nowMs - eldest.next().issuedMs() > lifetimeMs) {
      eldest.remove();
    }
  }

  private void makeRoom(long nowMs) {
    if (byNonce.size() < capacity) {
      return;
    }
    byNonce.values().removeIf(e -> nowMs - e.issuedMs() > lifetimeMs);
    Iterator<Map.Entry<String, Entry>> eldest = byNonce.entrySet().iterator();
    while (byNonce.size() >= capacity && eldest.hasNext()) {
      forgottenUpToMs = Math.max(forgottenUpToMs, eldest.next().getValue().issuedMs());
      eldest.remove();
    }
  }
}
