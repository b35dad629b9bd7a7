package io.voicegateway.sip.guard;

import io.voicegateway.config.LimitsConfig;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The whole gateway's overload signal for new INVITEs, checked before anything is allocated: too few free RTP
 * ports, the mixers running late, or too many SIP datagrams waiting for the stack. The mixer's share of late ticks
 * is taken over the last sample period (at least {@link #SAMPLE_NANOS} apart), so one late tick does not refuse
 * calls for long and a mixer that stays late keeps refusing them. An INVITE from an untrusted address is refused
 * earlier, once more than {@code limits.unknown_ports_percent} of the ports is in use: strangers as a whole (an
 * attacker with many addresses, each under its own call cap) can never take the ports trunks and registered devices
 * need; and once a quarter of {@code limits.overload_late_tick_percent} of the mixer's ticks ran late (5 % by
 * default), before trusted callers are refused at the whole share.
 */
public final class OverloadGuard {
  /** How often the mixer counters are sampled. */
  static final long SAMPLE_NANOS = 1_000_000_000L;
  /** Fewer ticks than this in a sample say nothing about lateness (a quiet or starting gateway). */
  static final long MIN_TICKS = 20;
  /** Strangers' INVITEs are refused once this fraction of {@code overload_late_tick_percent} of ticks ran late. */
  static final int STRANGERS_LATE_DIVISOR = 4;

  /** What the media side reports; read from the composition root, which sees both sides. */
  public record Signals(IntSupplier freePorts, int portCapacity, LongSupplier ticks, LongSupplier lateTicks) {
    /** No media behind (tests of the SIP layer alone): never overloaded by media. */
    public static Signals none() {
      return new Signals(() -> 1, 1, () -> 0, () -> 0);
    }
  }

  private final LimitsConfig limits;
  private final Signals signals;
  private final LongSupplier nanos;
  private final LongAdder refused = new LongAdder();
  private final LongAdder strangersRefused = new LongAdder();
  private volatile IntSupplier queueDepth = () -> 0;
  private long sampledAt;
  private long ticksAt;
  private long lateAt;
  private long latePercent;

  public OverloadGuard(LimitsConfig limits, Signals signals, LongSupplier nanos) {
    this.limits = limits;
    this.signals = signals;
    this.nanos = nanos;
    this.sampledAt = nanos.getAsLong();
    this.ticksAt = signals.ticks().getAsLong();
    this.lateAt = signals.lateTicks().getAsLong();
  }

  /** The SIP receive queue to watch (set once the stack has made it). */
  public void watchQueue(IntSupplier depth) {
    this.queueDepth = depth;
  }

  /** Why a new INVITE from a trusted address must be refused now, or empty; counts each refusal. */
  public Optional<String> overloaded() {
    return overloaded(false);
  }

  /** Why a new INVITE must be refused now, or empty; counts each refusal. */
  public Optional<String> overloaded(boolean stranger) {
    String reason = reason(stranger);
    if (reason != null) {
      refused.increment();
      if (stranger) {
        strangersRefused.increment();
      }
    }
    return Optional.ofNullable(reason);
  }

  private String reason(boolean stranger) {
    int capacity = signals.portCapacity();
    if (capacity > 0) {
      long free = signals.freePorts().getAsInt();
      if (free * 100L < (long) capacity * limits.overloadFreePortsPercent()) {
        return "ports";
      }
      if (stranger && (capacity - free) * 100L >= (long) capacity * limits.unknownPortsPercent()) {
        return "ports, strangers' share";
      }
    }
    if (queueDepth.getAsInt() >= limits.overloadQueueDepth()) {
      return "queue";
    }
    long latePercent = mixerLatePercent();
    if (latePercent > limits.overloadLateTickPercent()) {
      return "mixer";
    }
    // strangers stop first when the mixers fall behind: their calls are the ones a many-address flood adds
    return stranger && latePercent > limits.overloadLateTickPercent() / STRANGERS_LATE_DIVISOR
        ? "mixer, strangers' share" : null;
  }

  /** The share of late ticks over the last sample, in percent (0 when the sample had too few ticks). */
  private synchronized long mixerLatePercent() {
    long now = nanos.getAsLong();
    if (now - sampledAt >= SAMPLE_NANOS) {
      long ticks = signals.ticks().getAsLong();
      long late = signals.lateTicks().getAsLong();
      long dt = ticks - ticksAt;
      latePercent = dt >= MIN_TICKS ? (late - lateAt) * 100 / dt : 0;
      sampledAt = now;
      ticksAt = ticks;
      lateAt = late;
    }
    return latePercent;
  }

  /** New INVITEs answered 503 since start. */
  public long refused() {
    return refused.sum();
  }

  /** New INVITEs from untrusted addresses answered 503 since start (included in {@link #refused}). */
  public long strangersRefused() {
    return strangersRefused.sum();
  }

  /** The datagrams waiting for the stack now. */
  public int queueDepth() {
    return queueDepth.getAsInt();
  }

  public LimitsConfig limits() {
    return limits;
  }
}
