package io.voicegateway.sip.guard;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * At most {@code limits.unknown_source_max_calls} calls at once from one address that is neither a trunk nor a
 * registered device's host ({@link TrustedSources}): {@code sip:echo} and other open routes are reachable by anyone,
 * and without this one address could hold every RTP port with calls it never hangs up. A slot is taken when a new
 * INVITE is admitted and given back when its call ends or is refused; trusted addresses take no slot.
 */
public final class SourceCallCap {
  /** A call's hold on its source's count: released once, however often {@link #release} is called. */
  public interface Slot {
    /** Held by calls from trusted sources, and when no cap is set: releases nothing. */
    Slot NONE = () -> {};

    void release();
  }

  private final TrustedSources trusted;
  private final IntSupplier max;
  private final Map<InetAddress, Integer> calls = new HashMap<>();
  private final LongAdder refused = new LongAdder();

  /** @param max the cap now ({@code 0}: no cap), read on each INVITE */
  public SourceCallCap(TrustedSources trusted, IntSupplier max) {
    this.trusted = trusted;
    this.max = max;
  }

  /** The slot a new call from {@code source} holds, or empty (counted) when that source is at its cap. */
  public Optional<Slot> take(InetAddress source) {
    int cap = max.getAsInt();
    if (source == null || cap <= 0 || trusted.trusted(source)) {
      return Optional.of(Slot.NONE);
    }
    synchronized (this) {
      int now = calls.getOrDefault(source, 0);
      if (now >= cap) {
        refused.increment();
        return Optional.empty();
      }
      calls.put(source, now + 1);
    }
    return Optional.of(new Held(source));
  }

  /** Whether {@code source} is a trunk or a registered device's host (takes no slot, gets the whole port pool). */
  public boolean trusts(InetAddress source) {
    return trusted.trusted(source);
  }

  private synchronized void give(InetAddress source) {
    calls.computeIfPresent(source, (a, n) -> n > 1 ? n - 1 : null);
  }

  /** Calls from untrusted addresses holding a slot now. */
  public synchronized int active() {
    return calls.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Calls from {@code source} holding a slot now. */
  public synchronized int active(InetAddress source) {
    return calls.getOrDefault(source, 0);
  }

  /** New INVITEs refused at the cap since start. */
  public long refused() {
    return refused.sum();
  }

  private final class Held implements Slot {
    private final InetAddress source;
    private boolean released;

    Held(InetAddress source) {
      this.source = source;
    }

    @Override
    public void release() {
      synchronized (SourceCallCap.this) {
        if (released) {
          return;
        }
        released = true;
      }
      give(source);
    }
  }
}
